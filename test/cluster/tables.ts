// Server-side printing: meta.k8s.io Table answers for `kubectl get`, with the columns the API
// server's printers give the common kinds (pkg/printers/internalversion/printers.go), CRD
// additionalPrinterColumns, and NAME/AGE for everything else.

import type {KubeObject} from '../../src/cluster/types.ts';
import type {PrinterColumn, ServedType} from './catalogue.ts';

export interface ColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

type Cell = string | number | boolean | null;

interface TablePrinter {
  columns: ColumnDefinition[];
  cells(object: KubeObject, now: number): Cell[];
}

function column(name: string, type = 'string', priority = 0, format = ''): ColumnDefinition {
  return {name, type, format, description: `${name} of the object`, priority};
}

const nameColumn = {...column('Name', 'string', 0, 'name'), description: 'Name must be unique within a namespace.'};
const ageColumn = {...column('Age'), description: 'CreationTimestamp is a timestamp representing the server time when this object was created.'};

// Nested values without a chain of optional lookups at every call site.
function at(object: unknown, path: string): unknown {
  let current = object;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function num(object: unknown, path: string): number {
  const value = at(object, path);
  return typeof value === 'number' ? value : 0;
}

function str(object: unknown, path: string, fallback = '<none>'): string {
  const value = at(object, path);
  return typeof value === 'string' && value !== '' ? value : fallback;
}

function list<T = Record<string, unknown>>(object: unknown, path: string): T[] {
  const value = at(object, path);
  return Array.isArray(value) ? (value as T[]) : [];
}

function selectorText(selector: unknown): string {
  const labels = (at(selector, 'matchLabels') ?? selector) as Record<string, string> | undefined;
  if (!labels || typeof labels !== 'object') return '<none>';
  const terms = Object.entries(labels).filter(([, value]) => typeof value === 'string').map(([key, value]) => `${key}=${value}`);
  return terms.length > 0 ? terms.join(',') : '<none>';
}

function containers(object: KubeObject): [string, string] {
  const specs = list<{name: string; image: string}>(object, 'spec.template.spec.containers');
  return [specs.map((c) => c.name).join(','), specs.map((c) => c.image).join(',')];
}

function podStatus(pod: KubeObject): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  let reason = str(pod, 'status.reason', str(pod, 'status.phase', 'Unknown'));
  for (const container of list(pod, 'status.containerStatuses')) {
    const waiting = str(container, 'state.waiting.reason', '');
    const terminated = str(container, 'state.terminated.reason', '');
    if (waiting) reason = waiting;
    else if (terminated) reason = terminated;
  }
  return reason;
}

