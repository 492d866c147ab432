// Prometheus's target handling around the relabel rules (scrape/target.go PopulateLabels, v2.42.0 and
// newer): the job's defaults before the rules, and after them the address, interval and label checks
// that make Prometheus keep, drop or refuse a discovered target.
import {LabelBuilder} from './label-builder.ts';
import type {Labels} from './labels.ts';
import {goQuote, isWellFormed, sortNamesGo} from './labels.ts';
import {relabelBuilder} from './relabel.ts';
import type {RelabelStep} from './relabel.ts';
import type {RelabelAction, RelabelRule} from './rules.ts';
import type {RelabelSemantics} from './version.ts';
import {relabelSemantics} from './version.ts';
import {formatDuration, parseDuration} from './duration.ts';
import {splitHostPort} from './hostport.ts';

/** What a scrape config contributes to each of its targets. */
export interface JobDefaults {
  jobName: string;
  /** As Prometheus prints the durations (model.Duration.String()), e.g. "1m", "1m30s". */
  scrapeInterval: string;
  scrapeTimeout: string;
  metricsPath: string;
  scheme: string;
  params: Record<string, string[]>;
  convertClassicHistogramsToNhcb: boolean;
  alwaysScrapeClassicHistograms: boolean;
  scrapeNativeHistograms: boolean;
}

export const GLOBAL_DEFAULTS = {scrapeInterval: '1m', scrapeTimeout: '10s'};

export function defaultJob(jobName: string, overrides: Partial<JobDefaults> = {}): JobDefaults {
  return {
    jobName,
    scrapeInterval: GLOBAL_DEFAULTS.scrapeInterval,
    scrapeTimeout: GLOBAL_DEFAULTS.scrapeTimeout,
    metricsPath: '/metrics',
    scheme: 'http',
    params: {},
    convertClassicHistogramsToNhcb: false,
    alwaysScrapeClassicHistograms: false,
    scrapeNativeHistograms: false,
    ...overrides,
  };
}

/** Normalises a written duration (`90s`) into the label form (`1m30s`); throws upstream's parse error. */
export function canonicalDuration(text: string): string {
  return formatDuration(parseDuration(text));
}

export interface TargetResult {
  /** The target's labels as /api/v1/targets shows them (no `__` labels); null when dropped or refused. */
  labels: Labels | null;
  dropped: boolean;
  droppedBy?: {rule: number; action: RelabelAction};
  /** Why Prometheus refuses the target (it is then neither active nor dropped). */
  error?: string;
  /** The labels the rules start from: discovered labels plus the job's defaults (with `details`). */
  discoveredLabels?: Labels;
  /** All labels after the rules and target checks, `__` labels included. */
  targetLabels?: Labels;
  steps?: RelabelStep[];
}

const HISTOGRAM_LABELS: Array<[string, keyof JobDefaults, string]> = [
  ['__convert_classic_histograms_to_nhcb__', 'convertClassicHistogramsToNhcb', 'convert classic histograms to nhcb'],
  ['__always_scrape_classic_histograms__', 'alwaysScrapeClassicHistograms', 'always scrape classic histograms'],
  ['__scrape_native_histograms__', 'scrapeNativeHistograms', 'scrape native histograms'],
];

