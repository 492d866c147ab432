// Prometheus's own Kubernetes discovery cases, stated as tables: the objects upstream's fake client
// holds, the target groups upstream expects. Sources: prometheus/prometheus v3.14.0
// discovery/kubernetes/{pod,node,service,endpoints,endpointslice,ingress}_test.go (test names in the
// first column). Upstream's fake client does not default fields, so apiDefaults is off here.
import type {KubeObject} from '../../src/cluster/types.ts';
import {discoverKubernetes, discoverySemantics, emptyDiscoveryObjects, kubernetesSdConfig} from '../../src/prometheus/discovery/index.ts';
import type {DiscoveryObjects, KubernetesSdConfig, TargetGroup} from '../../src/prometheus/discovery/index.ts';
import {parsePrometheusVersion} from '../../src/prometheus/version.ts';

const M = '__meta_kubernetes_';
const upstream = (version = '3.14') => discoverySemantics(parsePrometheusVersion(version), {apiDefaults: false});

function objects(list: Partial<DiscoveryObjects>): DiscoveryObjects {
  return {...emptyDiscoveryObjects(), ...list};
}

// pod_test.go makeMultiPortPods
const multiPortPod: KubeObject = {
  apiVersion: 'v1', kind: 'Pod',
  metadata: {name: 'testpod', namespace: 'default', labels: {'test/label': 'testvalue'}, annotations: {'test/annotation': 'testannotationvalue'}, uid: 'abc123',
    ownerReferences: [{apiVersion: '', kind: 'testcontrollerkind', name: 'testcontrollername', uid: '', controller: true}]},
  spec: {nodeName: 'testnode', containers: [
    {name: 'testcontainer0', image: 'testcontainer0:latest', ports: [{name: 'testport0', protocol: 'TCP', containerPort: 9000}, {name: 'testport1', protocol: 'UDP', containerPort: 9001}]},
    {name: 'testcontainer1', image: 'testcontainer1:latest'},
  ]},
  status: {podIP: '1.2.3.4', hostIP: '2.3.4.5', phase: 'Running', conditions: [{type: 'Ready', status: 'True'}],
    containerStatuses: [{name: 'testcontainer0', containerID: 'docker://a1b2c3d4e5f6'}, {name: 'testcontainer1', containerID: 'containerd://6f5e4d3c2b1a'}]},
};

// pod_test.go makePods
function makePod(namespace: string): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {name: 'testpod', namespace, uid: 'abc123'},
    spec: {nodeName: 'testnode', containers: [{name: 'testcontainer', image: 'testcontainer:latest', ports: [{name: 'testport', protocol: 'TCP', containerPort: 9000}]}]},
    status: {podIP: '1.2.3.4', hostIP: '2.3.4.5', phase: 'Running', conditions: [{type: 'Ready', status: 'True'}], containerStatuses: [{name: 'testcontainer', containerID: 'docker://a1b2c3d4e5f6'}]},
  };
}

// pod_test.go makeInitContainerPods
const initContainerPod: KubeObject = {
  apiVersion: 'v1', kind: 'Pod',
  metadata: {name: 'testpod', namespace: 'default', uid: 'abc123'},
  spec: {nodeName: 'testnode', containers: [{name: 'testcontainer', image: 'testcontainer:latest', ports: [{name: 'testport', protocol: 'TCP', containerPort: 9000}]}],
    initContainers: [{name: 'initcontainer', image: 'initcontainer:latest'}]},
  status: {podIP: '1.2.3.4', hostIP: '2.3.4.5', phase: 'Pending', conditions: [{type: 'Ready', status: 'False'}],
    containerStatuses: [{name: 'testcontainer', containerID: 'docker://a1b2c3d4e5f6'}], initContainerStatuses: [{name: 'initcontainer', containerID: 'containerd://6f5e4d3c2b1a'}]},
};

const podTarget = {
  __address__: '1.2.3.4:9000', [`${M}pod_container_name`]: 'testcontainer', [`${M}pod_container_image`]: 'testcontainer:latest',
  [`${M}pod_container_port_name`]: 'testport', [`${M}pod_container_port_number`]: '9000', [`${M}pod_container_port_protocol`]: 'TCP',
  [`${M}pod_container_init`]: 'false', [`${M}pod_container_id`]: 'docker://a1b2c3d4e5f6',
};
function podGroupLabels(ns: string) {
  return {
    [`${M}pod_name`]: 'testpod', [`${M}namespace`]: ns, [`${M}pod_node_name`]: 'testnode', [`${M}pod_ip`]: '1.2.3.4',
    [`${M}pod_host_ip`]: '2.3.4.5', [`${M}pod_ready`]: 'true', [`${M}pod_phase`]: 'Running', [`${M}pod_uid`]: 'abc123',
  };
}

// node_test.go makeNode
function makeNode(name: string, address: string, providerID: string, labels: Record<string, string>, annotations: Record<string, string>, conditions?: unknown[]): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Node', metadata: {name, labels, annotations}, spec: {providerID},
    status: {addresses: [{type: 'InternalIP', address}], daemonEndpoints: {kubeletEndpoint: {Port: 10250}}, ...(conditions ? {conditions} : {})},
  };
}

// service_test.go makeService, makeExternalService, makeLoadBalancerService
function makeService(namespace: string): KubeObject {
  return {apiVersion: 'v1', kind: 'Service', metadata: {name: 'testservice', namespace},
    spec: {ports: [{name: 'testport', protocol: 'TCP', port: 30900}], type: 'ClusterIP', clusterIP: '10.0.0.1'}};
}
const externalService: KubeObject = {apiVersion: 'v1', kind: 'Service', metadata: {name: 'testservice-external', namespace: 'default'},
  spec: {ports: [{name: 'testport', protocol: 'TCP', port: 31900}], type: 'ExternalName', externalName: 'FooExternalName'}};
