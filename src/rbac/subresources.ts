// The subresources the built-in API serves, by resource (`kubectl get --raw /api/v1` and
// `/apis/GROUP/VERSION` list them as `pods/exec`, `deployments/scale`, ...). can-i uses them to
// notice `pods/exec` typed where `--subresource exec` was meant.

const builtIn: Record<string, readonly string[]> = {
  // core
  pods: ['attach', 'binding', 'ephemeralcontainers', 'eviction', 'exec', 'log', 'portforward', 'proxy', 'resize', 'status'],
  nodes: ['proxy', 'status'],
  services: ['proxy', 'status'],
  namespaces: ['finalize', 'status'],
  serviceaccounts: ['token'],
  replicationcontrollers: ['scale', 'status'],
  persistentvolumeclaims: ['status'],
  persistentvolumes: ['status'],
  resourcequotas: ['status'],
  // apps, batch, autoscaling, policy
  'deployments.apps': ['scale', 'status'],
  'replicasets.apps': ['scale', 'status'],
  'statefulsets.apps': ['scale', 'status'],
  'daemonsets.apps': ['status'],
  'jobs.batch': ['status'],
  'cronjobs.batch': ['status'],
  'horizontalpodautoscalers.autoscaling': ['status'],
  'poddisruptionbudgets.policy': ['status'],
  // the rest that carry status or approval
  'certificatesigningrequests.certificates.k8s.io': ['approval', 'status'],
  'customresourcedefinitions.apiextensions.k8s.io': ['status'],
  'apiservices.apiregistration.k8s.io': ['status'],
  'ingresses.networking.k8s.io': ['status'],
  'servicecidrs.networking.k8s.io': ['status'],
  'validatingadmissionpolicies.admissionregistration.k8s.io': ['status'],
  'flowschemas.flowcontrol.apiserver.k8s.io': ['status'],
  'prioritylevelconfigurations.flowcontrol.apiserver.k8s.io': ['status'],
  'volumeattachments.storage.k8s.io': ['status'],
};

/** Whether `name` is a subresource of the resource: built in, or listed by discovery (`known`). */
export function isKnownSubresource(resource: string, apiGroup: string, name: string, known: readonly string[] = []): boolean {
  const key = apiGroup ? `${resource}.${apiGroup}` : resource;
  return known.includes(name) || (builtIn[key]?.includes(name) ?? false);
}
