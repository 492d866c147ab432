// The resource types the test cluster serves: the built-in kinds of a v1.31 API server (plus the
// Prometheus Operator and network-policy-api kinds the suite reads), extended at load time by
// CRDs and by kinds found in the manifests.

import type {KubeObject} from '../../src/cluster/types.ts';

export interface ServedType {
  group: string;
  /** Every version this type is served in; the first is the preferred one. */
  versions: string[];
  kind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  verbs: string[];
  categories: string[];
  subresources: string[];
  /** CRD additionalPrinterColumns, when the type came from a CRD. */
  printerColumns?: PrinterColumn[];
}

export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  format?: string;
  description?: string;
  priority?: number;
}

const allVerbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const readVerbs = ['get', 'list', 'watch'];
const createOnly = ['create'];

// One compact line per type: "kind plural [short,names] [flags]"; flags: c = cluster-scoped,
// r = read only, o = create only, all = in category "all", s:sub|sub = subresources.
interface GroupSpec {
  group: string;
  versions: string[];
  types: string[];
}

const builtIn: GroupSpec[] = [
  {
    group: '',
    versions: ['v1'],
    types: [
      'Binding bindings - o',
      'ComponentStatus componentstatuses cs c,r',
      'ConfigMap configmaps cm',
      'Endpoints endpoints ep',
      'Event events ev',
      'LimitRange limitranges limits',
      'Namespace namespaces ns c s:status|finalize',
      'Node nodes no c s:status|proxy',
      'PersistentVolumeClaim persistentvolumeclaims pvc s:status',
      'PersistentVolume persistentvolumes pv c s:status',
      'Pod pods po all s:status|log|exec|attach|portforward|proxy|ephemeralcontainers|eviction|binding',
      'PodTemplate podtemplates -',
      'ReplicationController replicationcontrollers rc all s:status|scale',
      'ResourceQuota resourcequotas quota s:status',
      'Secret secrets -',
      'ServiceAccount serviceaccounts sa s:token',
      'Service services svc all s:status|proxy',
    ],
  },
  {
    group: 'apps',
    versions: ['v1'],
    types: [
      'ControllerRevision controllerrevisions -',
      'DaemonSet daemonsets ds all s:status',
      'Deployment deployments deploy all s:status|scale',
      'ReplicaSet replicasets rs all s:status|scale',
      'StatefulSet statefulsets sts all s:status|scale',
    ],
  },
  {
    group: 'authentication.k8s.io',
    versions: ['v1'],
    types: ['SelfSubjectReview selfsubjectreviews - c,o', 'TokenReview tokenreviews - c,o'],
  },
  {
    group: 'authorization.k8s.io',
    versions: ['v1'],
    types: [
      'LocalSubjectAccessReview localsubjectaccessreviews - o',
      'SelfSubjectAccessReview selfsubjectaccessreviews - c,o',
      'SelfSubjectRulesReview selfsubjectrulesreviews - c,o',
      'SubjectAccessReview subjectaccessreviews - c,o',
    ],
  },
  {group: 'autoscaling', versions: ['v2', 'v1'], types: ['HorizontalPodAutoscaler horizontalpodautoscalers hpa all s:status']},
  {group: 'batch', versions: ['v1'], types: ['CronJob cronjobs cj all s:status', 'Job jobs - all s:status']},
  {group: 'certificates.k8s.io', versions: ['v1'], types: ['CertificateSigningRequest certificatesigningrequests csr c s:status|approval']},
  {group: 'coordination.k8s.io', versions: ['v1'], types: ['Lease leases -']},
  {group: 'discovery.k8s.io', versions: ['v1'], types: ['EndpointSlice endpointslices -']},
  {group: 'events.k8s.io', versions: ['v1'], types: ['Event events ev']},
  {
    group: 'flowcontrol.apiserver.k8s.io',
    versions: ['v1'],
    types: ['FlowSchema flowschemas - c s:status', 'PriorityLevelConfiguration prioritylevelconfigurations - c s:status'],
  },
  {
    group: 'networking.k8s.io',
    versions: ['v1'],
    types: ['IngressClass ingressclasses - c', 'Ingress ingresses ing s:status', 'NetworkPolicy networkpolicies netpol'],
  },
  {group: 'node.k8s.io', versions: ['v1'], types: ['RuntimeClass runtimeclasses - c']},
  {group: 'policy', versions: ['v1'], types: ['PodDisruptionBudget poddisruptionbudgets pdb s:status']},
  {
    group: 'rbac.authorization.k8s.io',
    versions: ['v1'],
    types: [
      'ClusterRoleBinding clusterrolebindings - c',
      'ClusterRole clusterroles - c',
      'RoleBinding rolebindings -',
      'Role roles -',
    ],
  },
  {group: 'scheduling.k8s.io', versions: ['v1'], types: ['PriorityClass priorityclasses pc c']},
  {
    group: 'storage.k8s.io',
    versions: ['v1'],
    types: [
      'CSIDriver csidrivers - c',
      'CSINode csinodes - c',
      'CSIStorageCapacity csistoragecapacities -',
      'StorageClass storageclasses sc c',
      'VolumeAttachment volumeattachments - c s:status',
    ],
  },
  {group: 'apiextensions.k8s.io', versions: ['v1'], types: ['CustomResourceDefinition customresourcedefinitions crd,crds c s:status']},
  {group: 'apiregistration.k8s.io', versions: ['v1'], types: ['APIService apiservices - c s:status']},
  {
    group: 'admissionregistration.k8s.io',
    versions: ['v1'],
    types: [
      'MutatingWebhookConfiguration mutatingwebhookconfigurations - c',
      'ValidatingAdmissionPolicy validatingadmissionpolicies - c s:status',
      'ValidatingAdmissionPolicyBinding validatingadmissionpolicybindings - c',
      'ValidatingWebhookConfiguration validatingwebhookconfigurations - c',
    ],
  },
  {
    group: 'monitoring.coreos.com',
    versions: ['v1'],
    types: [
      'Alertmanager alertmanagers am s:status',
      'PodMonitor podmonitors pmon',
      'Probe probes prb',
      'Prometheus prometheuses prom s:status|scale',
      'PrometheusRule prometheusrules promrule',
      'ServiceMonitor servicemonitors smon',
      'ThanosRuler thanosrulers ruler s:status',
    ],
  },
  {
    group: 'monitoring.coreos.com',
    versions: ['v1alpha1'],
    types: [
      'AlertmanagerConfig alertmanagerconfigs amcfg',
      'PrometheusAgent prometheusagents promagent s:status|scale',
      'ScrapeConfig scrapeconfigs scfg',
    ],
  },
  {
    group: 'policy.networking.k8s.io',
    versions: ['v1alpha1'],
    types: [
      'AdminNetworkPolicy adminnetworkpolicies anp c s:status',
      'BaselineAdminNetworkPolicy baselineadminnetworkpolicies banp c s:status',
    ],
  },
];

