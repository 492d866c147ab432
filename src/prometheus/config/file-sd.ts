// file_sd_configs for files the user gives (discovery/file): a JSON or YAML list of
// {targets, labels}; each group's source is `FILE:INDEX` and carries `__meta_filepath`.
import {load as loadYaml} from 'js-yaml';
import {InputError} from '../../errors.ts';
import type {TargetGroup} from '../discovery/types.ts';

export function parseFileSd(text: string, path: string): TargetGroup[] {
  let data: unknown;
  try {
    data = path.endsWith('.json') ? JSON.parse(text) : loadYaml(text);
  } catch (error) {
    throw new InputError(`invalid file_sd file: ${(error as Error).message.split('\n')[0]}`, {file: path});
  }
  if (data === null || data === undefined) return [];
  if (!Array.isArray(data)) throw new InputError('a file_sd file holds a list of {targets, labels}', {file: path});
  return data.map((entry, i) => {
    const e = (entry ?? {}) as {targets?: unknown[]; labels?: Record<string, unknown>};
    const labels: Record<string, string> = {};
    for (const [k, v] of Object.entries(e.labels ?? {})) labels[k] = String(v);
    labels.__meta_filepath = path;
    return {source: `${path}:${i}`, labels, targets: (e.targets ?? []).map((t) => ({__address__: String(t)}))};
  });
}
