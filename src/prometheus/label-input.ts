// Input label sets for the dry-runner: JSON or YAML, one map or a list of maps, and `name=value` pairs.
import {InputError, UsageError} from '../errors.ts';
import type {Labels} from './labels.ts';

/** Reads label sets from file text. JSON goes through JSON.parse (fast for 100,000 sets); YAML through js-yaml. */
export async function parseLabelSets(text: string, file: string): Promise<Labels[]> {
  const trimmed = text.trimStart();
  let data: unknown;
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (data === undefined) {
    const {loadAll} = await import('js-yaml');
    try {
      const docs = loadAll(text).filter((doc) => doc !== null && doc !== undefined);
      // Several documents are several label sets (or lists of them).
      data = docs.length === 1 ? docs[0] : docs.flatMap((doc) => (Array.isArray(doc) ? doc : [doc]));
    } catch (error) {
      throw new InputError(`invalid YAML: ${(error as Error).message.split('\n')[0]}`, {file});
    }
  }
  if (data === null || data === undefined) return [];
  const targets = discoveredFromTargetsApi(data);
  if (targets) return targets.map((item, index) => toLabels(item, file, `targets[${index}].discoveredLabels`));
  const list = Array.isArray(data) ? data : [data];
  return list.map((item, index) => toLabels(item, file, Array.isArray(data) ? `[${index}]` : undefined));
}

function toLabels(item: unknown, file: string, field?: string): Labels {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    throw new InputError('expected a map of label names to values', {file, field});
  }
  // Most inputs are already string maps: keep them as they are rather than copy 100,000 objects.
  let plain = true;
  for (const name in item) {
    if (typeof (item as Record<string, unknown>)[name] !== 'string') {
      plain = false;
      break;
    }
  }
  if (plain) return item as Labels;
  const out: Labels = {};
  for (const [name, value] of Object.entries(item as Record<string, unknown>)) {
    if (value === null || value === undefined) out[name] = '';
    else if (typeof value === 'string') out[name] = value;
    else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') out[name] = String(value);
    else throw new InputError(`label ${JSON.stringify(name)} must have a string value`, {file, field: field ? `${field}.${name}` : name});
  }
  return out;
}

/** `--label name=value` pairs into one label set (the first `=` splits; the value may be empty). */
export function parseLabelPairs(pairs: string[]): Labels {
  const out: Labels = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`invalid --label ${JSON.stringify(pair)}: expected name=value`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

/**
 * The answer of Prometheus's /api/v1/targets (whole, or its `data`): the discovered labels of its
 * active and dropped targets, so that a real server's targets can be replayed through the rules.
 */
function discoveredFromTargetsApi(data: unknown): unknown[] | undefined {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const record = data as Record<string, unknown>;
  const body = (record.status === 'success' && typeof record.data === 'object' ? record.data : record) as Record<string, unknown>;
  if (!Array.isArray(body.activeTargets) && !Array.isArray(body.droppedTargets)) return undefined;
  const all = [...((body.activeTargets as unknown[]) ?? []), ...((body.droppedTargets as unknown[]) ?? [])];
  return all.map((target) => (target as {discoveredLabels?: unknown}).discoveredLabels ?? {});
}