const loadBalancerService: KubeObject = {apiVersion: 'v1', kind: 'Service', metadata: {name: 'testservice-loadbalancer', namespace: 'default'},
  spec: {ports: [{name: 'testport', protocol: 'TCP', port: 31900}], type: 'LoadBalancer', loadBalancerIP: '127.0.0.1', clusterIP: '10.0.0.1'}};
function serviceTarget(address: string, extra: Record<string, string>) {
  return {[`${M}service_port_protocol`]: 'TCP', __address__: address, [`${M}service_port_name`]: 'testport', ...extra};
}

// endpoints_test.go makeEndpoints
const endpointsObject: KubeObject = {
  apiVersion: 'v1', kind: 'Endpoints', metadata: {name: 'testendpoints', namespace: 'default', annotations: {'test.annotation': 'test'}},
  subsets: [
    {addresses: [{ip: '1.2.3.4', hostname: 'testendpoint1', nodeName: 'foobar'}], ports: [{name: 'testport', port: 9000, protocol: 'TCP'}]},
    {addresses: [{ip: '2.3.4.5'}], notReadyAddresses: [{ip: '2.3.4.5'}], ports: [{name: 'testport', port: 9001, protocol: 'TCP'}]},
    {addresses: [{ip: '6.7.8.9', targetRef: {kind: 'Node', name: 'barbaz'}}], ports: [{name: 'testport', port: 9002, protocol: 'TCP'}]},
  ],
};
const epTarget = (address: string, ready: string, extra: Record<string, string> = {}) => ({
  __address__: address, [`${M}endpoint_port_name`]: 'testport', [`${M}endpoint_port_protocol`]: 'TCP', [`${M}endpoint_ready`]: ready, ...extra,
});

// endpointslice_test.go makeEndpointSliceV1
const endpointSlice: KubeObject = {
  apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
  metadata: {name: 'testendpoints', namespace: 'default', labels: {'kubernetes.io/service-name': 'testendpoints'}, annotations: {'test.annotation': 'test'}},
  addressType: 'IPv4',
  ports: [{name: 'testport', port: 9000, protocol: 'TCP', appProtocol: 'http'}],
  endpoints: [
    {addresses: ['1.2.3.4'], conditions: {ready: true, serving: true, terminating: false}, hostname: 'testendpoint1', targetRef: {}, nodeName: 'foobar', deprecatedTopology: {topology: 'value'}, zone: 'us-east-1a'},
    {addresses: ['2.3.4.5'], conditions: {ready: true, serving: true, terminating: false}, zone: 'us-east-1b'},
    {addresses: ['3.4.5.6'], conditions: {ready: false, serving: true, terminating: true}, zone: 'us-east-1c'},
    {addresses: ['4.5.6.7'], conditions: {ready: true, serving: true, terminating: false}, targetRef: {kind: 'Node', name: 'barbaz'}, zone: 'us-east-1a'},
  ],
};
const ES = `${M}endpointslice_`;
const slicePort = {[`${ES}port`]: '9000', [`${ES}port_app_protocol`]: 'http', [`${ES}port_name`]: 'testport', [`${ES}port_protocol`]: 'TCP'};
const conditions = (ready: boolean, serving: boolean, terminating: boolean) => ({
  [`${ES}endpoint_conditions_ready`]: String(ready), [`${ES}endpoint_conditions_serving`]: String(serving), [`${ES}endpoint_conditions_terminating`]: String(terminating),
});
const sliceGroupLabels = {
  [`${ES}address_type`]: 'IPv4', [`${M}namespace`]: 'default', [`${ES}name`]: 'testendpoints',
  [`${ES}label_kubernetes_io_service_name`]: 'testendpoints', [`${ES}labelpresent_kubernetes_io_service_name`]: 'true',
  [`${ES}annotation_test_annotation`]: 'test', [`${ES}annotationpresent_test_annotation`]: 'true',
};

// ingress_test.go makeIngress
function makeIngress(tls: 'no' | 'yes' | 'mixed' | 'wildcard'): KubeObject {
  const hosts = {no: undefined, yes: ['example.com', 'test.example.com'], mixed: ['example.com'], wildcard: ['*.example.com']}[tls];
  return {
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress',
    metadata: {name: 'testingress', namespace: 'default', labels: {'test/label': 'testvalue'}, annotations: {'test/annotation': 'testannotationvalue'}},
    spec: {
      ingressClassName: 'testclass',
      ...(hosts ? {tls: [{hosts}]} : {}),
      rules: [
        {host: 'example.com', http: {paths: [{path: '/'}, {path: '/foo'}]}},
        {host: 'nobackend.example.com', http: {}},
        {host: 'test.example.com', http: {paths: [{}]}},
      ],
    },
  };
}
function ingressGroup(scheme1: string, scheme2: string): TargetGroup {
  const t = (scheme: string, host: string, path: string) => ({[`${M}ingress_scheme`]: scheme, [`${M}ingress_host`]: host, [`${M}ingress_path`]: path, __address__: host});
  return {
    source: 'ingress/default/testingress',
    targets: [t(scheme1, 'example.com', '/'), t(scheme1, 'example.com', '/foo'), t(scheme2, 'test.example.com', '/')],
    labels: {
      [`${M}ingress_name`]: 'testingress', [`${M}namespace`]: 'default', [`${M}ingress_label_test_label`]: 'testvalue', [`${M}ingress_labelpresent_test_label`]: 'true',
      [`${M}ingress_annotation_test_annotation`]: 'testannotationvalue', [`${M}ingress_annotationpresent_test_annotation`]: 'true', [`${M}ingress_class_name`]: 'testclass',
    },
  };
}