const printers: Record<string, TablePrinter> = {
  'Pod': {
    columns: [nameColumn, column('Ready'), column('Status'), column('Restarts'), ageColumn, column('IP', 'string', 1), column('Node', 'string', 1), column('Nominated Node', 'string', 1), column('Readiness Gates', 'string', 1)],
    cells: (pod, now) => {
      const statuses = list(pod, 'status.containerStatuses');
      const ready = statuses.filter((s) => s.ready === true).length;
      const restarts = statuses.reduce((sum, s) => sum + num(s, 'restartCount'), 0);
      const gates = list(pod, 'spec.readinessGates');
      return [
        pod.metadata.name,
        `${ready}/${list(pod, 'spec.containers').length}`,
        podStatus(pod),
        String(restarts),
        age(pod, now),
        str(pod, 'status.podIP'),
        str(pod, 'spec.nodeName'),
        str(pod, 'status.nominatedNodeName'),
        gates.length > 0 ? `0/${gates.length}` : '<none>',
      ];
    },
  },
  'apps/Deployment': {
    columns: [nameColumn, column('Ready'), column('Up-to-date', 'integer'), column('Available', 'integer'), ageColumn, column('Containers', 'string', 1), column('Images', 'string', 1), column('Selector', 'string', 1)],
    cells: (object, now) => [
      object.metadata.name,
      `${num(object, 'status.readyReplicas')}/${num(object, 'spec.replicas')}`,
      num(object, 'status.updatedReplicas'),
      num(object, 'status.availableReplicas'),
      age(object, now),
      ...containers(object),
      selectorText(at(object, 'spec.selector')),
    ],
  },
  'apps/ReplicaSet': {
    columns: [nameColumn, column('Desired', 'integer'), column('Current', 'integer'), column('Ready', 'integer'), ageColumn, column('Containers', 'string', 1), column('Images', 'string', 1), column('Selector', 'string', 1)],
    cells: (object, now) => [
      object.metadata.name,
      num(object, 'spec.replicas'),
      num(object, 'status.replicas'),
      num(object, 'status.readyReplicas'),
      age(object, now),
      ...containers(object),
      selectorText(at(object, 'spec.selector')),
    ],
  },
  'apps/StatefulSet': {
    columns: [nameColumn, column('Ready'), ageColumn, column('Containers', 'string', 1), column('Images', 'string', 1)],
    cells: (object, now) => [object.metadata.name, `${num(object, 'status.readyReplicas')}/${num(object, 'spec.replicas')}`, age(object, now), ...containers(object)],
  },
  'apps/DaemonSet': {
    columns: [nameColumn, column('Desired', 'integer'), column('Current', 'integer'), column('Ready', 'integer'), column('Up-to-date', 'integer'), column('Available', 'integer'), column('Node Selector'), ageColumn],
    cells: (object, now) => [
      object.metadata.name,
      num(object, 'status.desiredNumberScheduled'),
      num(object, 'status.currentNumberScheduled'),
      num(object, 'status.numberReady'),
      num(object, 'status.updatedNumberScheduled'),
      num(object, 'status.numberAvailable'),
      selectorText(at(object, 'spec.template.spec.nodeSelector')),
      age(object, now),
    ],
  },
  'Service': {
    columns: [nameColumn, column('Type'), column('Cluster-IP'), column('External-IP'), column('Port(s)'), ageColumn, column('Selector', 'string', 1)],
    cells: (service, now) => {
      const ports = list(service, 'spec.ports').map((port) => {
        const nodePort = num(port, 'nodePort') ? `:${num(port, 'nodePort')}` : '';
        return `${num(port, 'port')}${nodePort}/${str(port, 'protocol', 'TCP')}`;
      });
      const external = list<string>(service, 'spec.externalIPs');
      return [
        service.metadata.name,
        str(service, 'spec.type', 'ClusterIP'),
        str(service, 'spec.clusterIP'),
        external.length > 0 ? external.join(',') : '<none>',
        ports.length > 0 ? ports.join(',') : '<none>',
        age(service, now),
        selectorText(at(service, 'spec.selector')),
      ];
    },
  },
  'Namespace': {
    columns: [nameColumn, column('Status'), ageColumn],
    cells: (object, now) => [object.metadata.name, str(object, 'status.phase', 'Active'), age(object, now)],
  },
  'Node': {
    columns: [nameColumn, column('Status'), column('Roles'), ageColumn, column('Version'), column('Internal-IP', 'string', 1)],
    cells: (node, now) => {
      const ready = list(node, 'status.conditions').find((condition) => condition.type === 'Ready');
      const roles = Object.keys(node.metadata.labels ?? {})
        .filter((key) => key.startsWith('node-role.kubernetes.io/'))
        .map((key) => key.slice('node-role.kubernetes.io/'.length));
      const internal = list(node, 'status.addresses').find((address) => address.type === 'InternalIP');
      return [
        node.metadata.name,
        ready?.status === 'True' ? 'Ready' : ready ? 'NotReady' : 'Unknown',
        roles.length > 0 ? roles.join(',') : '<none>',
        age(node, now),
        str(node, 'status.nodeInfo.kubeletVersion', ''),
        str(internal, 'address'),
      ];
    },
  },
  'ConfigMap': {
    columns: [nameColumn, column('Data', 'integer'), ageColumn],
    cells: (object, now) => [object.metadata.name, Object.keys(object.data ?? {}).length + Object.keys(object.binaryData ?? {}).length, age(object, now)],
  },
  'Secret': {
    columns: [nameColumn, column('Type'), column('Data', 'integer'), ageColumn],
    cells: (object, now) => [object.metadata.name, str(object, 'type', 'Opaque'), Object.keys(object.data ?? {}).length, age(object, now)],
  },
  'ServiceAccount': {
    columns: [nameColumn, column('Secrets', 'integer'), ageColumn],
    cells: (object, now) => [object.metadata.name, list(object, 'secrets').length, age(object, now)],
  },
  'networking.k8s.io/NetworkPolicy': {
    columns: [nameColumn, column('Pod-Selector'), ageColumn],
    cells: (object, now) => [object.metadata.name, selectorText(at(object, 'spec.podSelector')).replace('<none>', ''), age(object, now)],
  },
  'batch/Job': {
    columns: [nameColumn, column('Status'), column('Completions'), column('Duration'), ageColumn],
    cells: (object, now) => [object.metadata.name, str(object, 'status.conditions.0.type', 'Running'), `${num(object, 'status.succeeded')}/${num(object, 'spec.completions') || 1}`, '', age(object, now)],
  },
  'rbac.authorization.k8s.io/RoleBinding': {
    columns: [nameColumn, column('Role'), ageColumn],
    cells: (object, now) => [object.metadata.name, `${str(object, 'roleRef.kind', '')}/${str(object, 'roleRef.name', '')}`, age(object, now)],
  },
  'rbac.authorization.k8s.io/ClusterRoleBinding': {
    columns: [nameColumn, column('Role'), ageColumn],
    cells: (object, now) => [object.metadata.name, `${str(object, 'roleRef.kind', '')}/${str(object, 'roleRef.name', '')}`, age(object, now)],
  },
  'rbac.authorization.k8s.io/Role': {
    columns: [nameColumn, column('Created At', 'string', 0, 'date')],
    cells: (object) => [object.metadata.name, object.metadata.creationTimestamp ?? ''],
  },
  'rbac.authorization.k8s.io/ClusterRole': {
    columns: [nameColumn, column('Created At', 'string', 0, 'date')],
    cells: (object) => [object.metadata.name, object.metadata.creationTimestamp ?? ''],
  },
};

