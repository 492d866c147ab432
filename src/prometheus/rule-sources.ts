// Where relabel rules come from: a YAML list of relabel configs, a mapping with relabel_configs, a whole
// Prometheus config (one job's relabel_configs or metric_relabel_configs, plus that job's target
// defaults), or a Prometheus Operator ServiceMonitor/PodMonitor (relabelings/metricRelabelings).
import {InputError, UsageError} from '../errors.ts';
import type {KubeObject} from '../cluster/types.ts';
import type {RelabelRule} from './rules.ts';
import {compileRuleList} from './rules.ts';
import type {JobDefaults} from './target.ts';
import {canonicalDuration, defaultJob, GLOBAL_DEFAULTS} from './target.ts';
import {parseDuration} from './duration.ts';
import type {RelabelSemantics} from './version.ts';
import {withLegacyNameValidation} from './version.ts';
import type {GoYaml} from './yaml-go.ts';
import {fromPlainValue, mapGet, readGoYamlDocuments} from './yaml-go.ts';

export interface RuleSet {
  rules: RelabelRule[];
  /** Set when the config changes the semantics (3.x `metric_name_validation_scheme: legacy`). */
  semantics?: RelabelSemantics;
  /** Where the rules were found, e.g. `scrape_configs[2].relabel_configs`. */
  origin: string;
  /** The scrape job's target defaults, when the rules came from a whole config. */
  job?: JobDefaults;
}

export interface RuleSelection {
  job?: string;
  metric?: boolean;
  /** Which endpoint of a ServiceMonitor/PodMonitor (default 0). */
  endpoint?: number;
}

/** Loads rules from the text of a rules file (YAML or JSON). */
export function loadRuleFile(text: string, file: string, selection: RuleSelection, semantics: RelabelSemantics): RuleSet {
  const docs = readGoYamlDocuments(text, file);
  if (docs.length === 0) throw new InputError('no relabel rules: the file is empty', {file});
  if (docs.length > 1) throw new InputError(`expected one YAML document, found ${docs.length}`, {file, document: 2});
  const root = docs[0]!;
  const where = {file};
  if (root.kind === 'seq') {
    if (selection.metric) throw new UsageError('--metric needs a whole Prometheus config (with --job) or a mapping with metric_relabel_configs');
    return {rules: compileRuleList(root, semantics, {...where, listField: 'relabel_configs'}), origin: 'relabel_configs'};
  }
  if (root.kind !== 'map') throw new InputError('expected a list of relabel configs or a mapping', {file, line: root.line});
  const kind = mapGet(root, 'kind');
  if (kind?.kind === 'scalar' && (kind.text === 'ServiceMonitor' || kind.text === 'PodMonitor')) {
    return rulesFromMonitorNode(root, kind.text, selection, semantics, file);
  }
  if (mapGet(root, 'scrape_configs') !== undefined) return rulesFromPrometheusConfig(root, selection, semantics, file);
  const field = selection.metric ? 'metric_relabel_configs' : 'relabel_configs';
  const list = mapGet(root, field);
  if (list === undefined) {
    throw new InputError(`no ${field} in this mapping`, {file, line: root.line}, {hint: 'give a list of relabel configs, a mapping with relabel_configs, or a Prometheus config with --job'});
  }
  const job = mapGet(root, 'job_name');
  const rules = compileRuleList(list, semantics, {...where, listField: field});
  return {rules, origin: field, ...(job?.kind === 'scalar' ? {job: jobDefaultsFrom(root, undefined, file, field)} : {})};
}

function rulesFromPrometheusConfig(root: GoYaml, selection: RuleSelection, semantics: RelabelSemantics, file: string): RuleSet {
  const jobs = mapGet(root, 'scrape_configs');
  const items = jobs?.kind === 'seq' ? jobs.items : [];
  const names = items.map((item) => {
    const name = mapGet(item, 'job_name');
    return name?.kind === 'scalar' ? name.text : '';
  });
  let index: number;
  if (selection.job !== undefined) {
    index = names.indexOf(selection.job);
    if (index < 0) throw new UsageError(`no scrape job ${JSON.stringify(selection.job)} in ${file}`, {hint: `jobs: ${names.join(', ') || '(none)'}`});
  } else if (items.length === 1) {
    index = 0;
  } else {
    throw new UsageError(`${file} is a Prometheus config with ${items.length} scrape jobs: choose one with --job`, {hint: `jobs: ${names.join(', ') || '(none)'}`});
  }
  const jobNode = items[index]!;
  const field = selection.metric ? 'metric_relabel_configs' : 'relabel_configs';
  const listField = `scrape_configs[${index}].${field}`;
  const jobSemantics = nameValidation(jobNode, mapGet(root, 'global'), semantics, file, `scrape_configs[${index}]`);
  const rules = compileRuleList(mapGet(jobNode, field), jobSemantics, {file, listField});
  return {
    rules,
    origin: listField,
    job: jobDefaultsFrom(jobNode, mapGet(root, 'global'), file, `scrape_configs[${index}]`),
    ...(jobSemantics !== semantics ? {semantics: jobSemantics} : {}),
  };
}