export function processTarget(
  discovered: Labels,
  job: JobDefaults,
  rules: readonly RelabelRule[],
  semantics: RelabelSemantics = relabelSemantics(),
  options: {steps?: boolean; details?: boolean} = {},
): TargetResult {
  const details = options.details ?? true;
  // Discovered labels arrive as a Go map, so 2.43+ sets them in no defined order (only labelmap
  // collisions can tell, and the trace notes those); here they go in as given. 2.42 sorts them first.
  const names = semantics.builderOrder ? Object.keys(discovered) : sortNamesGo(Object.keys(discovered));
  const builder = LabelBuilder.fromOrderedSets(discovered, names);
  for (const [name, value] of jobLabels(job, semantics)) if (builder.get(name) === '') builder.set(name, value);
  for (const key of sortNamesGo(Object.keys(job.params))) {
    const values = job.params[key]!;
    const name = `__param_${key}`;
    if (values.length > 0 && (!semantics.paramsKeepTargetValue || builder.get(name) === '')) builder.set(name, values[0]!);
  }
  const discoveredLabels = details || options.steps ? builder.labels() : undefined;
  if (!semantics.builderOrder) builder.compact();

  const result = relabelBuilder(builder, rules, {steps: options.steps, semantics, noOutput: true});
  const base = {...(discoveredLabels ? {discoveredLabels} : {}), ...(result.steps ? {steps: result.steps} : {})};
  if (result.dropped) return {labels: null, dropped: true, droppedBy: result.droppedBy, ...base};
  const refuse = (error: string): TargetResult => ({labels: null, dropped: false, error, ...base});

  let addr = builder.get('__address__');
  if (addr === '') return refuse('no address');

  if (semantics.addDefaultPort && splitHostPort(addr) === null && splitHostPort(`${addr}:1234`) !== null) {
    const scheme = builder.get('__scheme__');
    if (scheme === 'http' || scheme === '') addr += ':80';
    else if (scheme === 'https') addr += ':443';
    // 2.x names the job's configured scheme here, not the relabelled one it checked.
    else return refuse(`invalid scheme: ${goQuote(job.scheme)}`);
    builder.set('__address__', addr);
  }
  if (addr.includes('/')) return refuse(`${goQuote(addr)} is not a valid hostname`);

  const interval = builder.get('__scrape_interval__');
  const timeout = builder.get('__scrape_timeout__');
  let intervalMs: bigint;
  let timeoutMs: bigint;
  try {
    intervalMs = cachedDuration(interval, semantics.durationScanner);
  } catch (error) {
    return refuse(`error parsing scrape interval: ${(error as Error).message}`);
  }
  if (intervalMs === 0n) return refuse('scrape interval cannot be 0');
  try {
    timeoutMs = cachedDuration(timeout, semantics.durationScanner);
  } catch (error) {
    return refuse(`error parsing scrape timeout: ${(error as Error).message}`);
  }
  if (timeoutMs === 0n) return refuse('scrape timeout cannot be 0');
  if (timeoutMs > intervalMs) return refuse(`scrape timeout cannot be greater than scrape interval (${goQuote(timeout)} > ${goQuote(interval)})`);

  if (semantics.histogramLabels) {
    for (const [label, , description] of HISTOGRAM_LABELS) {
      const value = builder.get(label);
      if (value !== '' && parseGoBool(value) === null) return refuse(`error parsing ${description}: strconv.ParseBool: parsing ${goQuote(value)}: invalid syntax`);
    }
  }

  // Meta labels go, and instance defaults to the address (done on the pairs: same result, less work).
  const finalNames: string[] = [];
  for (const name of builder.rangeNames()) if (!name.startsWith('__meta_')) finalNames.push(name);
  if (builder.get('instance') === '') {
    builder.set('instance', addr);
    finalNames.push('instance');
  }
  sortNamesGo(finalNames);
  for (const name of finalNames) {
    const value = builder.get(name);
    if (!isWellFormed(value)) return refuse(`invalid label value for ${goQuote(name)}: ${goQuote(value)}`);
  }
  const labels: Labels = {};
  for (const name of finalNames) if (!name.startsWith('__')) labels[name] = builder.get(name);
  let targetLabels: Labels | undefined;
  if (details) {
    targetLabels = {};
    for (const name of finalNames) targetLabels[name] = builder.get(name);
  }
  return {labels, dropped: false, ...base, ...(targetLabels ? {targetLabels} : {})};
}

function parseGoBool(s: string): boolean | null {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return null;
}

// Every target of a job carries the same few interval and timeout strings.
const durationCache = new Map<string, bigint>();
function cachedDuration(text: string, scanner: boolean): bigint {
  const key = `${scanner ? 's' : 'r'}${text}`;
  let ms = durationCache.get(key);
  if (ms === undefined) {
    ms = parseDuration(text, scanner);
    if (durationCache.size > 1000) durationCache.clear();
    durationCache.set(key, ms);
  }
  return ms;
}

// The labels a job gives each target, in upstream's order. Targets come job by job, so the last
// job's list is kept (checked field by field, since a caller may change a JobDefaults in place).
let lastJob: {job: JobDefaults; fields: unknown[]; labels: Array<[string, string]>} | undefined;
function jobLabels(job: JobDefaults, semantics: RelabelSemantics): Array<[string, string]> {
  const fields = [job.jobName, job.scrapeInterval, job.scrapeTimeout, job.metricsPath, job.scheme, semantics.histogramLabels,
    job.convertClassicHistogramsToNhcb, job.alwaysScrapeClassicHistograms, job.scrapeNativeHistograms];
  if (lastJob?.job === job && lastJob.fields.every((value, i) => value === fields[i])) return lastJob.labels;
  const labels: Array<[string, string]> = [
    ['job', job.jobName],
    ['__scrape_interval__', job.scrapeInterval],
    ['__scrape_timeout__', job.scrapeTimeout],
    ['__metrics_path__', job.metricsPath],
    ['__scheme__', job.scheme],
  ];
  if (semantics.histogramLabels) for (const [label, key] of HISTOGRAM_LABELS) labels.push([label, String(job[key])]);
  lastJob = {job, fields, labels};
  return labels;
}