function parseTypeLine(group: string, versions: string[], line: string): ServedType {
  const [kind, plural, shorts = '-', flagText = '', subText = ''] = line.split(' ');
  // flags and subresources may come in either of the last two positions
  const rest = [flagText, subText].filter(Boolean);
  const flags = new Set(rest.filter((part) => !part.startsWith('s:')).flatMap((part) => part.split(',')));
  const subs = rest.find((part) => part.startsWith('s:'));
  const verbs = flags.has('o') ? createOnly : flags.has('r') ? readVerbs : allVerbs;
  return {
    group,
    versions: [...versions],
    kind,
    plural,
    singular: kind.toLowerCase(),
    namespaced: !flags.has('c'),
    shortNames: shorts === '-' ? [] : shorts.split(','),
    verbs,
    categories: flags.has('all') ? ['all'] : [],
    subresources: subs ? subs.slice(2).split('|') : [],
  };
}

export function builtInTypes(): ServedType[] {
  return builtIn.flatMap((spec) => spec.types.map((line) => parseTypeLine(spec.group, spec.versions, line)));
}

/** kubectl's guess of a resource name from a kind (UnsafeGuessKindToResource). */
export function guessPlural(kind: string): string {
  const lower = kind.toLowerCase();
  if (lower.endsWith('s')) return `${lower}es`;
  if (lower.endsWith('y')) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}

