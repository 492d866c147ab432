// Target handling (scrape/target.go PopulateLabels) stated as upstream's TestPopulateLabels cases
// (prometheus/prometheus scrape/manager_test.go, at v2.42.0 and at v3.14.0), per version.
import {compileRules} from '../../src/prometheus/rules.ts';
import type {RelabelConfigInput} from '../../src/prometheus/rules.ts';
import {defaultJob, processTarget} from '../../src/prometheus/target.ts';
import type {JobDefaults} from '../../src/prometheus/target.ts';
import {parsePrometheusVersion, relabelSemantics} from '../../src/prometheus/version.ts';

const job = (overrides: Partial<JobDefaults> = {}) => defaultJob('job', {scheme: 'https', metricsPath: '/metrics', scrapeInterval: '1s', scrapeTimeout: '1s', ...overrides});

interface Case {
  name: string;
  versions: string[];
  input: Record<string, string>;
  job: JobDefaults;
  rules?: RelabelConfigInput[];
  labels?: Record<string, string>;
  error?: string;
}

const both = ['2.42', '3.14'];
const cases: Case[] = [
  {
    name: 'regular population of scrape config options',
    versions: both,
    input: {__address__: '1.2.3.4:1000', custom: 'value'},
    job: job(),
    labels: {custom: 'value', instance: '1.2.3.4:1000', job: 'job'},
  },
  {
    name: 'pre-defined scrape labels win; 2.x defaults the port from the scheme',
    versions: ['2.42'],
    input: {__address__: '1.2.3.4', __scheme__: 'http', __metrics_path__: '/custom', job: 'custom-job', __scrape_interval__: '2s', __scrape_timeout__: '2s'},
    job: job(),
    labels: {instance: '1.2.3.4:80', job: 'custom-job'},
  },
  {
    name: 'pre-defined scrape labels win; 3.x adds no port (#14160)',
    versions: ['3.14'],
    input: {__address__: '1.2.3.4', __scheme__: 'http', __metrics_path__: '/custom', job: 'custom-job', __scrape_interval__: '2s', __scrape_timeout__: '2s'},
    job: job(),
    labels: {instance: '1.2.3.4', job: 'custom-job'},
  },
  {
    name: 'instance given; https port default for IPv6 (2.x)',
    versions: ['2.42'],
    input: {__address__: '[::1]', instance: 'custom-instance'},
    job: job(),
    labels: {instance: 'custom-instance', job: 'job'},
  },
  {name: 'address label missing', versions: both, input: {custom: 'value'}, job: job(), error: 'no address'},
  {
    name: 'address label missing, but added in relabelling',
    versions: both,
    input: {custom: 'host:1234'},
    job: job(),
    rules: [{action: 'replace', source_labels: ['custom'], target_label: '__address__'}],
    labels: {custom: 'host:1234', instance: 'host:1234', job: 'job'},
  },
  {
    name: 'invalid duration in interval label (2.42 message)',
    versions: ['2.42'],
    input: {__address__: '1.2.3.4:1000', __scrape_interval__: '2notseconds'},
    job: job(),
    error: 'error parsing scrape interval: not a valid duration string: "2notseconds"',
  },
  {
    name: 'invalid duration in interval label (3.x message)',
    versions: ['3.14'],
    input: {__address__: '1.2.3.4:1000', __scrape_interval__: '2notseconds'},
    job: job(),
    error: 'error parsing scrape interval: unknown unit "notseconds" in duration "2notseconds"',
  },
  {
    name: 'invalid duration in timeout label (2.42 message)',
    versions: ['2.42'],
    input: {__address__: '1.2.3.4:1000', __scrape_timeout__: '2notseconds'},
    job: job(),
    error: 'error parsing scrape timeout: not a valid duration string: "2notseconds"',
  },
  {name: '0 interval', versions: both, input: {__address__: '1.2.3.4:1000', __scrape_interval__: '0s'}, job: job(), error: 'scrape interval cannot be 0'},
  {name: '0 timeout', versions: both, input: {__address__: '1.2.3.4:1000', __scrape_timeout__: '0s'}, job: job(), error: 'scrape timeout cannot be 0'},
  {
    name: 'timeout greater than interval',
    versions: both,
    input: {__address__: '1.2.3.4:1000', __scrape_interval__: '1s', __scrape_timeout__: '2s'},
    job: job(),
    error: 'scrape timeout cannot be greater than scrape interval ("2s" > "1s")',
  },
  {name: 'default port not removed (http)', versions: ['3.14'], input: {__address__: '1.2.3.4:80'}, job: job({scheme: 'http'}), labels: {instance: '1.2.3.4:80', job: 'job'}},
  {name: 'default port not removed (https)', versions: ['3.14'], input: {__address__: '1.2.3.4:443'}, job: job(), labels: {instance: '1.2.3.4:443', job: 'job'}},
  // Not in TestPopulateLabels; from the code of v2.42.0 PopulateLabels, checked by the differential test.
  {
    name: '2.42 refuses an unknown scheme when it must add a port, naming the job scheme',
    versions: ['2.42'],
    input: {__address__: '1.2.3.4', __scheme__: 'ftp'},
    job: job({scheme: 'http'}),
    error: 'invalid scheme: "http"',
  },
  {name: 'an address with a path is refused', versions: both, input: {__address__: '1.2.3.4:80/x'}, job: job(), error: '"1.2.3.4:80/x" is not a valid hostname'},
];

describe.each(both)('TestPopulateLabels under %s', (version) => {
  const semantics = relabelSemantics(parsePrometheusVersion(version));
  test.each(cases.filter((c) => c.versions.includes(version)).map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const rules = compileRules(c.rules ?? [], semantics);
    const result = processTarget(c.input, c.job, rules, semantics);
    if (c.error !== undefined) {
      expect(result.error).toBe(c.error);
      expect(result.labels).toBeNull();
      expect(result.dropped).toBe(false);
    } else {
      expect(result.error).toBeUndefined();
      expect(result.labels).toEqual(c.labels);
    }
  });
});

test('3.13+ seeds the histogram labels before the rules (#18840) and checks them after', () => {
  const semantics = relabelSemantics(parsePrometheusVersion('3.14'));
  const ok = processTarget({__address__: 'a:1'}, defaultJob('j'), [], semantics);
  expect(ok.discoveredLabels).toMatchObject({__convert_classic_histograms_to_nhcb__: 'false', __scrape_native_histograms__: 'false'});
  const bad = processTarget({__address__: 'a:1', __scrape_native_histograms__: 'maybe'}, defaultJob('j'), [], semantics);
  expect(bad.error).toBe('error parsing scrape native histograms: strconv.ParseBool: parsing "maybe": invalid syntax');
  const old = processTarget({__address__: 'a:1'}, defaultJob('j'), [], relabelSemantics(parsePrometheusVersion('3.12')));
  expect(old.discoveredLabels).not.toHaveProperty('__scrape_native_histograms__');
});

test('params: 2.x overwrites __param_* from the config, 3.0 keeps the target value (commit bd9129117e)', () => {
  const input = {__address__: 'a:1', __param_module: 'from-target'};
  const jobDefaults = defaultJob('j', {params: {module: ['from-config']}});
  const v2 = processTarget(input, jobDefaults, [], relabelSemantics(parsePrometheusVersion('2.42')));
  const v3 = processTarget(input, jobDefaults, [], relabelSemantics(parsePrometheusVersion('3.0')));
  expect(v2.discoveredLabels?.__param_module).toBe('from-config');
  expect(v3.discoveredLabels?.__param_module).toBe('from-target');
});
