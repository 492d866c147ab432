// metav1.LabelSelector as apimachinery evaluates it (LabelSelectorAsSelector): matchLabels are
// equality requirements, matchExpressions use In/NotIn/Exists/DoesNotExist, all ANDed.
// An absent (null) selector selects nothing; an empty one ({}) selects everything.
// Selectors are validated and compiled once, then matched many times.

import {InputError, type InputLocation} from '../errors.ts';

export type LabelSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface LabelSelectorRequirement {
  key: string;
  operator: LabelSelectorOperator | string;
  values?: string[] | null;
}

export interface LabelSelector {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: LabelSelectorRequirement[] | null;
}

export type Labels = Readonly<Record<string, string>> | undefined | null;

/** One requirement in normal form, the way apimachinery's labels.Requirement holds it. */
export interface CompiledRequirement {
  key: string;
  operator: LabelSelectorOperator;
  values: readonly string[];
}

export interface CompiledSelector {
  /** False for an absent selector: it matches nothing. */
  readonly present: boolean;
  /** True when the selector matches every label set (present and without requirements). */
  readonly matchesAll: boolean;
  readonly requirements: readonly CompiledRequirement[];
  matches(labels: Labels): boolean;
  /** kubectl's string form: `app=web,tier in (a,b),!legacy`; `<all>` / `<none>`. */
  readonly text: string;
}

const operators: readonly string[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

// Qualified names and label values as apimachinery validation defines them.
const namePart = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function labelKeyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (slash >= 0) {
    const prefix = key.slice(0, slash);
    if (!prefix || prefix.length > 253 || !dnsSubdomain.test(prefix)) return `prefix of "${key}" must be a DNS subdomain`;
  }
  if (!name || name.length > 63 || !namePart.test(name)) {
    return `"${key}" is not a valid label key (name part: 63 characters at most, alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric)`;
  }
  return undefined;
}

export function labelValueProblem(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63 || !namePart.test(value)) return `"${value}" is not a valid label value`;
  return undefined;
}

/**
 * Validates and compiles a selector. `location.field` names the selector (e.g.
 * `spec.podSelector`); problems throw an InputError naming the offending sub-field.
 */
export function compileLabelSelector(selector: LabelSelector | null | undefined, location: InputLocation = {}): CompiledSelector {
  if (selector === null || selector === undefined) return noneSelector;
  if (typeof selector !== 'object' || Array.isArray(selector)) {
    throw new InputError('a label selector must be a mapping', location);
  }
  const field = location.field ?? 'selector';
  const requirements: CompiledRequirement[] = [];
  const matchLabels = selector.matchLabels ?? {};
  for (const key of Object.keys(matchLabels).sort()) {
    const value = matchLabels[key];
    const at = {...location, field: `${field}.matchLabels.${key}`};
    if (typeof value !== 'string') throw new InputError('a label value must be a string', at);
    const problem = labelKeyProblem(key) ?? labelValueProblem(value);
    if (problem) throw new InputError(problem, at);
    requirements.push({key, operator: 'In', values: [value]});
  }
  const expressions = selector.matchExpressions ?? [];
  if (!Array.isArray(expressions)) throw new InputError('matchExpressions must be a list', {...location, field: `${field}.matchExpressions`});
  expressions.forEach((expression, index) => {
    const at = {...location, field: `${field}.matchExpressions[${index}]`};
    if (!expression || typeof expression !== 'object') throw new InputError('a requirement must be a mapping', at);
    const {key, operator} = expression;
    const values = expression.values ?? [];
    if (typeof key !== 'string') throw new InputError('key is required', {...at, field: `${at.field}.key`});
    const keyProblem = labelKeyProblem(key);
    if (keyProblem) throw new InputError(keyProblem, {...at, field: `${at.field}.key`});
    if (!operators.includes(operator)) {
      throw new InputError(`"${operator}" is not a valid label selector operator (In, NotIn, Exists, DoesNotExist)`, {...at, field: `${at.field}.operator`});
    }
    if (!Array.isArray(values)) throw new InputError('values must be a list', {...at, field: `${at.field}.values`});
    if ((operator === 'In' || operator === 'NotIn') && values.length === 0) {
      throw new InputError(`for '${operator}' operator, values set can't be empty`, {...at, field: `${at.field}.values`});
    }
    if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) {
      throw new InputError(`values set must be empty for '${operator}' operator`, {...at, field: `${at.field}.values`});
    }
    for (const value of values) {
      const problem = typeof value === 'string' ? labelValueProblem(value) : 'a label value must be a string';
      if (problem) throw new InputError(problem, {...at, field: `${at.field}.values`});
    }
    requirements.push({key, operator: operator as LabelSelectorOperator, values: [...new Set(values)].sort()});
  });
  return makeSelector(requirements);
}

/** Convenience for one-off checks; compile once when matching many label sets. */
export function matchesLabelSelector(selector: LabelSelector | null | undefined, labels: Labels): boolean {
  return compileLabelSelector(selector).matches(labels);
}

export function requirementMatches(requirement: CompiledRequirement, labels: Labels): boolean {
  const has = labels !== null && labels !== undefined && Object.prototype.hasOwnProperty.call(labels, requirement.key);
  switch (requirement.operator) {
    case 'In': return has && requirement.values.includes(labels![requirement.key]);
    case 'NotIn': return !has || !requirement.values.includes(labels![requirement.key]);
    case 'Exists': return has;
    case 'DoesNotExist': return !has;
  }
}

const noneSelector: CompiledSelector = {
  present: false,
  matchesAll: false,
  requirements: [],
  matches: () => false,
  text: '<none>',
};

function makeSelector(requirements: CompiledRequirement[]): CompiledSelector {
  const sorted = [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    present: true,
    matchesAll: sorted.length === 0,
    requirements: sorted,
    matches: (labels) => sorted.every((requirement) => requirementMatches(requirement, labels)),
    text: sorted.length === 0 ? '<all>' : sorted.map(requirementText).join(','),
  };
}

export function requirementText(requirement: CompiledRequirement): string {
  switch (requirement.operator) {
    case 'In': return requirement.values.length === 1 ? `${requirement.key}=${requirement.values[0]}` : `${requirement.key} in (${requirement.values.join(',')})`;
    case 'NotIn': return requirement.values.length === 1 ? `${requirement.key}!=${requirement.values[0]}` : `${requirement.key} notin (${requirement.values.join(',')})`;
    case 'Exists': return requirement.key;
    case 'DoesNotExist': return `!${requirement.key}`;
  }
}

/** A selector that matches exactly these labels' keys and values (matchLabels form). */
export function selectorFromLabels(labels: Record<string, string>): CompiledSelector {
  return makeSelector(Object.keys(labels).map((key) => ({key, operator: 'In', values: [labels[key]]})));
}
