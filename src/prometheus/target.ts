// Prometheus's target handling around the relabel rules (scrape/target.go PopulateLabels, v2.42.0 and
// newer): the job's defaults before the rules, and after them the address, interval and label checks
// that make Prometheus keep, drop or refuse a discovered target.
import {LabelBuilder} from './label-builder.ts';
import type {LabelLayer} from './label-builder.ts';
import type {Labels} from './labels.ts';
import {labelsFrom, sortedNamesCached, visibleNames} from './label-shapes.ts';
import {goQuote, isWellFormed} from './labels.ts';
import {scrapeUrl} from './scrape-url.ts';
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
  /** The scrape URL of a kept target, when asked for with `urlParams`. */
  scrapeUrl?: string;
}

const HISTOGRAM_LABELS: Array<[string, keyof JobDefaults, string]> = [
  ['__convert_classic_histograms_to_nhcb__', 'convertClassicHistogramsToNhcb', 'convert classic histograms to nhcb'],
  ['__always_scrape_classic_histograms__', 'alwaysScrapeClassicHistograms', 'always scrape classic histograms'],
  ['__scrape_native_histograms__', 'scrapeNativeHistograms', 'scrape native histograms'],
];

export interface TargetOptions {
  steps?: boolean;
  details?: boolean;
  /** Give `scrapeUrl` for a kept target with these job params, instead of `targetLabels`. */
  urlParams?: Record<string, string[]>;
}

export function processTarget(
  discovered: Labels,
  job: JobDefaults,
  rules: readonly RelabelRule[],
  semantics: RelabelSemantics = relabelSemantics(),
  options: TargetOptions = {},
): TargetResult {
  // Discovered labels arrive as a Go map, so 2.43+ sets them in no defined order (only labelmap
  // collisions can tell, and the trace notes those); here they go in as given. 2.42 sorts them first.
  const keys = Object.keys(discovered);
  const names = semantics.builderOrder ? keys : sortedNamesCached(keys);
  return processBuilder(LabelBuilder.fromOrderedSets(discovered, names), job, rules, semantics, options);
}

/**
 * processTarget of a group's labels merged with one target's (the target's win), as TargetsFromGroup
 * merges them, without building the merged object: `layer` (groupLayer) holds the group's labels as
 * set first, the target's follow. Without a layer, or where the target's labels cannot simply follow
 * the group's in the merged object's key order, the objects are merged first.
 */
export function processGroupTarget(
  groupLabels: Labels,
  layer: LabelLayer | undefined,
  target: Labels,
  job: JobDefaults,
  rules: readonly RelabelRule[],
  semantics: RelabelSemantics,
  options: TargetOptions = {},
): TargetResult {
  const targetNames = Object.keys(target);
  if (layer === undefined || !targetFollows(groupLabels, targetNames)) {
    const discovered: Labels = {};
    for (const name of Object.keys(groupLabels)) discovered[name] = groupLabels[name]!;
    for (const name of targetNames) discovered[name] = target[name]!;
    return processTarget(discovered, job, rules, semantics, options);
  }
  const builder = LabelBuilder.fromLayer(layer);
  for (const name of targetNames) builder.setNew(name, target[name]!);
  return processBuilder(builder, job, rules, semantics, options);
}

/**
 * The layer of a group's labels, where the merged objects' key order starts with them as they are:
 * none if a name is one JavaScript orders differently (array index) or ignores (`__proto__`). (2.42
 * sorts the labels before any rule, so there only the merged labels matter, which are the same.)
 */
export function groupLayer(groupLabels: Labels, groupNames: readonly string[]): LabelLayer | undefined {
  if (!groupNames.every(plainName)) return undefined;
  return LabelBuilder.layer(groupLabels, groupNames);
}

/** The merged object's keys are the group's and then these (none in the group, none ordered first or ignored). */
function targetFollows(groupLabels: Labels, targetNames: readonly string[]): boolean {
  for (const name of targetNames) if (!plainName(name) || Object.hasOwn(groupLabels, name)) return false;
  return true;
}

const arrayIndex = /^(?:0|[1-9][0-9]*)$/;

/** A name an object keeps in insertion order and stores as given (see processGroupTarget). */
export function plainName(name: string): boolean {
  if (name === '__proto__') return false;
  const c = name.charCodeAt(0);
  return !(c >= 48 && c <= 57 && arrayIndex.test(name));
}

function processBuilder(builder: LabelBuilder, job: JobDefaults, rules: readonly RelabelRule[], semantics: RelabelSemantics, options: TargetOptions): TargetResult {
  const details = options.details ?? true;
  for (const [name, value] of jobLabels(job, semantics)) if (builder.get(name) === '') builder.set(name, value);
  const paramNames = Object.keys(job.params);
  for (const key of paramNames.length === 0 ? paramNames : sortedNamesCached(paramNames)) {
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
  const sortedNames = sortedNamesCached(finalNames);
  const values = new Array<string>(sortedNames.length);
  for (let i = 0; i < sortedNames.length; i++) {
    const name = sortedNames[i]!;
    const value = builder.get(name);
    if (!isWellFormed(value)) return refuse(`invalid label value for ${goQuote(name)}: ${goQuote(value)}`);
    values[i] = value;
  }
  const visible = visibleNames(sortedNames);
  const visibleValues = new Array<string>(visible.at.length);
  for (let i = 0; i < visible.at.length; i++) visibleValues[i] = values[visible.at[i]!]!;
  const labels = labelsFrom(visible.names, visibleValues);
  if (options.urlParams) {
    // The URL reads only `__` labels (scheme, address, metrics path, params).
    const internal: Labels = {};
    for (let i = 0; i < sortedNames.length; i++) if (sortedNames[i]!.startsWith('__')) internal[sortedNames[i]!] = values[i]!;
    return {labels, dropped: false, ...base, scrapeUrl: scrapeUrl(internal, options.urlParams)};
  }
  const targetLabels = details ? labelsFrom(sortedNames, values) : undefined;
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
