// Scale generators shared by benchmarks: realistic objects with owner chains, labels and IPs.

import type {KubeObject} from '../../src/cluster/types.ts';

export function generatePods(count: number, namespaces = 50): KubeObject[] {
  const pods: KubeObject[] = [];
  for (let i = 0; i < count; i++) {
    const app = `app-${i % 200}`;
    pods.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${app}-${(i * 7919).toString(36)}`,
        namespace: `ns-${i % namespaces}`,
        uid: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
        labels: {app, tier: ['frontend', 'backend', 'database'][i % 3], 'pod-template-hash': (i % 1000).toString(36)},
        annotations: {'prometheus.io/scrape': String(i % 2 === 0), 'prometheus.io/port': '9102'},
        ownerReferences: [{apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${app}-rs`, uid: `rs-${i % 1000}`, controller: true}],
        creationTimestamp: '2026-11-01T00:00:00Z',
      },
      spec: {
        nodeName: `node-${i % 100}`,
        serviceAccountName: 'default',
        containers: [{name: 'main', image: 'registry.example/app:1.0', ports: [{name: 'http', containerPort: 8080}, {name: 'metrics', containerPort: 9102}]}],
      },
      status: {phase: 'Running', podIP: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, hostIP: `192.168.0.${i % 100}`},
    });
  }
  return pods;
}
