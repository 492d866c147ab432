// The string form of label selectors that `kubectl -l` and the API's labelSelector parameter
// take (apimachinery labels.Parse): `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`.

import {UsageError} from '../errors.ts';

export type Requirement =
  | {key: string; operator: 'in' | 'notin'; values: string[]}
  | {key: string; operator: 'exists' | 'doesnotexist'}
  | {key: string; operator: 'gt' | 'lt'; value: number};

export type LabelQuery = Requirement[];

/** Parses a selector string; an empty string selects everything. */
export function parseLabelQuery(text: string): LabelQuery {
  const requirements: Requirement[] = [];
  for (const part of splitTopLevel(text)) {
    const clause = part.trim();
    if (!clause) continue;
    requirements.push(parseClause(clause, text));
  }
  return requirements;
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

const setPattern = /^([^\s!=()<>]+)\s+(in|notin)\s*\(([^()]*)\)$/;
const equalityPattern = /^([^\s!=()<>]+)\s*(==|=|!=)\s*([^\s!=(),<>]*)$/;
const numericPattern = /^([^\s!=()<>]+)\s*([<>])\s*(-?\d+)$/;
const existsPattern = /^(!?)\s*([^\s!=()<>]+)$/;

function parseClause(clause: string, whole: string): Requirement {
  let match = setPattern.exec(clause);
  if (match) {
    const values = match[3].split(',').map((value) => value.trim()).filter((value) => value !== '');
    return {key: match[1], operator: match[2] as 'in' | 'notin', values};
  }
  match = equalityPattern.exec(clause);
  if (match) return {key: match[1], operator: match[2] === '!=' ? 'notin' : 'in', values: [match[3]]};
  match = numericPattern.exec(clause);
  if (match) return {key: match[1], operator: match[2] === '>' ? 'gt' : 'lt', value: Number(match[3])};
  match = existsPattern.exec(clause);
  if (match) return {key: match[2], operator: match[1] ? 'doesnotexist' : 'exists'};
  throw new UsageError(`unable to parse requirement "${clause}" in selector "${whole}"`);
}

export function matchesLabelQuery(query: LabelQuery, labels: Record<string, string> | undefined): boolean {
  const set = labels ?? {};
  return query.every((requirement) => {
    const has = Object.prototype.hasOwnProperty.call(set, requirement.key);
    switch (requirement.operator) {
      case 'in': return has && requirement.values.includes(set[requirement.key]);
      case 'notin': return !has || !requirement.values.includes(set[requirement.key]);
      case 'exists': return has;
      case 'doesnotexist': return !has;
      case 'gt':
      case 'lt': {
        // Only integer label values compare; anything else does not match.
        if (!has || !/^-?\d+$/.test(set[requirement.key])) return false;
        const value = Number(set[requirement.key]);
        return requirement.operator === 'gt' ? value > requirement.value : value < requirement.value;
      }
    }
  });
}

/** The field selectors the suite answers offline, as the API server does for these fields. */
export interface FieldRequirement {
  field: string;
  value: string;
  negate: boolean;
}

const supportedFields = ['metadata.name', 'metadata.namespace', 'spec.nodeName', 'status.phase'];

export function parseFieldQuery(text: string): FieldRequirement[] {
  return text.split(',').map((part) => part.trim()).filter(Boolean).map((part) => {
    const match = /^([\w.]+)\s*(==|=|!=)\s*(.*)$/.exec(part);
    if (!match) throw new UsageError(`invalid field selector "${part}"`);
    if (!supportedFields.includes(match[1])) {
      throw new UsageError(`field label not supported: ${match[1]}`, {hint: `supported: ${supportedFields.join(', ')}`});
    }
    return {field: match[1], value: match[3], negate: match[2] === '!='};
  });
}

export function matchesFieldQuery(query: FieldRequirement[], object: {metadata: {name: string; namespace?: string}; spec?: {nodeName?: string}; status?: {phase?: string}}): boolean {
  return query.every(({field, value, negate}) => {
    const actual = field === 'metadata.name' ? object.metadata.name
      : field === 'metadata.namespace' ? object.metadata.namespace ?? ''
        : field === 'spec.nodeName' ? object.spec?.nodeName ?? ''
          : object.status?.phase ?? '';
    return (actual === value) !== negate;
  });
}