// endpoints_test.go / endpointslice_test.go: a pod behind the endpoint (TestEndpointsDiscoveryNamespaces' ns2 part).
const nsPod: KubeObject = {
  apiVersion: 'v1', kind: 'Pod', metadata: {name: 'testpod', namespace: 'ns2', uid: 'deadbeef'},
  spec: {nodeName: 'testnode', containers: [{name: 'c1', image: 'c1:latest', ports: [{name: 'mainport', containerPort: 9000, protocol: 'TCP'}]}]},
  status: {hostIP: '2.3.4.5', podIP: '4.3.2.1'},
};
const podMeta = {
  [`${M}pod_host_ip`]: '2.3.4.5', [`${M}pod_ip`]: '4.3.2.1', [`${M}pod_name`]: 'testpod', [`${M}pod_node_name`]: 'testnode',
  [`${M}pod_phase`]: '', [`${M}pod_ready`]: 'unknown', [`${M}pod_uid`]: 'deadbeef',
};
const containerMeta = (name: string, image: string, port: string, portName: string, init: boolean) => ({
  [`${M}pod_container_name`]: name, [`${M}pod_container_image`]: image, [`${M}pod_container_port_name`]: portName,
  [`${M}pod_container_port_number`]: port, [`${M}pod_container_port_protocol`]: 'TCP', [`${M}pod_container_init`]: String(init),
});
const ns2Endpoints: KubeObject = {apiVersion: 'v1', kind: 'Endpoints', metadata: {name: 'testendpoints', namespace: 'ns2'},
  subsets: [{addresses: [{ip: '4.3.2.1', targetRef: {kind: 'Pod', name: 'testpod', namespace: 'ns2'}}], ports: [{name: 'testport', port: 9000, protocol: 'TCP'}]}]};
const sidecarPod: KubeObject = {
  apiVersion: 'v1', kind: 'Pod', metadata: {name: 'testpod', namespace: 'default', uid: 'deadbeef'},
  spec: {nodeName: 'testnode',
    initContainers: [{name: 'ic1', image: 'ic1:latest', ports: [{name: 'initport', containerPort: 1111, protocol: 'TCP'}]}, {name: 'ic2', image: 'ic2:latest', ports: [{name: 'initport', containerPort: 9111, protocol: 'TCP'}]}],
    containers: [{name: 'c1', image: 'c1:latest', ports: [{name: 'mainport', containerPort: 9000, protocol: 'TCP'}]}]},
  status: {hostIP: '2.3.4.5', podIP: '4.3.2.1'},
};
const sidecarEndpoints: KubeObject = {apiVersion: 'v1', kind: 'Endpoints', metadata: {name: 'testsidecar', namespace: 'default'},
  subsets: [{addresses: [{ip: '4.3.2.1', targetRef: {kind: 'Pod', name: 'testpod', namespace: 'default'}}], ports: [{name: 'testport', port: 9000, protocol: 'TCP'}, {name: 'initport', port: 9111, protocol: 'TCP'}]}]};
const podRef = {[`${M}endpoint_address_target_kind`]: 'Pod', [`${M}endpoint_address_target_name`]: 'testpod'};
function dualStackSlice(name: string, addressType: string): KubeObject {
  return {apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: {name, namespace: 'default', labels: {'kubernetes.io/service-name': 'svc'}},
    addressType, ports: [{name: 'p', port: 80, protocol: 'TCP'}], endpoints: [{addresses: [addressType === 'IPv4' ? '10.0.0.1' : 'fd00::1']}]};
}
const dualStackService: KubeObject = {apiVersion: 'v1', kind: 'Service', metadata: {name: 'svc', namespace: 'default'}, spec: {ipFamilyPolicy: 'PreferDualStack', ipFamilies: ['IPv4', 'IPv6']}};

// pod_test.go: pods owned through a ReplicaSet or Job (makeReplicaSetOwnedPod, makeJobOwnedPod).
function ownedPod(kind: string, owner: string): KubeObject {
  const pod = makePod('default');
  return {...pod, metadata: {...pod.metadata, uid: 'pod123', ownerReferences: [{apiVersion: kind === 'Job' ? 'batch/v1' : 'apps/v1', kind, name: owner, uid: 'o', controller: true}]}};
}
function owned(kind: string, apiVersion: string, name: string, owner?: [string, string]): KubeObject {
  return {apiVersion, kind, metadata: {name, namespace: 'default', ...(owner ? {ownerReferences: [{apiVersion: 'x', kind: owner[0], name: owner[1], uid: 'u', controller: true}]} : {})}};
}
const attach = (m: Partial<KubernetesSdConfig['attachMetadata']>) => ({attachMetadata: {node: false, namespace: false, deployment: false, job: false, cronjob: false, ...m}});
const ownedLabels = (kind: string, name: string, extra: Record<string, string>) => ({...podGroupLabels('default'), [`${M}pod_uid`]: 'pod123', [`${M}pod_controller_kind`]: kind, [`${M}pod_controller_name`]: name, ...extra});
function podOn(name: string, uid: string, node: string, ip: string): KubeObject {
  const pod = makePod('default');
  return {...pod, metadata: {...pod.metadata, name, uid}, spec: {...pod.spec, nodeName: node}, status: {...pod.status, podIP: ip}};
}

interface Case {
  name: string;
  config: KubernetesSdConfig;
  objects: DiscoveryObjects;
  expected: TargetGroup[];
  ownNamespace?: string;
  version?: string;
}

