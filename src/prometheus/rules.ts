// Relabel configs: decoding (yaml.v2 rules, Prometheus's defaults) and load-time validation with
// Prometheus's messages, into compiled rules the engine trusts. Mirrors model/relabel/relabel.go:
// Config.UnmarshalYAML and Config.Validate (v2.42.0 and newer), per the chosen version.
import {InputError} from '../errors.ts';
import type {InputLocation} from '../errors.ts';
import {goQuote, isLegacyLabelName, isUtf8LabelName, isValidLabelName} from './labels.ts';
import {compileRelabelRegex, compileTemplate, RegexSyntaxError} from './regex.ts';
import type {CompiledTemplate, RelabelRegex} from './regex.ts';
import {RE2JS} from 're2js';
import type {RelabelSemantics} from './version.ts';
import type {GoYaml} from './yaml-go.ts';
import {describeKind, fromPlainValue} from './yaml-go.ts';

export const RELABEL_ACTIONS = [
  'replace',
  'keep',
  'drop',
  'keepequal',
  'dropequal',
  'hashmod',
  'labelmap',
  'labeldrop',
  'labelkeep',
  'lowercase',
  'uppercase',
] as const;
export type RelabelAction = (typeof RELABEL_ACTIONS)[number];

/** A relabel config as written (Prometheus field names), before defaults. */
export interface RelabelConfigInput {
  source_labels?: string[] | null;
  separator?: string | null;
  regex?: string | null;
  modulus?: bigint | number | string | null;
  target_label?: string | null;
  replacement?: string | null;
  action?: string | null;
}

/** A validated, compiled rule. */
export interface RelabelRule {
  index: number;
  action: RelabelAction;
  sourceLabels: string[];
  separator: string;
  regex: RelabelRegex;
  /** The regex field was omitted: Prometheus's DefaultRelabelConfig.Regex, compared by identity upstream. */
  regexIsDefault: boolean;
  modulus: bigint;
  targetLabel: string;
  replacement: string;
  targetHasVar: boolean;
  replacementHasVar: boolean;
  /** target_label and replacement parsed once as Go templates over this rule's regex groups. */
  expandTarget: CompiledTemplate;
  expandReplacement: CompiledTemplate;
  /** The config with defaults applied, as Prometheus would print it back. */
  config: RelabelConfigOutput;
}

export interface RelabelConfigOutput {
  source_labels?: string[];
  separator: string;
  regex: string;
  modulus?: string;
  target_label?: string;
  replacement: string;
  action: RelabelAction;
}

const DEFAULT_SEPARATOR = ';';
const DEFAULT_REGEX = '(.*)';
const DEFAULT_REPLACEMENT = '$1';
const MAX_UINT64 = (1n << 64n) - 1n;

const knownFields = new Set(['source_labels', 'separator', 'regex', 'modulus', 'target_label', 'replacement', 'action']);
const operatorFields: Record<string, string> = {
  sourceLabels: 'source_labels',
  separator: 'separator',
  regex: 'regex',
  modulus: 'modulus',
  targetLabel: 'target_label',
  replacement: 'replacement',
  action: 'action',
};

/** Where the rules came from, for error messages: `relabel_configs[3]` and so on. */
export interface RuleListLocation extends InputLocation {
  /** Field path of the list, e.g. `scrape_configs[0].relabel_configs` or `spec.endpoints[0].relabelings`. */
  listField?: string;
  /** Prometheus Operator objects spell fields in camelCase. */
  camelCase?: boolean;
}

class RuleError extends Error {
  line?: number;
  constructor(message: string, line?: number) {
    super(message);
    this.line = line;
  }
}

/** Decodes and validates a list of relabel configs (a YAML sequence read with yaml-go). */
export function compileRuleList(list: GoYaml | undefined, semantics: RelabelSemantics, where: RuleListLocation = {}): RelabelRule[] {
  if (list === undefined || list.kind === 'null') return [];
  const listField = where.listField ?? 'relabel_configs';
  if (list.kind !== 'seq') {
    throw new InputError(`expected a list of relabel configs, got ${describeKind(list)}`, {...locationOf(where), field: listField, line: list.line || where.line});
  }
  return list.items.map((node, index) => {
    try {
      return compileRuleNode(node, index, semantics, where.camelCase ?? false);
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
      throw new InputError(error.message, {...locationOf(where), field: `${listField}[${index}]`, line: error.line || node.line || where.line});
    }
  });
}

