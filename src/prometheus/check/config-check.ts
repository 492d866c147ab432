// `promtool check config` for a configuration text, with file:line:column from the `yaml` package:
// unknown or misplaced fields (strict decoding), then what the loader rejects (relabel rules, duplicate
// job names, SD roles, durations), each as a finding.
import {isMap, isScalar, isSeq, LineCounter, parseDocument} from 'yaml';
import type {Node, Pair} from 'yaml';
import {describeLocation, InputError} from '../../errors.ts';
import {loadPrometheusConfig} from '../config/load.ts';
import type {PrometheusConfig} from '../config/types.ts';
import type {RelabelSemantics} from '../version.ts';
import {prometheusConfig, usualParent} from './schema.ts';
import type {Shape} from './schema.ts';
import type {CheckFinding} from './types.ts';

function position(node: Node | null | undefined, lines: LineCounter): {line?: number; column?: number} {
  const offset = node?.range?.[0];
  if (offset === undefined) return {};
  const {line, col} = lines.linePos(offset);
  return {line, column: col};
}

/** Walks the document against the schema; every unknown key is one finding. */
function unknownFields(root: Node | null, file: string, lines: LineCounter): CheckFinding[] {
  const findings: CheckFinding[] = [];
  const walk = (node: unknown, shape: Shape, path: string, job?: string, siblings?: Pair[]) => {
    if (shape === 'any' || shape === 'scalar' || node === null || node === undefined) return;
    if ('list' in shape) {
      if (!isSeq(node)) return;
      node.items.forEach((item, i) => walk(item, shape.list, `${path}[${i}]`, job));
      return;
    }
    if (!isMap(node)) return;
    const jobName = path.match(/^scrape_configs\[\d+\]$/) ? node.items.find((p) => isScalar(p.key) && p.key.value === 'job_name') : undefined;
    const currentJob = jobName && isScalar(jobName.value) ? String(jobName.value.value) : job;
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const child = shape.fields[key];
      if (child === undefined) {
        const parent = usualParent[key];
        const empty = parent ? node.items.find((p) => isScalar(p.key) && p.key.value === parent) : undefined;
        let hint: string | undefined;
        if (parent && empty && (empty.value === null || (isScalar(empty.value) && (empty.value.value === null || empty.value.value === '')))) {
          hint = `${key} belongs under ${parent}, which is empty here: indent ${key} below ${parent}:`;
        } else if (parent) {
          hint = `${key} is a field of ${parent}`;
        }
        findings.push({
          severity: 'error', check: 'config',
          message: `field ${key} not found in type ${shape.type}`,
          file, ...position(pair.key as Node, lines), ...(currentJob ? {job: currentJob} : {}), ...(hint ? {hint} : {}),
        });
        continue;
      }
      walk(pair.value, child, path ? `${path}.${key}` : key, currentJob, node.items);
    }
    void siblings;
  };
  walk(root, prometheusConfig, '');
  return findings;
}

export interface ConfigCheck {
  findings: CheckFinding[];
  /** The loaded configuration, when the loader accepted it. */
  config?: PrometheusConfig;
}

export function checkConfigText(text: string, file: string, semantics: RelabelSemantics): ConfigCheck {
  const lines = new LineCounter();
  const doc = parseDocument(text, {lineCounter: lines, uniqueKeys: false});
  const error = doc.errors[0];
  if (error) throw new InputError(`invalid YAML: ${error.message.split('\n')[0]}`, {file, line: error.linePos?.[0]?.line, column: error.linePos?.[0]?.col});
  if (doc.contents !== null && !isMap(doc.contents)) throw new InputError('a Prometheus configuration must be a YAML mapping', {file, ...position(doc.contents as Node, lines)});
  const findings = unknownFields(doc.contents as Node | null, file, lines);
  let config: PrometheusConfig | undefined;
  try {
    config = loadPrometheusConfig(text, file, semantics);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const {line, field} = error.location;
    const where = describeLocation(error.location);
    const message = where && error.message.startsWith(`${where}: `) ? error.message.slice(where.length + 2) : error.message;
    const jobIndex = /^scrape_configs\[(\d+)\]/.exec(field ?? '')?.[1];
    const jobs = isMap(doc.contents) ? doc.contents.get('scrape_configs') : undefined;
    const jobNode = jobIndex !== undefined && isSeq(jobs) ? jobs.items[Number(jobIndex)] : undefined;
    const job = isMap(jobNode) ? String(jobNode.get('job_name') ?? '') : undefined;
    // Strict decoding has already said it when the loader trips over the same unknown field.
    if (!findings.some((f) => f.message === message && f.line === line)) {
      findings.push({severity: 'error', check: 'config', message, file, ...(line ? {line} : {}), ...(job ? {job} : {}), ...(field ? {hint: `at ${field}`} : {})});
    }
  }
  return {findings, ...(config ? {config} : {})};
}
