// `npm run bench -- monitor`: 5,000 pods, 1,000 services with Endpoints, 100 nodes and a 20-job
// configuration through `kubectl monitor targets -f DIR --config FILE -o json`, timed as a whole run
// (startup and reading the manifests included). Budget: 2 s. Also the engine alone, in process.
import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:http';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {loadPrometheusConfig} from '../src/prometheus/config/load.ts';
import {discoveryObjectsFrom} from '../src/prometheus/discovery/index.ts';
import {computeTargets} from '../src/prometheus/targets.ts';
import {parsePrometheusVersion, relabelSemantics} from '../src/prometheus/version.ts';
import {generateMonitorCluster, monitorBenchConfig} from './lib/monitor-cluster.ts';
import {formatMs, median, timeCommand} from './lib/timing.ts';

const root = dirname(dirname(fileURLToPath(import.meta.url)));

export default async function benchMonitor(): Promise<void> {
  const objects = generateMonitorCluster(5000, 1000);
  const configText = monitorBenchConfig();
  const directory = mkdtempSync(join(tmpdir(), 'kubesleuth-bench-monitor-'));
  try {
    const manifests = join(directory, 'cluster.json');
    const configFile = join(directory, 'prometheus.yml');
    writeFileSync(manifests, JSON.stringify({apiVersion: 'v1', kind: 'List', items: objects}));
    writeFileSync(configFile, configText);

    // The engine alone: discovery, relabelling and target handling for every job.
    const version = parsePrometheusVersion('3.14');
    const config = loadPrometheusConfig(configText, configFile, relabelSemantics(version));
    const discovery = discoveryObjectsFrom(objects);
    const samples: number[] = [];
    let result = computeTargets(config, discovery, {version});
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      result = computeTargets(config, discovery, {version});
      samples.push(performance.now() - start);
    }
    const discovered = result.activeTargets.length + result.droppedTargets.length + result.refusedTargets.length;

    const args = ['targets', '-f', manifests, '--config', configFile, '-o', 'json'];
    const bundled = join(root, 'dist', 'kubectl-monitor.mjs');
    const [command, commandArgs, how] = existsSync(bundled)
      ? [join(root, 'plugins', 'kubectl-monitor'), args, 'bundled plugin']
      : [process.execPath, [join(root, 'build', 'entries', 'monitor.main.ts'), ...args], 'from source (no dist/)'];
    const timed = timeCommand(command, commandArgs, 3);
    process.stdout.write(
      `monitor targets: ${objects.length.toLocaleString('en')} objects (5,000 pods, 1,000 services + Endpoints, 100 nodes), 20 jobs, ` +
        `${discovered.toLocaleString('en')} discovered targets (${result.activeTargets.length.toLocaleString('en')} active, ${result.droppedTargets.length.toLocaleString('en')} dropped)\n` +
        `  engine: ${formatMs(median(samples))} median of 3\n` +
        `  whole run (${how}, -o json): ${formatMs(timed.medianMs)} median of 3 (budget 2 s${timed.medianMs <= 2000 ? ', met' : ', MISSED'})\n`,
    );
    await benchProbe(directory, command === process.execPath ? [join(root, 'build', 'entries', 'monitor.main.ts')] : [], command, how);
  } finally {
    rmSync(directory, {recursive: true, force: true});
  }
}

/** --probe --direct of 1,000 targets on 127.0.0.1 served by a stub exporter with a fixed 500-sample exposition. */
async function benchProbe(directory: string, prefix: string[], command: string, how: string): Promise<void> {
  const exposition = Array.from({length: 500}, (_, i) => `bench_metric_${i % 50}{shard="${i}"} ${i}`).join('\n') + '\n';
  let scrapes = 0;
  const server = createServer((_req, res) => {
    scrapes++;
    res.setHeader('Content-Type', 'text/plain; version=0.0.4');
    res.end(exposition);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as {port: number}).port;
  try {
    const groups = Array.from({length: 1000}, (_, i) => `  - {targets: ["127.0.0.1:${port}"], labels: {__param_target: "t${i}"}}`).join('\n');
    writeFileSync(join(directory, 'probe.yml'), `scrape_configs:\n- job_name: stub\n  static_configs:\n${groups}\n`);
    writeFileSync(join(directory, 'empty.yaml'), '');
    const args = [...prefix, 'targets', '-f', join(directory, 'empty.yaml'), '--config', join(directory, 'probe.yml'), '--probe', '--direct', '-o', 'json'];
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      // The stub answers in this process, so the command runs asynchronously beside it.
      const code = await new Promise<number | null>((resolve) => spawn(command, args, {stdio: 'ignore'}).on('exit', resolve));
      runs.push(performance.now() - start);
      if (code !== 0) throw new Error(`probe run exited ${code}`);
    }
    const ms = median(runs);
    process.stdout.write(`monitor targets --probe --direct: 1,000 targets x 500 samples on 127.0.0.1 (concurrency 20, ${how}): ${formatMs(ms)} median of 3, ${scrapes} scrapes (budget 5 s${ms <= 5000 ? ', met' : ', MISSED'})\n`);
  } finally {
    await new Promise((r) => server.close(r));
  }
}