const defaultPrinter: TablePrinter = {columns: [nameColumn, ageColumn], cells: (object, now) => [object.metadata.name, age(object, now)]};

function crdPrinter(printerColumns: PrinterColumn[]): TablePrinter {
  const extra = printerColumns.map((printerColumn) => ({
    name: printerColumn.name,
    type: printerColumn.type,
    format: printerColumn.format ?? '',
    description: printerColumn.description ?? '',
    priority: printerColumn.priority ?? 0,
  }));
  const hasAge = printerColumns.some((printerColumn) => printerColumn.jsonPath === '.metadata.creationTimestamp');
  return {
    columns: [nameColumn, ...extra, ...(hasAge ? [] : [ageColumn])],
    cells: (object, now) => [
      object.metadata.name,
      ...printerColumns.map((printerColumn) => {
        const value = at(object, printerColumn.jsonPath.replace(/^\./, ''));
        if (printerColumn.jsonPath === '.metadata.creationTimestamp') return age(object, now);
        return value === undefined ? null : typeof value === 'object' ? JSON.stringify(value) : (value as Cell);
      }),
      ...(hasAge ? [] : [age(object, now)]),
    ],
  };
}

function printerFor(type: ServedType): TablePrinter {
  const key = type.group ? `${type.group}/${type.kind}` : type.kind;
  if (printers[key]) return printers[key];
  if (type.printerColumns && type.printerColumns.length > 0) return crdPrinter(type.printerColumns);
  return defaultPrinter;
}

export function partialObjectMetadata(object: KubeObject, apiVersion = 'meta.k8s.io/v1'): KubeObject {
  return {kind: 'PartialObjectMetadata', apiVersion, metadata: object.metadata};
}

/** A Table of the objects; `listMetadata` carries resourceVersion and paging fields. */
export function toTable(
  type: ServedType,
  objects: KubeObject[],
  options: {apiVersion: string; includeObject: IncludeObject; listMetadata: Record<string, unknown>; noHeaders?: boolean},
): object {
  const printer = printerFor(type);
  const now = Date.now();
  const rows = objects.map((object) => {
    const row: Record<string, unknown> = {cells: printer.cells(object, now)};
    if (options.includeObject === 'Object') row.object = object;
    else if (options.includeObject === 'Metadata') row.object = partialObjectMetadata(object, options.apiVersion);
    return row;
  });
  return {
    kind: 'Table',
    apiVersion: options.apiVersion,
    metadata: options.listMetadata,
    columnDefinitions: options.noHeaders ? [] : printer.columns,
    rows,
  };
}

/** kubectl's HumanDuration (k8s.io/apimachinery pkg/util/duration). */
export function humanDuration(milliseconds: number): string {
  const seconds = Math.trunc(milliseconds / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${hours / 24}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const days = Math.floor(hours / 24) % 365;
    return days === 0 ? `${Math.floor(hours / 24 / 365)}y` : `${Math.floor(hours / 24 / 365)}y${days}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

function age(object: KubeObject, now: number): string {
  const created = object.metadata.creationTimestamp;
  if (!created) return '<unknown>';
  return humanDuration(now - Date.parse(created));
}