/** A served type described by a CustomResourceDefinition object. */
export function typeFromCrd(crd: KubeObject): ServedType | undefined {
  const spec = crd.spec as
    | {
        group?: string;
        scope?: string;
        names?: {kind?: string; plural?: string; singular?: string; shortNames?: string[]; categories?: string[]};
        versions?: {
          name: string;
          served?: boolean;
          storage?: boolean;
          subresources?: Record<string, unknown>;
          additionalPrinterColumns?: PrinterColumn[];
        }[];
      }
    | undefined;
  if (!spec?.group || !spec.names?.kind || !spec.names.plural) return undefined;
  const served = (spec.versions ?? []).filter((version) => version.served !== false);
  if (served.length === 0) return undefined;
  // the storage version is preferred, as the API server does for its discovery order
  served.sort((a, b) => Number(b.storage === true) - Number(a.storage === true));
  const first = served[0];
  return {
    group: spec.group,
    versions: served.map((version) => version.name),
    kind: spec.names.kind,
    plural: spec.names.plural,
    singular: spec.names.singular ?? spec.names.kind.toLowerCase(),
    namespaced: spec.scope !== 'Cluster',
    shortNames: spec.names.shortNames ?? [],
    verbs: allVerbs,
    categories: spec.names.categories ?? [],
    subresources: Object.keys(first.subresources ?? {}),
    printerColumns: first.additionalPrinterColumns,
  };
}

/** A type for a kind seen only in the manifests: kubectl's plural guess, scope from the objects. */
export function typeFromObject(group: string, version: string, kind: string, namespaced: boolean): ServedType {
  return {
    group,
    versions: [version],
    kind,
    plural: guessPlural(kind),
    singular: kind.toLowerCase(),
    namespaced,
    shortNames: [],
    verbs: allVerbs,
    categories: [],
    subresources: [],
  };
}

/** Types indexed the ways requests and manifests name them. */
export class Catalogue {
  readonly types: ServedType[] = [];
  private readonly byResource = new Map<string, ServedType>();
  private readonly byKind = new Map<string, ServedType>();

  constructor(types: ServedType[] = builtInTypes()) {
    for (const type of types) this.add(type);
  }

  /** Adds a type; a type already known by group and plural gains the new versions instead. */
  add(type: ServedType): ServedType {
    const existing = this.byResource.get(`${type.group}/${type.plural}`);
    if (existing) {
      for (const version of type.versions) if (!existing.versions.includes(version)) existing.versions.push(version);
      if (type.printerColumns && !existing.printerColumns) existing.printerColumns = type.printerColumns;
      return existing;
    }
    this.types.push(type);
    this.byResource.set(`${type.group}/${type.plural}`, type);
    this.byKind.set(`${type.group}/${type.kind}`, type);
    return type;
  }

  /** The type served at /apis/GROUP/VERSION/PLURAL, if that version serves it. */
  resource(group: string, version: string, plural: string): ServedType | undefined {
    const type = this.byResource.get(`${group}/${plural}`);
    return type?.versions.includes(version) ? type : undefined;
  }

  /** The type of an object by its apiVersion's group and its kind, whatever the version. */
  kind(group: string, kind: string): ServedType | undefined {
    return this.byKind.get(`${group}/${kind}`);
  }

  /** Groups in discovery order (core first, then as added), each with its versions. */
  groups(): {group: string; versions: string[]}[] {
    const order = new Map<string, string[]>();
    for (const type of this.types) {
      const versions = order.get(type.group) ?? [];
      for (const version of type.versions) if (!versions.includes(version)) versions.push(version);
      order.set(type.group, versions);
    }
    return [...order].map(([group, versions]) => ({group, versions: sortVersions(versions)}));
  }

  typesIn(group: string, version: string): ServedType[] {
    return this.types.filter((type) => type.group === group && type.versions.includes(version));
  }
}

/** Kubernetes version priority: GA before beta before alpha, higher numbers first. */
export function sortVersions(versions: string[]): string[] {
  const rank = (version: string): [number, number, number] => {
    const match = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(version);
    if (!match) return [3, 0, 0];
    const stage = match[2] === undefined ? 0 : match[2] === 'beta' ? 1 : 2;
    return [stage, -Number(match[1]), -Number(match[3] ?? 0)];
  };
  return [...versions].sort((a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    return ra[0] - rb[0] || ra[1] - rb[1] || ra[2] - rb[2] || a.localeCompare(b);
  });
}

export function splitApiVersion(apiVersion: string): {group: string; version: string} {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? {group: '', version: apiVersion} : {group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1)};
}

export function groupVersion(group: string, version: string): string {
  return group === '' ? version : `${group}/${version}`;
}