function locationOf(where: RuleListLocation): InputLocation {
  return {file: where.file, document: where.document};
}

/** Decodes and validates plain objects (e.g. from JSON, or Operator objects read from a cluster). */
export function compileRuleObjects(configs: unknown[], semantics: RelabelSemantics, where: RuleListLocation = {}): RelabelRule[] {
  return compileRuleList(fromPlainValue(configs), semantics, where);
}

function scalarText(node: GoYaml, goType: string): string | null {
  if (node.kind === 'null') return null;
  if (node.kind !== 'scalar') throw new RuleError(`cannot unmarshal ${describeKind(node)} into ${goType}`, node.line);
  return node.text;
}

function compileRuleNode(node: GoYaml, index: number, semantics: RelabelSemantics, camelCase: boolean): RelabelRule {
  if (node.kind !== 'map') {
    if (node.kind === 'null') throw new RuleError('empty relabel config', node.line);
    throw new RuleError(`cannot unmarshal ${describeKind(node)} into relabel.plain`, node.line);
  }
  const input: RelabelConfigInput = {};
  let regexSource: string | undefined;
  let regex: RelabelRegex | undefined;
  const seen = new Set<string>();
  for (const [rawKey, value] of node.entries) {
    const key = camelCase ? operatorFields[rawKey] : rawKey;
    if (key === undefined || !knownFields.has(key)) throw new RuleError(`field ${rawKey} not found in type relabel.plain`, value.line || node.line);
    if (seen.has(key)) throw new RuleError(`key ${goQuote(rawKey)} already set in map`, value.line || node.line);
    seen.add(key);
    switch (key) {
      case 'source_labels': {
        if (value.kind === 'null') {
          input.source_labels = null;
          break;
        }
        if (value.kind !== 'seq') throw new RuleError(`cannot unmarshal ${describeKind(value)} into model.LabelNames`, value.line);
        input.source_labels = value.items.map((item) => {
          const name = scalarText(item, 'model.LabelName') ?? '';
          const valid = semantics.utf8Names ? isUtf8LabelName(name) : isLegacyLabelName(name);
          if (!valid) throw new RuleError(`${goQuote(name)} is not a valid label name`, item.line);
          return name;
        });
        break;
      }
      case 'action': {
        const text = scalarText(value, 'relabel.Action');
        if (text === null) {
          input.action = null;
          break;
        }
        const lower = text.toLowerCase();
        if (!(RELABEL_ACTIONS as readonly string[]).includes(lower)) throw new RuleError(`unknown relabel action ${goQuote(text)}`, value.line);
        input.action = lower;
        break;
      }
      case 'regex': {
        const text = scalarText(value, 'string');
        // yaml.v2 leaves an explicit null at the zero value, which Prometheus turns into an empty regex.
        regexSource = text ?? '';
        try {
          regex = compileRelabelRegex(regexSource, semantics);
        } catch (error) {
          if (error instanceof RegexSyntaxError) throw new RuleError(error.message, value.line);
          throw error;
        }
        input.regex = regexSource;
        break;
      }
      case 'modulus':
        input.modulus = parseUint64(value);
        break;
      default: {
        const text = scalarText(value, 'string');
        (input as Record<string, unknown>)[key] = text ?? '';
      }
    }
  }
  return validateRule(input, index, semantics, regex);
}