/** 3.x reads `metric_name_validation_scheme` from the scrape config, else the global section. */
function nameValidation(jobNode: GoYaml, globalNode: GoYaml | undefined, semantics: RelabelSemantics, file: string, field: string): RelabelSemantics {
  if (!semantics.utf8Names) return semantics;
  for (const [node, where] of [[jobNode, field], [globalNode, 'global']] as const) {
    const scheme = scalar(mapGet(node, 'metric_name_validation_scheme'));
    if (scheme === undefined || scheme === '') continue;
    if (scheme === 'legacy') return withLegacyNameValidation(semantics);
    // An unknown global value falls back to utf8 (GlobalConfig.UnmarshalYAML); a scrape config's is an error.
    if (scheme === 'utf8' || where === 'global') return semantics;
    throw new InputError(`unknown scrape config name validation method specified, must be either '', 'legacy' or 'utf8', got ${scheme}`, {file, field: `${where}.metric_name_validation_scheme`});
  }
  return semantics;
}

function scalar(node: GoYaml | undefined): string | undefined {
  return node?.kind === 'scalar' ? node.text : undefined;
}

function durationField(node: GoYaml | undefined, file: string, field: string): bigint | undefined {
  const text = scalar(node);
  if (text === undefined) return undefined;
  try {
    return parseDuration(text);
  } catch (error) {
    throw new InputError((error as Error).message, {file, field, line: node?.line});
  }
}

/** A scrape config's target defaults, as config.ScrapeConfig.Validate fills them from the globals. */
export function jobDefaultsFrom(jobNode: GoYaml, globalNode: GoYaml | undefined, file: string, field: string): JobDefaults {
  const jobName = scalar(mapGet(jobNode, 'job_name')) ?? '';
  const globalInterval = durationField(mapGet(globalNode, 'scrape_interval'), file, 'global.scrape_interval') ?? parseDuration(GLOBAL_DEFAULTS.scrapeInterval);
  const globalTimeout = durationField(mapGet(globalNode, 'scrape_timeout'), file, 'global.scrape_timeout') ?? parseDuration(GLOBAL_DEFAULTS.scrapeTimeout);
  let interval = durationField(mapGet(jobNode, 'scrape_interval'), file, `${field}.scrape_interval`) ?? 0n;
  let timeout = durationField(mapGet(jobNode, 'scrape_timeout'), file, `${field}.scrape_timeout`) ?? 0n;
  if (interval === 0n) interval = globalInterval;
  if (timeout > interval) {
    throw new InputError(`scrape timeout greater than scrape interval for scrape config with job name ${JSON.stringify(jobName)}`, {file, field});
  }
  if (timeout === 0n) timeout = globalTimeout > interval ? interval : globalTimeout;
  const params: Record<string, string[]> = {};
  const paramsNode = mapGet(jobNode, 'params');
  if (paramsNode?.kind === 'map') {
    for (const [key, value] of paramsNode.entries) {
      params[key] = value.kind === 'seq' ? value.items.map((item) => scalar(item) ?? '') : [];
    }
  }
  const flag = (name: string) => {
    const text = scalar(mapGet(jobNode, name)) ?? scalar(mapGet(globalNode, name));
    return text === 'true';
  };
  return defaultJob(jobName, {
    scrapeInterval: canonicalDuration(`${interval}ms`),
    scrapeTimeout: canonicalDuration(`${timeout}ms`),
    metricsPath: scalar(mapGet(jobNode, 'metrics_path')) ?? '/metrics',
    scheme: scalar(mapGet(jobNode, 'scheme')) ?? 'http',
    params,
    convertClassicHistogramsToNhcb: flag('convert_classic_histograms_to_nhcb'),
    alwaysScrapeClassicHistograms: flag('always_scrape_classic_histograms'),
    scrapeNativeHistograms: flag('scrape_native_histograms'),
  });
}

function rulesFromMonitorNode(root: GoYaml, kind: string, selection: RuleSelection, semantics: RelabelSemantics, file?: string, document?: number): RuleSet {
  const endpointsField = kind === 'ServiceMonitor' ? 'endpoints' : 'podMetricsEndpoints';
  const endpoints = mapGet(mapGet(root, 'spec'), endpointsField);
  const items = endpoints?.kind === 'seq' ? endpoints.items : [];
  const index = selection.endpoint ?? 0;
  const endpoint = items[index];
  const name = scalar(mapGet(mapGet(root, 'metadata'), 'name')) ?? '';
  if (endpoint === undefined) {
    throw new InputError(`${kind} ${name} has ${items.length} ${endpointsField}, so there is no endpoint ${index}`, {file, document, field: `spec.${endpointsField}`});
  }
  const field = selection.metric ? 'metricRelabelings' : 'relabelings';
  const listField = `spec.${endpointsField}[${index}].${field}`;
  const rules = compileRuleList(mapGet(endpoint, field), semantics, {file, document, listField, camelCase: true});
  return {rules, origin: listField};
}

/** Rules of a ServiceMonitor/PodMonitor read from the cluster or from `-f` manifests. */
export function rulesFromMonitorObject(object: KubeObject, selection: RuleSelection, semantics: RelabelSemantics): RuleSet {
  const kind = String((object as {kind?: string}).kind ?? '');
  const node = fromPlainValue(object);
  const ref = `${kind.toLowerCase()}/${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
  const set = rulesFromMonitorNode(node, kind, selection, semantics, ref);
  return set;
}
