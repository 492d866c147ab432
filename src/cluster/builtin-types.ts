// The built-in resource types of Kubernetes 1.31, as `kubectl api-resources` lists them.
// Each row: kind, plural, short names, group/version, namespaced. Singular is the lower-case kind.

import type {ResourceType} from './types.ts';

const standardVerbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

type Row = [kind: string, plural: string, shortNames: string, groupVersion: string, namespaced: boolean];

const rows: Row[] = [
  ['Binding', 'bindings', '', 'v1', true],
  ['ComponentStatus', 'componentstatuses', 'cs', 'v1', false],
  ['ConfigMap', 'configmaps', 'cm', 'v1', true],
  ['Endpoints', 'endpoints', 'ep', 'v1', true],
  ['Event', 'events', 'ev', 'v1', true],
  ['LimitRange', 'limitranges', 'limits', 'v1', true],
  ['Namespace', 'namespaces', 'ns', 'v1', false],
  ['Node', 'nodes', 'no', 'v1', false],
  ['PersistentVolumeClaim', 'persistentvolumeclaims', 'pvc', 'v1', true],
  ['PersistentVolume', 'persistentvolumes', 'pv', 'v1', false],
  ['Pod', 'pods', 'po', 'v1', true],
  ['PodTemplate', 'podtemplates', '', 'v1', true],
  ['ReplicationController', 'replicationcontrollers', 'rc', 'v1', true],
  ['ResourceQuota', 'resourcequotas', 'quota', 'v1', true],
  ['Secret', 'secrets', '', 'v1', true],
  ['ServiceAccount', 'serviceaccounts', 'sa', 'v1', true],
  ['Service', 'services', 'svc', 'v1', true],
  ['MutatingWebhookConfiguration', 'mutatingwebhookconfigurations', '', 'admissionregistration.k8s.io/v1', false],
  ['ValidatingWebhookConfiguration', 'validatingwebhookconfigurations', '', 'admissionregistration.k8s.io/v1', false],
  ['ValidatingAdmissionPolicy', 'validatingadmissionpolicies', '', 'admissionregistration.k8s.io/v1', false],
  ['ValidatingAdmissionPolicyBinding', 'validatingadmissionpolicybindings', '', 'admissionregistration.k8s.io/v1', false],
  ['CustomResourceDefinition', 'customresourcedefinitions', 'crd,crds', 'apiextensions.k8s.io/v1', false],
  ['APIService', 'apiservices', '', 'apiregistration.k8s.io/v1', false],
  ['ControllerRevision', 'controllerrevisions', '', 'apps/v1', true],
  ['DaemonSet', 'daemonsets', 'ds', 'apps/v1', true],
  ['Deployment', 'deployments', 'deploy', 'apps/v1', true],
  ['ReplicaSet', 'replicasets', 'rs', 'apps/v1', true],
  ['StatefulSet', 'statefulsets', 'sts', 'apps/v1', true],
  ['SelfSubjectReview', 'selfsubjectreviews', '', 'authentication.k8s.io/v1', false],
  ['TokenReview', 'tokenreviews', '', 'authentication.k8s.io/v1', false],
  ['LocalSubjectAccessReview', 'localsubjectaccessreviews', '', 'authorization.k8s.io/v1', true],
  ['SelfSubjectAccessReview', 'selfsubjectaccessreviews', '', 'authorization.k8s.io/v1', false],
  ['SelfSubjectRulesReview', 'selfsubjectrulesreviews', '', 'authorization.k8s.io/v1', false],
  ['SubjectAccessReview', 'subjectaccessreviews', '', 'authorization.k8s.io/v1', false],
  ['HorizontalPodAutoscaler', 'horizontalpodautoscalers', 'hpa', 'autoscaling/v2', true],
  ['CronJob', 'cronjobs', 'cj', 'batch/v1', true],
  ['Job', 'jobs', '', 'batch/v1', true],
  ['CertificateSigningRequest', 'certificatesigningrequests', 'csr', 'certificates.k8s.io/v1', false],
  ['Lease', 'leases', '', 'coordination.k8s.io/v1', true],
  ['EndpointSlice', 'endpointslices', '', 'discovery.k8s.io/v1', true],
  ['Event', 'events', 'ev', 'events.k8s.io/v1', true],
  ['FlowSchema', 'flowschemas', '', 'flowcontrol.apiserver.k8s.io/v1', false],
  ['PriorityLevelConfiguration', 'prioritylevelconfigurations', '', 'flowcontrol.apiserver.k8s.io/v1', false],
  ['IngressClass', 'ingressclasses', '', 'networking.k8s.io/v1', false],
  ['Ingress', 'ingresses', 'ing', 'networking.k8s.io/v1', true],
  ['NetworkPolicy', 'networkpolicies', 'netpol', 'networking.k8s.io/v1', true],
  ['RuntimeClass', 'runtimeclasses', '', 'node.k8s.io/v1', false],
  ['PodDisruptionBudget', 'poddisruptionbudgets', 'pdb', 'policy/v1', true],
  ['ClusterRoleBinding', 'clusterrolebindings', '', 'rbac.authorization.k8s.io/v1', false],
  ['ClusterRole', 'clusterroles', '', 'rbac.authorization.k8s.io/v1', false],
  ['RoleBinding', 'rolebindings', '', 'rbac.authorization.k8s.io/v1', true],
  ['Role', 'roles', '', 'rbac.authorization.k8s.io/v1', true],
  ['PriorityClass', 'priorityclasses', 'pc', 'scheduling.k8s.io/v1', false],
  ['CSIDriver', 'csidrivers', '', 'storage.k8s.io/v1', false],
  ['CSINode', 'csinodes', '', 'storage.k8s.io/v1', false],
  ['CSIStorageCapacity', 'csistoragecapacities', '', 'storage.k8s.io/v1', true],
  ['StorageClass', 'storageclasses', 'sc', 'storage.k8s.io/v1', false],
  ['VolumeAttachment', 'volumeattachments', '', 'storage.k8s.io/v1', false],
];

function splitGroupVersion(groupVersion: string): {group: string; version: string} {
  const slash = groupVersion.indexOf('/');
  return slash < 0 ? {group: '', version: groupVersion} : {group: groupVersion.slice(0, slash), version: groupVersion.slice(slash + 1)};
}

// Reviews and bindings are create-only in the API server.
const createOnly = new Set(['Binding', 'SelfSubjectReview', 'TokenReview', 'LocalSubjectAccessReview',
  'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview']);

export const builtinResourceTypes: readonly ResourceType[] = rows.map(([kind, plural, shortNames, groupVersion, namespaced]) => ({
  kind,
  plural,
  singular: kind.toLowerCase(),
  shortNames: shortNames ? shortNames.split(',') : [],
  ...splitGroupVersion(groupVersion),
  namespaced,
  verbs: createOnly.has(kind) ? ['create'] : standardVerbs,
}));