const cases: Case[] = [
  {
    name: 'TestPodDiscoveryBeforeRun',
    config: kubernetesSdConfig('pod'),
    objects: objects({pods: [multiPortPod]}),
    expected: [{
      source: 'pod/default/testpod',
      targets: [
        {__address__: '1.2.3.4:9000', [`${M}pod_container_name`]: 'testcontainer0', [`${M}pod_container_image`]: 'testcontainer0:latest', [`${M}pod_container_port_name`]: 'testport0',
          [`${M}pod_container_port_number`]: '9000', [`${M}pod_container_port_protocol`]: 'TCP', [`${M}pod_container_init`]: 'false', [`${M}pod_container_id`]: 'docker://a1b2c3d4e5f6'},
        {__address__: '1.2.3.4:9001', [`${M}pod_container_name`]: 'testcontainer0', [`${M}pod_container_image`]: 'testcontainer0:latest', [`${M}pod_container_port_name`]: 'testport1',
          [`${M}pod_container_port_number`]: '9001', [`${M}pod_container_port_protocol`]: 'UDP', [`${M}pod_container_init`]: 'false', [`${M}pod_container_id`]: 'docker://a1b2c3d4e5f6'},
        {__address__: '1.2.3.4', [`${M}pod_container_name`]: 'testcontainer1', [`${M}pod_container_image`]: 'testcontainer1:latest', [`${M}pod_container_init`]: 'false',
          [`${M}pod_container_id`]: 'containerd://6f5e4d3c2b1a'},
      ],
      labels: {
        ...podGroupLabels('default'),
        [`${M}pod_label_test_label`]: 'testvalue', [`${M}pod_labelpresent_test_label`]: 'true',
        [`${M}pod_annotation_test_annotation`]: 'testannotationvalue', [`${M}pod_annotationpresent_test_annotation`]: 'true',
        [`${M}pod_controller_kind`]: 'testcontrollerkind', [`${M}pod_controller_name`]: 'testcontrollername',
      },
    }],
  },
  {
    name: 'TestPodDiscoveryInitContainer',
    config: kubernetesSdConfig('pod'),
    objects: objects({pods: [initContainerPod]}),
    expected: [{
      source: 'pod/default/testpod',
      targets: [podTarget, {__address__: '1.2.3.4', [`${M}pod_container_name`]: 'initcontainer', [`${M}pod_container_image`]: 'initcontainer:latest',
        [`${M}pod_container_init`]: 'true', [`${M}pod_container_id`]: 'containerd://6f5e4d3c2b1a'}],
      labels: {...podGroupLabels('default'), [`${M}pod_phase`]: 'Pending', [`${M}pod_ready`]: 'false'},
    }],
  },
  {
    name: 'TestPodDiscoveryUpdateEmptyPodIP (a pod without IP is an empty group)',
    config: kubernetesSdConfig('pod'),
    objects: objects({pods: [{...makePod('default'), status: {...makePod('default').status, podIP: ''}}]}),
    expected: [{source: 'pod/default/testpod', labels: {}, targets: []}],
  },
  {
    name: 'TestPodDiscoveryNamespaces',
    config: kubernetesSdConfig('pod', {namespaces: {names: ['ns1', 'ns2'], ownNamespace: false}}),
    objects: objects({pods: [makePod('ns1'), makePod('ns2'), makePod('ns3')]}),
    expected: ['ns1', 'ns2'].map((ns) => ({source: `pod/${ns}/testpod`, targets: [podTarget], labels: podGroupLabels(ns)})),
  },
  {
    name: 'TestPodDiscoveryOwnNamespace',
    config: kubernetesSdConfig('pod', {namespaces: {names: [], ownNamespace: true}}),
    ownNamespace: 'own-ns',
    objects: objects({pods: [makePod('own-ns'), makePod('non-own-ns')]}),
    expected: [{source: 'pod/own-ns/testpod', targets: [podTarget], labels: podGroupLabels('own-ns')}],
  },
  {
    name: 'TestPodDiscoveryWithNodeMetadata',
    config: kubernetesSdConfig('pod', {attachMetadata: {node: true, namespace: false, deployment: false, job: false, cronjob: false}}),
    objects: objects({pods: [makePod('default')], nodes: [makeNode('testnode', '', '', {'l1': 'v1'}, {})]}),
    expected: [{source: 'pod/default/testpod', targets: [podTarget],
      labels: {...podGroupLabels('default'), [`${M}node_name`]: 'testnode', [`${M}node_label_l1`]: 'v1', [`${M}node_labelpresent_l1`]: 'true'}}],
  },

  {
    name: 'TestPodDiscoveryWithNodeSelector (3.11+: pods on filtered nodes are empty groups)',
    config: kubernetesSdConfig('pod', {...attach({node: true}), selectors: [{role: 'node', label: 'node-type=worker'}]}),
    objects: objects({nodes: [makeNode('worker-node', '10.0.0.1', '', {'node-type': 'worker'}, {}), makeNode('filtered-node', '10.0.0.2', '', {'node-type': 'master'}, {})],
      pods: [podOn('pod-on-worker', 'worker-pod-123', 'worker-node', '192.168.1.1'), podOn('pod-on-filtered-node', 'filtered-pod-456', 'filtered-node', '192.168.1.2')]}),
    expected: [
      {source: 'pod/default/pod-on-filtered-node', labels: {}, targets: []},
      {source: 'pod/default/pod-on-worker', targets: [{...podTarget, __address__: '192.168.1.1:9000'}],
        labels: {...podGroupLabels('default'), [`${M}pod_name`]: 'pod-on-worker', [`${M}pod_ip`]: '192.168.1.1', [`${M}pod_node_name`]: 'worker-node', [`${M}pod_uid`]: 'worker-pod-123',
          [`${M}node_name`]: 'worker-node', [`${M}node_label_node_type`]: 'worker', [`${M}node_labelpresent_node_type`]: 'true'}},
    ],
  },
  {
    name: 'TestPodDiscoveryWithDeployment (3.11+)',
    config: kubernetesSdConfig('pod', attach({deployment: true})),
    objects: objects({pods: [ownedPod('ReplicaSet', 'testdeployment-rs-abc')], replicaSets: [owned('ReplicaSet', 'apps/v1', 'testdeployment-rs-abc', ['Deployment', 'testdeployment'])]}),
    expected: [{source: 'pod/default/testpod', targets: [podTarget], labels: ownedLabels('ReplicaSet', 'testdeployment-rs-abc', {[`${M}pod_deployment_name`]: 'testdeployment'})}],
  },
  {
    name: 'TestPodDiscoveryWithDeployment in 3.10 (no deployment label yet)',
    version: '3.10',
    config: kubernetesSdConfig('pod', attach({deployment: true})),
    objects: objects({pods: [ownedPod('ReplicaSet', 'testdeployment-rs-abc')], replicaSets: [owned('ReplicaSet', 'apps/v1', 'testdeployment-rs-abc', ['Deployment', 'testdeployment'])]}),
    expected: [{source: 'pod/default/testpod', targets: [podTarget], labels: ownedLabels('ReplicaSet', 'testdeployment-rs-abc', {})}],
  },
  {
    name: 'TestPodDiscoveryWithJob',
    config: kubernetesSdConfig('pod', attach({job: true})),
    objects: objects({pods: [ownedPod('Job', 'testjob')], jobs: [owned('Job', 'batch/v1', 'testjob')]}),
    expected: [{source: 'pod/default/testpod', targets: [podTarget], labels: ownedLabels('Job', 'testjob', {[`${M}pod_job_name`]: 'testjob'})}],
  },
  {
    name: 'TestPodDiscoveryWithCronJob (job: true alone names the job, not the cronjob)',
    config: kubernetesSdConfig('pod', attach({job: true})),
    objects: objects({pods: [ownedPod('Job', 'testcronjob-job-abc')], jobs: [owned('Job', 'batch/v1', 'testcronjob-job-abc', ['CronJob', 'testcronjob'])]}),
    expected: [{source: 'pod/default/testpod', targets: [podTarget], labels: ownedLabels('Job', 'testcronjob-job-abc', {[`${M}pod_job_name`]: 'testcronjob-job-abc'})}],
  },
  {
    name: 'attach_metadata.cronjob names the CronJob that owns the Job',
    config: kubernetesSdConfig('pod', attach({cronjob: true})),
    objects: objects({pods: [ownedPod('Job', 'testcronjob-job-abc')], jobs: [owned('Job', 'batch/v1', 'testcronjob-job-abc', ['CronJob', 'testcronjob'])]}),
    expected: [{source: 'pod/default/testpod', targets: [podTarget], labels: ownedLabels('Job', 'testcronjob-job-abc', {[`${M}pod_cronjob_name`]: 'testcronjob'})}],
  },
  {
    name: 'selectors: a pod label selector lists only matching pods (kubernetes.go informer options)',
    config: kubernetesSdConfig('pod', {selectors: [{role: 'pod', label: 'app in (a)', field: 'status.phase=Running'}]}),
    objects: objects({pods: [
      {...makePod('default'), metadata: {name: 'a', namespace: 'default', uid: 'abc123', labels: {app: 'a'}}},
      {...makePod('default'), metadata: {name: 'b', namespace: 'default', uid: 'abc123', labels: {app: 'b'}}},
    ]}),
    expected: [{source: 'pod/default/a', targets: [podTarget], labels: {...podGroupLabels('default'), [`${M}pod_name`]: 'a', [`${M}pod_label_app`]: 'a', [`${M}pod_labelpresent_app`]: 'true'}}],
  },
  {
    name: 'TestNodeDiscoveryBeforeStart',
    config: kubernetesSdConfig('node'),
    objects: objects({nodes: [makeNode('test', '1.2.3.4', 'aws:///nl-north-7b/i-03149834983492827', {'test-label': 'testvalue'}, {'test-annotation': 'testannotationvalue'})]}),
    expected: [{
      source: 'node/test',
      targets: [{__address__: '1.2.3.4:10250', instance: 'test', [`${M}node_address_InternalIP`]: '1.2.3.4'}],
      labels: {
        [`${M}node_name`]: 'test', [`${M}node_provider_id`]: 'aws:///nl-north-7b/i-03149834983492827',
        [`${M}node_label_test_label`]: 'testvalue', [`${M}node_labelpresent_test_label`]: 'true',
        [`${M}node_annotation_test_annotation`]: 'testannotationvalue', [`${M}node_annotationpresent_test_annotation`]: 'true',
      },
    }],
  },
  {
    name: 'TestNodeDiscoveryWithConditions (node_condition_* since 3.12)',
    config: kubernetesSdConfig('node'),
    objects: objects({nodes: [makeNode('test', '1.2.3.4', 'p', {}, {}, [{type: 'Ready', status: 'True'}, {type: 'MemoryPressure', status: 'False'}])]}),
    expected: [{
      source: 'node/test',
      targets: [{__address__: '1.2.3.4:10250', instance: 'test', [`${M}node_address_InternalIP`]: '1.2.3.4'}],
      labels: {[`${M}node_name`]: 'test', [`${M}node_provider_id`]: 'p', [`${M}node_condition_ready`]: 'true', [`${M}node_condition_memorypressure`]: 'false'},
    }],
  },
  {
    name: 'TestNodeDiscoveryWithConditions in 2.42 (no condition labels)',
    version: '2.42',
    config: kubernetesSdConfig('node'),
    objects: objects({nodes: [makeNode('test', '1.2.3.4', 'p', {}, {}, [{type: 'Ready', status: 'True'}])]}),
    expected: [{source: 'node/test', targets: [{__address__: '1.2.3.4:10250', instance: 'test', [`${M}node_address_InternalIP`]: '1.2.3.4'}],
      labels: {[`${M}node_name`]: 'test', [`${M}node_provider_id`]: 'p'}}],
  },
  {
    name: 'node without any address sends nothing (node.go buildNode)',
    config: kubernetesSdConfig('node'),
    objects: objects({nodes: [{apiVersion: 'v1', kind: 'Node', metadata: {name: 'x'}, status: {}}]}),
    expected: [],
  },
  {
    name: 'TestServiceDiscoveryAdd',
    config: kubernetesSdConfig('service'),
    objects: objects({services: [makeService('default'), externalService, loadBalancerService]}),
    expected: [
      {source: 'svc/default/testservice', labels: {[`${M}service_name`]: 'testservice', [`${M}namespace`]: 'default'},
        targets: [serviceTarget('testservice.default.svc:30900', {[`${M}service_type`]: 'ClusterIP', [`${M}service_cluster_ip`]: '10.0.0.1', [`${M}service_port_number`]: '30900'})]},
      {source: 'svc/default/testservice-external', labels: {[`${M}service_name`]: 'testservice-external', [`${M}namespace`]: 'default'},
        targets: [serviceTarget('testservice-external.default.svc:31900', {[`${M}service_type`]: 'ExternalName', [`${M}service_port_number`]: '31900', [`${M}service_external_name`]: 'FooExternalName'})]},
      {source: 'svc/default/testservice-loadbalancer', labels: {[`${M}service_name`]: 'testservice-loadbalancer', [`${M}namespace`]: 'default'},
        targets: [serviceTarget('testservice-loadbalancer.default.svc:31900', {[`${M}service_type`]: 'LoadBalancer', [`${M}service_port_number`]: '31900',
          [`${M}service_cluster_ip`]: '10.0.0.1', [`${M}service_loadbalancer_ip`]: '127.0.0.1'})]},
    ],
  },
  {
    name: 'TestServiceDiscoveryWithNamespaceMetadata (3.6+)',
    config: kubernetesSdConfig('service', {attachMetadata: {node: false, namespace: true, deployment: false, job: false, cronjob: false}}),
    objects: objects({services: [makeService('test-ns')], namespaces: [{apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'test-ns', labels: {environment: 'production'}, annotations: {owner: 'platform'}}}]}),
    expected: [{source: 'svc/test-ns/testservice',
      targets: [serviceTarget('testservice.test-ns.svc:30900', {[`${M}service_type`]: 'ClusterIP', [`${M}service_cluster_ip`]: '10.0.0.1', [`${M}service_port_number`]: '30900'})],
      labels: {[`${M}namespace`]: 'test-ns', [`${M}service_name`]: 'testservice', [`${M}namespace_label_environment`]: 'production', [`${M}namespace_labelpresent_environment`]: 'true',
        [`${M}namespace_annotation_owner`]: 'platform', [`${M}namespace_annotationpresent_owner`]: 'true'}}],
  },
  {
    name: 'TestEndpointsDiscoveryBeforeRun',
    config: kubernetesSdConfig('endpoints'),
    objects: objects({endpoints: [endpointsObject]}),
    expected: [{
      source: 'endpoints/default/testendpoints',
      targets: [
        epTarget('1.2.3.4:9000', 'true', {[`${M}endpoint_hostname`]: 'testendpoint1', [`${M}endpoint_node_name`]: 'foobar'}),
        epTarget('2.3.4.5:9001', 'true'),
        epTarget('2.3.4.5:9001', 'false'),
        epTarget('6.7.8.9:9002', 'true', {[`${M}endpoint_address_target_kind`]: 'Node', [`${M}endpoint_address_target_name`]: 'barbaz'}),
      ],
      labels: {[`${M}namespace`]: 'default', [`${M}endpoints_name`]: 'testendpoints', [`${M}endpoints_annotation_test_annotation`]: 'test', [`${M}endpoints_annotationpresent_test_annotation`]: 'true'},
    }],
  },
  {
    name: 'TestEndpointsDiscoveryWithService (service labels on the group)',
    config: kubernetesSdConfig('endpoints'),
    objects: objects({endpoints: [endpointsObject], services: [{apiVersion: 'v1', kind: 'Service', metadata: {name: 'testendpoints', namespace: 'default', labels: {'app/name': 'test'}}, spec: {}}]}),
    expected: [{
      source: 'endpoints/default/testendpoints',
      targets: [
        epTarget('1.2.3.4:9000', 'true', {[`${M}endpoint_hostname`]: 'testendpoint1', [`${M}endpoint_node_name`]: 'foobar'}),
        epTarget('2.3.4.5:9001', 'true'),
        epTarget('2.3.4.5:9001', 'false'),
        epTarget('6.7.8.9:9002', 'true', {[`${M}endpoint_address_target_kind`]: 'Node', [`${M}endpoint_address_target_name`]: 'barbaz'}),
      ],
      labels: {[`${M}namespace`]: 'default', [`${M}endpoints_name`]: 'testendpoints', [`${M}endpoints_annotation_test_annotation`]: 'test', [`${M}endpoints_annotationpresent_test_annotation`]: 'true',
        [`${M}service_label_app_name`]: 'test', [`${M}service_labelpresent_app_name`]: 'true', [`${M}service_name`]: 'testendpoints'},
    }],
  },

  {
    name: 'TestEndpointsDiscoveryWithNodeMetadata',
    config: kubernetesSdConfig('endpoints', attach({node: true})),
    objects: objects({endpoints: [endpointsObject], nodes: [makeNode('foobar', '', '', {az: 'us-east1'}, {}), makeNode('barbaz', '', '', {az: 'us-west2'}, {})],
      services: [{apiVersion: 'v1', kind: 'Service', metadata: {name: 'testendpoints', namespace: 'default', labels: {'app/name': 'test'}}, spec: {}}]}),
    expected: [{
      source: 'endpoints/default/testendpoints',
      targets: [
        epTarget('1.2.3.4:9000', 'true', {[`${M}endpoint_hostname`]: 'testendpoint1', [`${M}endpoint_node_name`]: 'foobar', [`${M}node_label_az`]: 'us-east1', [`${M}node_labelpresent_az`]: 'true', [`${M}node_name`]: 'foobar'}),
        epTarget('2.3.4.5:9001', 'true'),
        epTarget('2.3.4.5:9001', 'false'),
        epTarget('6.7.8.9:9002', 'true', {[`${M}endpoint_address_target_kind`]: 'Node', [`${M}endpoint_address_target_name`]: 'barbaz', [`${M}node_label_az`]: 'us-west2', [`${M}node_labelpresent_az`]: 'true', [`${M}node_name`]: 'barbaz'}),
      ],
      labels: {[`${M}namespace`]: 'default', [`${M}endpoints_name`]: 'testendpoints', [`${M}service_label_app_name`]: 'test', [`${M}service_labelpresent_app_name`]: 'true',
        [`${M}service_name`]: 'testendpoints', [`${M}endpoints_annotation_test_annotation`]: 'test', [`${M}endpoints_annotationpresent_test_annotation`]: 'true'},
    }],
  },
  {
    name: 'TestEndpointsDiscoveryWithNodeMetadata in 2.42 (a Node targetRef gets no node metadata before 2.45)',
    version: '2.42',
    config: kubernetesSdConfig('endpoints', attach({node: true})),
    objects: objects({endpoints: [endpointsObject], nodes: [makeNode('foobar', '', '', {az: 'us-east1'}, {}), makeNode('barbaz', '', '', {az: 'us-west2'}, {})]}),
    expected: [{
      source: 'endpoints/default/testendpoints',
      targets: [
        epTarget('1.2.3.4:9000', 'true', {[`${M}endpoint_hostname`]: 'testendpoint1', [`${M}endpoint_node_name`]: 'foobar', [`${M}node_label_az`]: 'us-east1', [`${M}node_labelpresent_az`]: 'true', [`${M}node_name`]: 'foobar'}),
        epTarget('2.3.4.5:9001', 'true'),
        epTarget('2.3.4.5:9001', 'false'),
        epTarget('6.7.8.9:9002', 'true', {[`${M}endpoint_address_target_kind`]: 'Node', [`${M}endpoint_address_target_name`]: 'barbaz'}),
      ],
      labels: {[`${M}namespace`]: 'default', [`${M}endpoints_name`]: 'testendpoints', [`${M}endpoints_annotation_test_annotation`]: 'test', [`${M}endpoints_annotationpresent_test_annotation`]: 'true'},
    }],
  },
  {
    name: 'node address preference: InternalIP over ExternalIP and Hostname (node.go nodeAddress)',
    config: kubernetesSdConfig('node'),
    objects: objects({nodes: [{apiVersion: 'v1', kind: 'Node', metadata: {name: 'n'}, spec: {}, status: {daemonEndpoints: {kubeletEndpoint: {Port: 10250}},
      addresses: [{type: 'Hostname', address: 'n'}, {type: 'ExternalIP', address: '5.6.7.8'}, {type: 'InternalIP', address: '10.0.0.1'}, {type: 'InternalIP', address: '10.0.0.2'}]}}]}),
    expected: [{source: 'node/n', labels: {[`${M}node_name`]: 'n', [`${M}node_provider_id`]: ''},
      targets: [{__address__: '10.0.0.1:10250', instance: 'n', [`${M}node_address_Hostname`]: 'n', [`${M}node_address_ExternalIP`]: '5.6.7.8', [`${M}node_address_InternalIP`]: '10.0.0.1'}]}],
  },
  {
    name: 'TestEndpointSliceDiscoveryBeforeRun',
    config: kubernetesSdConfig('endpointslice', {namespaces: {names: ['default'], ownNamespace: false}}),
    objects: objects({endpointSlices: [endpointSlice]}),
    expected: [{
      source: 'endpointslice/default/testendpoints',
      targets: [
        {__address__: '1.2.3.4:9000', [`${ES}address_target_kind`]: '', [`${ES}address_target_name`]: '', ...conditions(true, true, false), [`${ES}endpoint_hostname`]: 'testendpoint1',
          [`${ES}endpoint_node_name`]: 'foobar', [`${ES}endpoint_topology_present_topology`]: 'true', [`${ES}endpoint_topology_topology`]: 'value', [`${ES}endpoint_zone`]: 'us-east-1a', ...slicePort},
        {__address__: '2.3.4.5:9000', ...conditions(true, true, false), [`${ES}endpoint_zone`]: 'us-east-1b', ...slicePort},
        {__address__: '3.4.5.6:9000', ...conditions(false, true, true), [`${ES}endpoint_zone`]: 'us-east-1c', ...slicePort},
        {__address__: '4.5.6.7:9000', [`${ES}address_target_kind`]: 'Node', [`${ES}address_target_name`]: 'barbaz', ...conditions(true, true, false), [`${ES}endpoint_zone`]: 'us-east-1a', ...slicePort},
      ],
      labels: sliceGroupLabels,
    }],
  },

  {
    name: 'TestEndpointsDiscoveryNamespaces (the ns2 endpoint behind a pod)',
    config: kubernetesSdConfig('endpoints', {namespaces: {names: ['ns1', 'ns2'], ownNamespace: false}}),
    objects: objects({endpoints: [ns2Endpoints], pods: [nsPod]}),
    expected: [{source: 'endpoints/ns2/testendpoints', labels: {[`${M}namespace`]: 'ns2', [`${M}endpoints_name`]: 'testendpoints'},
      targets: [{...epTarget('4.3.2.1:9000', 'true'), ...podRef, ...podMeta, ...containerMeta('c1', 'c1:latest', '9000', 'mainport', false)}]}],
  },
  {
    name: 'TestEndpointsDiscoveryNamespaces in 2.42 (no _pod_container_init on endpoints)',
    version: '2.42',
    config: kubernetesSdConfig('endpoints', {namespaces: {names: ['ns1', 'ns2'], ownNamespace: false}}),
    objects: objects({endpoints: [ns2Endpoints], pods: [nsPod]}),
    expected: [{source: 'endpoints/ns2/testendpoints', labels: {[`${M}namespace`]: 'ns2', [`${M}endpoints_name`]: 'testendpoints'},
      targets: [{...epTarget('4.3.2.1:9000', 'true'), ...podRef, ...podMeta, ...(({[`${M}pod_container_init`]: _init, ...rest}) => rest)(containerMeta('c1', 'c1:latest', '9000', 'mainport', false))}]}],
  },
  {
    name: 'TestEndpointsDiscoveryEmptyPodStatus (own namespace leaves other namespaces out)',
    config: kubernetesSdConfig('endpoints', {namespaces: {names: [], ownNamespace: true}}),
    ownNamespace: 'own-ns',
    objects: objects({endpoints: [{...endpointsObject, metadata: {...endpointsObject.metadata, namespace: 'ns'}}],
      pods: [{...nsPod, metadata: {name: 'testpod', namespace: 'ns', uid: 'deadbeef'}, status: {}}]}),
    expected: [],
  },
  {
    name: 'TestEndpointsDiscoverySidecarContainer',
    config: kubernetesSdConfig('endpoints'),
    objects: objects({endpoints: [sidecarEndpoints], pods: [sidecarPod]}),
    expected: [{source: 'endpoints/default/testsidecar', labels: {[`${M}endpoints_name`]: 'testsidecar', [`${M}namespace`]: 'default'},
      targets: [
        {...epTarget('4.3.2.1:9000', 'true'), ...podRef, ...podMeta, ...containerMeta('c1', 'c1:latest', '9000', 'mainport', false)},
        {...epTarget('4.3.2.1:9111', 'true'), [`${M}endpoint_port_name`]: 'initport', ...podRef, ...podMeta, ...containerMeta('ic2', 'ic2:latest', '9111', 'initport', true)},
        {__address__: '4.3.2.1:1111', ...podMeta, ...containerMeta('ic1', 'ic1:latest', '1111', 'initport', true)},
      ]}],
  },
  {
    name: 'TestEndpointSliceDiscoveryNamespaces (the ns2 slice behind a pod)',
    config: kubernetesSdConfig('endpointslice', {namespaces: {names: ['ns1', 'ns2'], ownNamespace: false}}),
    objects: objects({pods: [nsPod], endpointSlices: [{apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: {name: 'testendpoints', namespace: 'ns2'}, addressType: 'IPv4',
      ports: [{name: 'testport', port: 9000, protocol: 'TCP'}], endpoints: [{addresses: ['4.3.2.1'], targetRef: {kind: 'Pod', name: 'testpod', namespace: 'ns2'}}]}]}),
    expected: [{source: 'endpointslice/ns2/testendpoints',
      labels: {[`${ES}address_type`]: 'IPv4', [`${ES}name`]: 'testendpoints', [`${M}namespace`]: 'ns2'},
      targets: [{__address__: '4.3.2.1:9000', [`${ES}address_target_kind`]: 'Pod', [`${ES}address_target_name`]: 'testpod', [`${ES}port`]: '9000', [`${ES}port_name`]: 'testport',
        [`${ES}port_protocol`]: 'TCP', ...podMeta, ...containerMeta('c1', 'c1:latest', '9000', 'mainport', false)}]}],
  },
  {
    name: 'TestEndpointSliceDiscoveryDualStackPreferredSkipsSecondarySlice (3.11+)',
    config: kubernetesSdConfig('endpointslice'),
    objects: objects({services: [dualStackService], endpointSlices: [dualStackSlice('svc-v4', 'IPv4'), dualStackSlice('svc-v6', 'IPv6')]}),
    expected: [
      {source: 'endpointslice/default/svc-v4', labels: expect.objectContaining({[`${M}service_name`]: 'svc'}) as never, targets: [expect.objectContaining({__address__: '10.0.0.1:80'}) as never]},
      {source: 'endpointslice/default/svc-v6', labels: expect.objectContaining({[`${ES}address_type`]: 'IPv6'}) as never, targets: []},
    ],
  },
  {
    name: 'dual-stack slices before 3.11: both families give targets',
    version: '3.10',
    config: kubernetesSdConfig('endpointslice'),
    objects: objects({services: [dualStackService], endpointSlices: [dualStackSlice('svc-v4', 'IPv4'), dualStackSlice('svc-v6', 'IPv6')]}),
    expected: [
      {source: 'endpointslice/default/svc-v4', labels: expect.anything() as never, targets: [expect.objectContaining({__address__: '10.0.0.1:80'}) as never]},
      {source: 'endpointslice/default/svc-v6', labels: expect.anything() as never, targets: [expect.objectContaining({__address__: '[fd00::1]:80'}) as never]},
    ],
  },
  ...(['no', 'yes', 'mixed', 'wildcard'] as const).map((tls): Case => ({
    name: `TestIngressDiscoveryAdd${tls === 'no' ? '' : tls === 'yes' ? 'TLS' : tls === 'mixed' ? 'Mixed' : 'Wildcard'}`,
    config: kubernetesSdConfig('ingress'),
    objects: objects({ingresses: [makeIngress(tls)]}),
    expected: [ingressGroup(tls === 'yes' || tls === 'mixed' ? 'https' : 'http', tls === 'yes' || tls === 'wildcard' ? 'https' : 'http')],
  })),
];

test.each(cases)('$name', ({config, objects: input, expected, ownNamespace, version}) => {
  expect(discoverKubernetes(config, input, {semantics: upstream(version), ownNamespace})).toEqual(expected);
});
