// The relabel engine: Prometheus's relabel.Process/ProcessBuilder over one label set, rule by rule,
// stopping at the first drop, with the label set after every rule as the trace.
import {createHash} from 'node:crypto';
import {LabelBuilder} from './label-builder.ts';
import type {Labels} from './labels.ts';
import {goToLower, goToUpper, isValidLabelName} from './labels.ts';
import type {RelabelAction, RelabelRule} from './rules.ts';
import type {RelabelSemantics} from './version.ts';
import {relabelSemantics} from './version.ts';

export interface RelabelStep {
  rule: number;
  action: RelabelAction;
  /** The label set after this rule; null where the rule dropped it. */
  output: Labels | null;
  /** Where this version does something its successors fixed, or leaves an order unspecified. */
  note?: string;
}

export interface RelabelResult {
  output: Labels | null;
  dropped: boolean;
  droppedBy?: {rule: number; action: RelabelAction};
  steps?: RelabelStep[];
}

export interface RelabelOptions {
  steps?: boolean;
  /** Leave `output` out (target handling reads the builder itself). */
  noOutput?: boolean;
  semantics?: RelabelSemantics;
}

/** Applies the rules to one label set. Input labels with empty values count as absent, as upstream. */
export function relabel(labels: Labels, rules: readonly RelabelRule[], options: RelabelOptions = {}): RelabelResult {
  const builder = new LabelBuilder(withoutEmpty(labels));
  return relabelBuilder(builder, rules, options);
}

export function withoutEmpty(labels: Labels): Labels {
  for (const value of Object.values(labels)) {
    if (value === '') {
      const out: Labels = {};
      for (const [n, v] of Object.entries(labels)) if (v !== '') out[n] = v;
      return out;
    }
  }
  return labels;
}

/** Applies the rules to a builder (target handling starts from its own builder). */
export function relabelBuilder(builder: LabelBuilder, rules: readonly RelabelRule[], options: RelabelOptions = {}): RelabelResult {
  const semantics = options.semantics ?? relabelSemantics();
  const steps: RelabelStep[] | undefined = options.steps ? [] : undefined;
  for (const rule of rules) {
    if (!semantics.builderOrder) builder.compact();
    const outcome = applyRule(rule, builder, semantics);
    if (!outcome.keep) {
      steps?.push({rule: rule.index, action: rule.action, output: null, ...(outcome.note ? {note: outcome.note} : {})});
      return {output: null, dropped: true, droppedBy: {rule: rule.index, action: rule.action}, ...(steps ? {steps} : {})};
    }
    steps?.push({rule: rule.index, action: rule.action, output: builder.labels(), ...(outcome.note ? {note: outcome.note} : {})});
  }
  return {output: options.noOutput ? null : builder.labels(), dropped: false, ...(steps ? {steps} : {})};
}

interface Outcome {
  keep: boolean;
  note?: string;
}

const KEEP: Outcome = {keep: true};
const DROP: Outcome = {keep: false};

function sourceValue(rule: RelabelRule, builder: LabelBuilder): string {
  const names = rule.sourceLabels;
  if (names.length === 1) return builder.get(names[0]!);
  if (names.length === 0) return '';
  let value = builder.get(names[0]!);
  for (let i = 1; i < names.length; i++) value += rule.separator + builder.get(names[i]!);
  return value;
}

export function applyRule(rule: RelabelRule, builder: LabelBuilder, semantics: RelabelSemantics): Outcome {
  const value = sourceValue(rule, builder);
  switch (rule.action) {
    case 'drop':
      return rule.regex.test(value) ? DROP : KEEP;
    case 'keep':
      return rule.regex.test(value) ? KEEP : DROP;
    case 'dropequal':
      return builder.get(rule.targetLabel) === value ? DROP : KEEP;
    case 'keepequal':
      return builder.get(rule.targetLabel) !== value ? DROP : KEEP;
    case 'replace':
      return replace(rule, value, builder, semantics);
    case 'lowercase':
      builder.set(rule.targetLabel, goToLower(value));
      return KEEP;
    case 'uppercase':
      builder.set(rule.targetLabel, goToUpper(value));
      return KEEP;
    case 'hashmod':
      builder.set(rule.targetLabel, hashmod(value, rule.modulus));
      return KEEP;
    case 'labelmap':
      return labelmap(rule, builder, semantics);
    case 'labeldrop':
      for (const name of builder.rangeNames()) if (rule.regex.test(name)) builder.delete(name);
      return KEEP;
    case 'labelkeep':
      for (const name of builder.rangeNames()) if (!rule.regex.test(name)) builder.delete(name);
      return KEEP;
  }
}

function replace(rule: RelabelRule, value: string, builder: LabelBuilder, semantics: RelabelSemantics): Outcome {
  // Upstream's fast path for adding a constant (3.0+) gives the same result as the general path.
  const match = rule.regex.exec(value);
  if (match === null) return KEEP;
  const target = rule.expandTarget(match);
  const result = rule.expandReplacement(match);
  if (!isValidLabelName(target, semantics)) {
    if (semantics.replaceDeletesExpandedTarget) return KEEP;
    // Before 2.50 this deleted the label named by the unexpanded template (a name no label can have).
    builder.delete(rule.targetLabel);
    return {keep: true, note: `target ${JSON.stringify(target)} is not a valid label name: nothing set`};
  }
  if (result === '') {
    if (semantics.replaceDeletesExpandedTarget || !rule.targetHasVar) {
      builder.delete(target);
      return KEEP;
    }
    builder.delete(rule.targetLabel);
    return {
      keep: true,
      note: `empty replacement: this version deletes ${JSON.stringify(rule.targetLabel)} (the unexpanded target_label), not ${JSON.stringify(target)}; fixed in 2.50`,
    };
  }
  builder.set(target, result);
  return KEEP;
}

function labelmap(rule: RelabelRule, builder: LabelBuilder, semantics: RelabelSemantics): Outcome {
  const written = new Map<string, string>();
  let collision: string | undefined;
  const names = builder.rangeNames();
  // Values as they were when the walk started, as upstream's Range snapshot gives them.
  const values = names.map((name) => builder.get(name));
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const value = values[i]!;
    const match = rule.regex.exec(name);
    if (match === null) continue;
    const mapped = rule.expandReplacement(match);
    if (written.has(mapped) && written.get(mapped) !== name) collision = mapped;
    written.set(mapped, name);
    builder.set(mapped, value);
  }
  if (collision !== undefined && semantics.builderOrder) {
    return {keep: true, note: `several labels map to ${JSON.stringify(collision)}: the last one walked wins, and this version walks labels in the order they were set`};
  }
  return KEEP;
}

/** MD5 of the value; the last 8 bytes as a big-endian uint64, modulo the modulus. */
export function hashmod(value: string, modulus: bigint): string {
  const digest = createHash('md5').update(value, 'utf8').digest();
  return (digest.readBigUInt64BE(8) % modulus).toString();
}
