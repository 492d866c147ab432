// Differential test against the real Prometheus (Debian's 2.42): random scrape jobs with rules over every
// action 2.42 accepts, random discovered label sets (unicode, empty values, separators inside values)
// through file_sd_configs; Prometheus's /api/v1/targets?state=any must agree with our target handling
// under --prometheus-version 2.42: same labels for each active target, a drop for each dropped one, and
// an error for each one it refuses (found in neither list). Seeded: a failure names its seed.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {Labels} from '../../src/prometheus/labels.ts';
import {requireBinary, startPrometheus, type RunningPrometheus} from '../support/prometheus.ts';
import {runMonitor} from './run-monitor.ts';

const SEED = Number(process.env.RELABEL_DIFF_SEED ?? 20260242);
const JOBS = 24;
const TARGETS_PER_JOB = 60;

const hasPrometheus = requireBinary('prometheus', 'apt-get install -y prometheus');
const maybe = hasPrometheus ? describe : describe.skip;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Nothing here may rename or remove `uid` (each target's identity) or write `__address__`, which
// always points at closed loopback ports (or is refused), so Prometheus scrapes nothing off-host.
const names = ['a', 'b', 'foo', 'env', 'team', '__meta_x', '__meta_y', 'job', 'instance', 'm_a', 'm_b', 'm_foo'];
const sourceNames = [...names, 'uid', '__address__', '__scheme__', '__metrics_path__', '__scrape_interval__', 'missing'];
const targetNames = ['a', 'b', 'foo', 'env', 'm_t', 'instance', 'job', '__tmp', '__scheme__', '__metrics_path__'];
const values = ['a', 'b', 'foo', 'bar', 'Foo', 'FOO', 'ünïcødé', 'ß', 'İstanbul', 'ΑΣ', '日本', '😀x', 'a;b', ';', 'x y', 'a-b', '', '', '123', '0', 'true', 'line\nbreak', 'f\nb', '\n', 'foo\n', 'http', 'https', 'ftp', '1m', 'bad'];
const regexes = ['(.*)', 'f(.*)', '(.+)', '([^;]*);(.*)', '.*b.*', '(?i)foo', '\\w+', '(.)(.)?', 'x|y|', '(?P<n>[a-z]+)', '', '.', '\\d+', 'foo|bar', '(.*)a(.*)', 'ü.*', '[[:alpha:]]+', '.*\\n.*', '(?s:.*)', '(a*)+', '(?U)(.+)(.*)'];
const replacements = ['$1', '${1}x', '$1x', '$$', 'pre_$1', '', '${n}', '$2', 'const', '${1}-${2}', '$0', 'm_$n'];
const addresses = ['127.0.0.1:1', '127.0.0.1:1', '127.0.0.1', '127.0.0.1:2', '127.0.0.1/x', '', '[::1]:1', '127.0.0.1:'];

interface Rule {
  [key: string]: unknown;
}

function generateJob(rand: () => number, job: number): {rules: Rule[]; targets: Labels[]} {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const sources = () => Array.from({length: 1 + Math.floor(rand() * 2)}, () => pick(sourceNames));
  const rules: Rule[] = [];
  const ruleCount = 2 + Math.floor(rand() * 6);
  for (let r = 0; r < ruleCount; r++) {
    const action = pick(['replace', 'replace', 'replace', 'keep', 'drop', 'keepequal', 'dropequal', 'hashmod', 'labelmap', 'labeldrop', 'labelkeep', 'lowercase', 'uppercase']);
    switch (action) {
      case 'replace': {
        // A templated target: the case where 2.42 deletes the unexpanded name and 2.50+ the expanded one.
        const templated = rand() < 0.3;
        const rule: Rule = {action, source_labels: sources(), target_label: templated ? pick(['m_${1}', 'm_$n', 'm_${1}_x', 'm_$1']) : pick(targetNames)};
        if (rand() < 0.8 || templated) rule.regex = templated ? pick(['(a|b)', '(.)', '(?P<n>[a-z]+)', '(.*)']) : pick(regexes);
        if (rand() < 0.7 || templated) rule.replacement = templated ? pick(['', '$2', '${1}x', '$1']) : pick(replacements);
        if (rand() < 0.3) rule.separator = pick(['', '-', ';;']);
        rules.push(rule);
        break;
      }
      case 'keep':
      case 'drop':
        rules.push({action, source_labels: sources(), regex: pick(regexes)});
        break;
      case 'keepequal':
      case 'dropequal':
        rules.push({action, source_labels: sources(), target_label: pick(names)});
        break;
      case 'hashmod':
        rules.push({action, source_labels: sources(), target_label: pick(targetNames), modulus: pick(['2', '7', '1000', '18446744073709551615', '9223372036854775809', '1'])});
        break;
      case 'labelmap':
        rules.push({action, regex: pick(['__meta_(.*)', '(a|b)', '(foo|env)', '(.*)o(.*)', 'te(am)']), replacement: pick(['m_$1', 'm_${1}', 'm_c', 'm_$1$2'])});
        break;
      case 'labeldrop':
        rules.push({action, regex: pick(['foo', '__meta_.*', 'a|b', 'm_.*', 'env|team', '__address__'])});
        break;
      case 'labelkeep':
        rules.push({action, regex: pick(['uid|__.*|a|m_.*', 'uid|__address__|job', '(uid|_.*|env|team|foo)', 'uid|__.*|b|instance'])});
        break;
      default:
        rules.push({action, source_labels: sources(), target_label: pick(targetNames)});
    }
  }
  const targets: Labels[] = [];
  for (let t = 0; t < TARGETS_PER_JOB; t++) {
    const labels: Labels = {uid: `u${job}_${t}`, __address__: pick(addresses)};
    const count = Math.floor(rand() * 6);
    for (let k = 0; k < count; k++) labels[pick(names)] = pick(values);
    if (rand() < 0.1) labels.__scheme__ = pick(['https', 'ftp', 'http']);
    if (rand() < 0.05) labels.__scrape_interval__ = pick(['0', 'bad', '5m']);
    targets.push(labels);
  }
  return {rules, targets};
}

// Fixed jobs aimed at what changed after 2.42, so that a version mix-up cannot slip through by chance.
function probeJobs(first: number): Array<{rules: Rule[]; targets: Labels[]}> {
  const target = (job: number, t: number, labels: Labels): Labels => ({uid: `u${job}_${t}`, __address__: '127.0.0.1:1', ...labels});
  const probes: Array<{rules: Rule[]; inputs: Labels[]}> = [
    // 2.42 deletes the unexpanded `m_${1}` (nothing); 2.50+ deletes m_foo.
    {rules: [{source_labels: ['a'], regex: '(.*)', target_label: 'm_${1}', replacement: ''}], inputs: [{a: 'foo', m_foo: 'x'}, {a: 'b', m_b: 'y', m_foo: 'z'}]},
    // `.` and a newline: 2.42 anchors without (?s).
    {rules: [{source_labels: ['a'], target_label: 'b'}, {source_labels: ['a'], regex: 'f.*b', target_label: 'c', replacement: 'dot'}], inputs: [{a: 'f\nb'}, {a: 'fxb'}, {a: '\n'}]},
    // labelmap collision order: 2.42 walks the sorted result of the previous rule.
    {rules: [{source_labels: ['b'], target_label: 'a', replacement: 'from-rule'}, {action: 'labelmap', regex: '(a|b)', replacement: 'm_c'}], inputs: [{b: 'input'}, {a: 'x', b: 'y'}]},
    // Go case mapping and empty results.
    {rules: [{action: 'uppercase', source_labels: ['a'], target_label: 'up'}, {action: 'lowercase', source_labels: ['b'], target_label: 'low'}], inputs: [{a: 'straße ǆ ﬁ', b: 'İΑΣ ẞ'}, {a: '', b: ''}]},
    // hashmod with the largest moduli.
    {rules: [{action: 'hashmod', source_labels: ['a'], target_label: 'h1', modulus: '18446744073709551615'}, {action: 'hashmod', source_labels: ['a', 'b'], target_label: 'h2', modulus: '9223372036854775809'}], inputs: [{a: 'x'}, {a: '日本', b: ';'}, {}]},
    // Addresses: default ports (2.x), IPv6, a path, none.
    {rules: [], inputs: [{__address__: '127.0.0.1'}, {__address__: '[::1]'}, {__address__: '127.0.0.1', __scheme__: 'https'}, {__address__: '127.0.0.1', __scheme__: 'ftp'}, {__address__: '127.0.0.1:1/x'}, {__address__: ''}]},
  ];
  return probes.map((probe, i) => ({
    rules: probe.rules,
    targets: probe.inputs.map((labels, t) => target(first + i, t, labels)),
  }));
}

function yamlString(s: string): string {
  return JSON.stringify(s);
}

function configText(jobs: Array<{rules: Rule[]}>, dir: string): string {
  const lines = ['global:', '  scrape_interval: 1h', '  scrape_timeout: 10s', 'scrape_configs:'];
  jobs.forEach((job, j) => {
    lines.push(`  - job_name: j${j}`, `    file_sd_configs: [{files: [${yamlString(join(dir, `j${j}.json`))}], refresh_interval: 1h}]`);
    lines.push(job.rules.length === 0 ? '    relabel_configs: []' : '    relabel_configs:');
    for (const rule of job.rules) {
      const entries = Object.entries(rule).map(([k, v]) => `${k}: ${Array.isArray(v) ? `[${v.map((x) => yamlString(String(x))).join(', ')}]` : k === 'modulus' ? String(v) : yamlString(String(v))}`);
      lines.push(`      - {${entries.join(', ')}}`);
    }
  });
  return `${lines.join('\n')}\n`;
}

maybe('differential: our 2.42 target handling vs the real Prometheus 2.42', () => {
  let dir = '';
  let prometheus: RunningPrometheus | undefined;

  afterAll(() => {
    prometheus?.stop();
    if (dir) rmSync(dir, {recursive: true, force: true});
  });

  test(`seed ${SEED}: every target kept, dropped or refused as Prometheus does`, async () => {
    const rand = mulberry32(SEED);
    dir = mkdtempSync(join(tmpdir(), 'relabel-diff-'));
    const jobs = Array.from({length: JOBS}, (_, j) => generateJob(rand, j));
    jobs.push(...probeJobs(jobs.length));
    const config = configText(jobs, dir);
    writeFileSync(join(dir, 'prometheus.yml'), config);

    // Our answer comes from the command itself: kubectl monitor relabel --target --prometheus-version 2.42.
    const expected = new Map<string, {kind: 'active'; labels: Labels} | {kind: 'dropped'} | {kind: 'error'; error: string}>();
    for (const [j, job] of jobs.entries()) {
      const file = join(dir, `j${j}.json`);
      const groups = job.targets.map((labels) => {
        const {__address__, ...rest} = labels;
        return {targets: [__address__], labels: rest};
      });
      writeFileSync(file, JSON.stringify(groups));
      const inputFile = join(dir, `j${j}-input.json`);
      writeFileSync(inputFile, JSON.stringify(job.targets.map((labels) => ({...labels, __meta_filepath: file}))));
      const run = await runMonitor(['relabel', '-r', join(dir, 'prometheus.yml'), '--job', `j${j}`, '--target', '--prometheus-version', '2.42', '--labels', inputFile, '--no-steps', '-o', 'json']);
      if (run.code !== 0) throw new Error(`kubectl monitor relabel exited ${run.code}: ${run.stderr}`);
      const results = (JSON.parse(run.stdout) as {results: Array<{input: Labels; output: Labels | null; dropped: boolean; error?: string}>}).results;
      for (const result of results) {
        const uid = result.input.uid!;
        if (result.error !== undefined) expected.set(uid, {kind: 'error', error: result.error});
        else if (result.dropped) expected.set(uid, {kind: 'dropped'});
        else expected.set(uid, {kind: 'active', labels: result.output!});
      }
    }

    prometheus = await startPrometheus(dir);
    const wantVisible = [...expected.values()].filter((e) => e.kind !== 'error').length;
    // Prometheus syncs scrape pools every 5 s; stop when all we expect is visible, or when the count
    // has settled after that (a mismatch then shows below instead of a timeout).
    const started = Date.now();
    let lastVisible = -1;
    let stablePolls = 0;
    const data = await prometheus.targets((answer) => {
      const visible = answer.activeTargets.length + answer.droppedTargets.length;
      if (visible >= wantVisible) return true;
      stablePolls = visible === lastVisible && visible > 0 ? stablePolls + 1 : 0;
      lastVisible = visible;
      return Date.now() - started > 9000 && stablePolls >= 4;
    }, 40000, 500);
    expect(data).toBeDefined();

    // Active targets are matched by their final labels (each carries its own uid). Dropped ones by count
    // per job: 2.42 relabels the discovered labels in place, so a dropped target's discoveredLabels may
    // have lost its uid; where a uid is left, it must be one we drop. Refused = in neither list.
    const mismatches: string[] = [];
    const inputs = new Map(jobs.flatMap((j) => j.targets).map((t) => [t.uid!, t] as const));
    const describe = (uid: string) => `input ${JSON.stringify(inputs.get(uid))}; rules ${JSON.stringify(jobs[Number(uid.slice(1).split('_')[0])]!.rules)}`;
    const promActive = new Map(data!.activeTargets.map((t) => [t.labels.uid!, t.labels] as const));
    for (const [uid, want] of expected) {
      const got = promActive.get(uid);
      if (want.kind === 'active') {
        if (!got) {
          mismatches.push(`${uid}: we keep it, Prometheus does not; ${describe(uid)}`);
          continue;
        }
        const a = JSON.stringify(Object.entries(want.labels).sort());
        const b = JSON.stringify(Object.entries(got).sort());
        if (a !== b) mismatches.push(`${uid}: labels differ\n  ours ${a}\n  prom ${b}\n  ${describe(uid)}`);
      } else if (got) {
        mismatches.push(`${uid}: we say ${want.kind}${want.kind === 'error' ? ` (${want.error})` : ''}, Prometheus keeps it; ${describe(uid)}`);
      }
    }
    // A dropped target whose __meta_filepath survived names its job; the others are counted overall.
    const files = jobs.map((_job, j) => join(dir, `j${j}.json`));
    const unattributed = data!.droppedTargets.filter((t) => !files.includes(t.discoveredLabels.__meta_filepath ?? '')).length;
    let missing = 0;
    jobs.forEach((_job, j) => {
      const promDropped = data!.droppedTargets.filter((t) => t.discoveredLabels.__meta_filepath === files[j]);
      const ours = [...expected].filter(([uid, e]) => uid.startsWith(`u${j}_`) && e.kind === 'dropped').map(([uid]) => uid);
      if (promDropped.length > ours.length) {
        const refused = [...expected].filter(([uid, e]) => uid.startsWith(`u${j}_`) && e.kind === 'error').map(([uid, e]) => `${uid} (${(e as {error: string}).error})`);
        mismatches.push(`job j${j}: Prometheus dropped ${promDropped.length}, we drop ${ours.length} [${ours.join(' ')}] and refuse [${refused.join(', ')}]; rules ${JSON.stringify(jobs[j]!.rules)}`);
      }
      missing += Math.max(0, ours.length - promDropped.length);
      for (const t of promDropped) {
        const uid = t.discoveredLabels.uid;
        if (uid && /^u\d+_\d+$/.test(uid) && uid.startsWith(`u${j}_`) && !ours.includes(uid)) {
          mismatches.push(`${uid}: Prometheus drops it, we say ${expected.get(uid)?.kind}; ${describe(uid)}`);
        }
      }
    });
    if (missing !== unattributed) mismatches.push(`dropped targets: we drop ${missing} more than Prometheus lists per job, and it lists ${unattributed} without a job`);
    const counts = {active: 0, dropped: 0, error: 0};
    for (const e of expected.values()) counts[e.kind]++;
    if (process.env.RELABEL_DIFF_VERBOSE) console.log(JSON.stringify({seed: SEED, counts, nl: [...expected.values()].filter((e) => e.kind === 'active' && Object.values(e.labels).some((v) => v.includes('\n'))).length, promNl: data!.activeTargets.filter((t) => Object.values(t.labels).some((v) => v.includes('\n'))).length, mismatches}));
    expect({seed: SEED, counts, mismatches: mismatches.slice(0, 10), total: mismatches.length}).toEqual({seed: SEED, counts, mismatches: [], total: 0});
    // The generator must exercise all three outcomes.
    expect(counts.active).toBeGreaterThan(0);
    expect(counts.dropped).toBeGreaterThan(0);
    expect(counts.error).toBeGreaterThan(0);
  }, 60000);
});