/** yaml.v2 into uint64: decimal, 0x, 0o/0 octal, 0b, with `_`; anything else is a type error. */
function parseUint64(node: GoYaml): bigint {
  if (node.kind === 'null') return 0n;
  if (node.kind !== 'scalar') throw new RuleError(`cannot unmarshal ${describeKind(node)} into uint64`, node.line);
  const text = node.text.replace(/_/g, '');
  let value: bigint | undefined;
  if (node.plain) {
    const m = /^\+?(0x[0-9a-fA-F]+|0o[0-7]+|0b[01]+|0[0-7]+|[0-9]+)$/.exec(text);
    if (m) {
      const digits = m[1]!;
      value = /^0[0-7]+$/.test(digits) ? BigInt(`0o${digits.slice(1)}`) : BigInt(digits);
    }
  }
  if (value === undefined || value > MAX_UINT64) {
    throw new RuleError(`cannot unmarshal ${node.plain ? '!!int' : '!!str'} \`${node.text}\` into uint64`, node.line);
  }
  return value;
}

// Prometheus's relabelTarget(Legacy) pattern; checked with RE2 (its nesting would backtrack badly in V8).
const legacyTargetPattern = RE2JS.compile('^(?:(?:[a-zA-Z_]|\\$(?:\\{\\w+\\}|\\w+))+\\w*)+$');

/**
 * Config.Validate for the chosen version, on a config with Prometheus's defaults applied to the fields
 * that were left out. Throws a RuleError with Prometheus's own message.
 */
export function validateRule(input: RelabelConfigInput, index: number, semantics: RelabelSemantics, compiled?: RelabelRegex): RelabelRule {
  const action = input.action === undefined ? 'replace' : (input.action ?? '');
  const separator = input.separator === undefined ? DEFAULT_SEPARATOR : (input.separator ?? '');
  const replacement = input.replacement === undefined ? DEFAULT_REPLACEMENT : (input.replacement ?? '');
  const targetLabel = input.target_label ?? '';
  const modulus = input.modulus === undefined || input.modulus === null ? 0n : BigInt(input.modulus);
  const regexIsDefault = input.regex === undefined;
  const regexSource = regexIsDefault ? DEFAULT_REGEX : (input.regex ?? '');
  let regex = compiled;
  if (regex === undefined) {
    try {
      regex = compileRelabelRegex(regexSource, semantics);
    } catch (error) {
      if (error instanceof RegexSyntaxError) throw new RuleError(error.message);
      throw error;
    }
  }
  const fail = (message: string): never => {
    throw new RuleError(message);
  };
  const validName = (name: string) => isValidLabelName(name, semantics);
  // 2.x checked target labels of these actions (and labelmap replacements) with the legacy pattern that
  // admits $variables; 3.2 checks templates as UTF-8 names.
  const validTemplateName = (name: string) => (semantics.utf8TemplateNames ? isUtf8LabelName(name) : legacyTargetPattern.testExact(name));
  const hasVar = (s: string) => s.includes('$');
  const isOneOf = (...actions: string[]) => actions.includes(action);

  if (action === '') fail('relabel action cannot be empty');
  if (modulus === 0n && action === 'hashmod') fail('relabel configuration for hashmod requires non-zero modulus');
  if (isOneOf('replace', 'hashmod', 'lowercase', 'uppercase', 'keepequal', 'dropequal') && targetLabel === '') {
    fail(`relabel configuration for ${action} action requires 'target_label' value`);
  }
  const invalidTarget = () => fail(`${goQuote(targetLabel)} is invalid 'target_label' for ${action} action`);
  if (!semantics.utf8Names && !semantics.legacyScheme) {
    // v2.42.0: one legacy pattern (with $variables) for replace, lowercase, uppercase, keepequal, dropequal.
    if (isOneOf('replace', 'lowercase', 'uppercase', 'keepequal', 'dropequal') && !legacyTargetPattern.testExact(targetLabel)) invalidTarget();
  } else {
    if (action === 'replace' && !hasVar(targetLabel) && !validName(targetLabel)) invalidTarget();
    if (action === 'replace' && hasVar(targetLabel) && !validTemplateName(targetLabel)) invalidTarget();
    if (isOneOf('lowercase', 'uppercase', 'keepequal', 'dropequal') && !validName(targetLabel)) invalidTarget();
  }
  if (isOneOf('lowercase', 'uppercase', 'keepequal', 'dropequal') && replacement !== DEFAULT_REPLACEMENT) {
    fail(`'replacement' can not be set for ${action} action`);
  }
  if (action === 'labelmap' && !validTemplateName(replacement)) {
    fail(`${goQuote(replacement)} is invalid 'replacement' for ${action} action`);
  }
  if (action === 'hashmod' && !validName(targetLabel)) invalidTarget();
  if (isOneOf('dropequal', 'keepequal')) {
    if (!regexIsDefault || modulus !== 0n || separator !== DEFAULT_SEPARATOR || replacement !== DEFAULT_REPLACEMENT) {
      fail(`${action} action requires only 'source_labels' and \`target_label\`, and no other fields`);
    }
  }
  if (isOneOf('labeldrop', 'labelkeep')) {
    if (input.source_labels != null || targetLabel !== '' || modulus !== 0n || separator !== DEFAULT_SEPARATOR || replacement !== DEFAULT_REPLACEMENT) {
      fail(`${action} action requires only 'regex', and no other fields`);
    }
  }

  const sourceLabels = input.source_labels ?? [];
  const config: RelabelConfigOutput = {separator, regex: regexSource, replacement, action: action as RelabelAction};
  if (sourceLabels.length > 0) config.source_labels = sourceLabels;
  if (modulus !== 0n) config.modulus = modulus.toString();
  if (targetLabel !== '') config.target_label = targetLabel;
  return {
    index,
    action: action as RelabelAction,
    sourceLabels,
    separator,
    regex,
    regexIsDefault,
    modulus,
    targetLabel,
    replacement,
    targetHasVar: hasVar(targetLabel),
    replacementHasVar: hasVar(replacement),
    expandTarget: compileTemplate(targetLabel, regex.groupNames),
    expandReplacement: compileTemplate(replacement, regex.groupNames),
    config,
  };
}

