// Label and field selectors as the API server parses them from ?labelSelector= and
// ?fieldSelector= (k8s.io/apimachinery pkg/labels/selector.go and pkg/fields/selector.go).

import type {KubeObject} from '../../src/cluster/types.ts';

export class SelectorError extends Error {}

type LabelRequirement =
  | {key: string; operator: 'in' | 'notin'; values: string[]}
  | {key: string; operator: 'exists' | '!'}
  | {key: string; operator: 'gt' | 'lt'; bound: number};

export type LabelMatcher = (labels: Record<string, string> | undefined) => boolean;

/** Parses a label selector: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, joined by commas. */
export function parseLabelSelector(text: string): LabelMatcher {
  const requirements = splitTopLevel(text).map(parseLabelRequirement);
  return (labels) => requirements.every((requirement) => matchesRequirement(requirement, labels ?? {}));
}

function parseLabelRequirement(term: string): LabelRequirement {
  const trimmed = term.trim();
  let match = /^!\s*([^\s!=,()]+)$/.exec(trimmed);
  if (match) return {key: checkKey(match[1]), operator: '!'};
  match = /^([^\s!=,()]+)\s*(==|=|!=)\s*([^\s!=,()]*)$/.exec(trimmed);
  if (match) {
    const values = [checkValue(match[3])];
    return {key: checkKey(match[1]), operator: match[2] === '!=' ? 'notin' : 'in', values};
  }
  match = /^([^\s!=<>,()]+)\s*([<>])\s*(\S+)$/.exec(trimmed);
  if (match) {
    if (!/^-?\d+$/.test(match[3])) throw new SelectorError(`for 'Gt', 'Lt' operators, the value must be an integer`);
    return {key: checkKey(match[1]), operator: match[2] === '>' ? 'gt' : 'lt', bound: Number(match[3])};
  }
  match = /^([^\s!=,()]+)\s+(in|notin)\s*\(([^()]*)\)$/.exec(trimmed);
  if (match) {
    const values = match[3].split(',').map((value) => checkValue(value.trim()));
    return {key: checkKey(match[1]), operator: match[2] as 'in' | 'notin', values};
  }
  match = /^([^\s!=,()]+)$/.exec(trimmed);
  if (match) return {key: checkKey(match[1]), operator: 'exists'};
  throw new SelectorError(`unable to parse requirement: ${JSON.stringify(trimmed)}`);
}

function matchesRequirement(requirement: LabelRequirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, requirement.key);
  switch (requirement.operator) {
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'in':
      return has && requirement.values.includes(labels[requirement.key]);
    case 'notin':
      // a missing label satisfies != and notin, as upstream
      return !has || !requirement.values.includes(labels[requirement.key]);
    case 'gt':
    case 'lt': {
      if (!has || !/^-?\d+$/.test(labels[requirement.key])) return false;
      const value = Number(labels[requirement.key]);
      return requirement.operator === 'gt' ? value > requirement.bound : value < requirement.bound;
    }
  }
}

const qualifiedName = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const labelValue = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

function checkKey(key: string): string {
  if (!qualifiedName.test(key)) throw new SelectorError(`invalid label key "${key}"`);
  return key;
}

function checkValue(value: string): string {
  if (!labelValue.test(value)) throw new SelectorError(`invalid label value: "${value}"`);
  return value;
}

/** Splits on commas outside parentheses; an empty selector has no terms, an empty term is an error. */
function splitTopLevel(text: string): string[] {
  if (text.trim() === '') return [];
  const terms: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === ',' && depth === 0) {
      terms.push(text.slice(start, index));
      start = index + 1;
    }
  }
  terms.push(text.slice(start));
  if (terms.some((term) => term.trim() === '')) throw new SelectorError(`found ',', expected: identifier in ${JSON.stringify(text)}`);
  return terms;
}

// Field selectors: the fields the API server indexes for every kind, and per kind the extra ones
// its registry strategies expose (pkg/registry/*/strategy.go ToSelectableFields).
const commonFields = ['metadata.name', 'metadata.namespace'];
const kindFields: Record<string, string[]> = {
  Pod: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName'],
  Namespace: ['status.phase'],
  Node: ['spec.unschedulable'],
  Secret: ['type'],
  Event: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'],
  ReplicationController: ['status.replicas'],
  ReplicaSet: ['status.replicas'],
  Job: ['status.successful'],
  CertificateSigningRequest: ['spec.signerName'],
};

export type FieldMatcher = (object: KubeObject) => boolean;

/** Parses `field=value`, `field==value`, `field!=value` terms joined by commas, for one kind. */
export function parseFieldSelector(text: string, kind: string): FieldMatcher {
  const allowed = new Set([...commonFields, ...(kindFields[kind] ?? [])]);
  const terms = text
    .split(',')
    .filter((term) => term.trim() !== '')
    .map((term) => {
      const match = /^([^=!]+)(==|=|!=)(.*)$/.exec(term.trim());
      if (!match) throw new SelectorError(`invalid selector: '${text}'; can't understand '${term}'`);
      const field = match[1].trim();
      if (!allowed.has(field)) throw new SelectorError(`field label not supported: ${field}`);
      return {field, negate: match[2] === '!=', value: match[3].trim()};
    });
  return (object) =>
    terms.every(({field, negate, value}) => (fieldValue(object, field) === value) !== negate);
}

function fieldValue(object: KubeObject, field: string): string {
  let current: unknown = object;
  for (const part of field.split('.')) {
    if (current === null || typeof current !== 'object') return '';
    current = (current as Record<string, unknown>)[part];
  }
  if (current === undefined || current === null) return '';
  if (field === 'source' && typeof current === 'object') return String((current as {component?: string}).component ?? '');
  return String(current);
}
