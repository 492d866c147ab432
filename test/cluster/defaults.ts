// What the API server fills in when an object is stored, for the kinds where clients rely on it:
// a Namespace's name label and phase, a Secret's stringData folded into data, a new Pod's phase.

import type {KubeObject} from '../../src/cluster/types.ts';
import type {ServedType} from './catalogue.ts';

type Defaulter = (object: KubeObject) => KubeObject;

const defaulters: Record<string, Defaulter> = {
  Namespace: (namespace) => ({
    ...namespace,
    metadata: {...namespace.metadata, labels: {...namespace.metadata.labels, 'kubernetes.io/metadata.name': namespace.metadata.name}},
    spec: {finalizers: ['kubernetes'], ...namespace.spec},
    status: {phase: 'Active', ...namespace.status},
  }),
  Secret: (secret) => {
    const {stringData, ...rest} = secret;
    const data: Record<string, string> = {...rest.data};
    for (const [key, value] of Object.entries((stringData ?? {}) as Record<string, string>)) {
      data[key] = Buffer.from(String(value)).toString('base64');
    }
    return {...rest, type: rest.type ?? 'Opaque', ...(Object.keys(data).length > 0 ? {data} : {})};
  },
  Pod: (pod) => ({...pod, status: {phase: 'Pending', ...pod.status}}),
};

/** The object as the API server would store it; core kinds only. */
export function withDefaults(type: ServedType, object: KubeObject): KubeObject {
  const defaulter = type.group === '' ? defaulters[type.kind] : undefined;
  return defaulter ? defaulter(object) : object;
}