/** Validates configs given as objects (tests, programmatic use); errors name the rule index. */
export function compileRules(configs: RelabelConfigInput[], semantics: RelabelSemantics, listField = 'relabel_configs'): RelabelRule[] {
  return configs.map((config, index) => {
    try {
      for (const name of config.source_labels ?? []) {
        if (!(semantics.utf8Names ? isUtf8LabelName(name) : isLegacyLabelName(name))) throw new RuleError(`${goQuote(name)} is not a valid label name`);
      }
      if (config.action != null) {
        const lower = config.action.toLowerCase();
        if (!(RELABEL_ACTIONS as readonly string[]).includes(lower)) throw new RuleError(`unknown relabel action ${goQuote(config.action)}`);
        config = {...config, action: lower};
      }
      return validateRule(config, index, semantics);
    } catch (error) {
      if (error instanceof RuleError) throw new InputError(error.message, {field: `${listField}[${index}]`});
      throw error;
    }
  });
}

/** A short, readable form of a rule for traces: `replace a,b =~ (.*) -> d = $1`. */
export function describeRule(rule: RelabelRule): string {
  const src = rule.sourceLabels.length === 0 ? '' : `[${rule.sourceLabels.join(rule.separator === ';' ? ';' : ` ${JSON.stringify(rule.separator)} `)}]`;
  const re = rule.regexIsDefault ? '' : ` =~ ${JSON.stringify(rule.regex.source)}`;
  switch (rule.action) {
    case 'replace':
      return `replace ${src || '(no source)'}${re} -> ${rule.targetLabel} = ${JSON.stringify(rule.replacement)}`;
    case 'keep':
    case 'drop':
      return `${rule.action} if ${src || '""'}${re || ' =~ "(.*)"'}`;
    case 'keepequal':
    case 'dropequal':
      return `${rule.action} if ${src || '""'} == ${rule.targetLabel}`;
    case 'hashmod':
      return `hashmod ${src} % ${rule.modulus} -> ${rule.targetLabel}`;
    case 'labelmap':
      return `labelmap names =~ ${JSON.stringify(rule.regex.source)} -> ${JSON.stringify(rule.replacement)}`;
    case 'labeldrop':
    case 'labelkeep':
      return `${rule.action} names =~ ${JSON.stringify(rule.regex.source)}`;
    case 'lowercase':
    case 'uppercase':
      return `${rule.action} ${src} -> ${rule.targetLabel}`;
  }
}
