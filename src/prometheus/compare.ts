// `monitor targets --prometheus URL`: the simulation against what a running Prometheus reports on
// /api/v1/targets. Active targets match by pool, scrape URL and labels; the health of the matched ones
// is Prometheus's. Dropped targets compare by count per pool (2.42 does not name their pool).
import type {Labels} from './labels.ts';
import type {TargetsResult} from './targets.ts';

export interface ApiTargets {
  activeTargets: Array<{scrapePool: string; scrapeUrl: string; labels: Labels; health?: string; lastError?: string}>;
  droppedTargets: Array<{scrapePool?: string; discoveredLabels: Labels}>;
}

export interface ComparedTarget {
  scrapePool: string;
  scrapeUrl: string;
  labels: Labels;
  health?: string;
  lastError?: string;
}

export interface Comparison {
  prometheus: string;
  matched: number;
  onlyInPrometheus: ComparedTarget[];
  onlyInSimulation: ComparedTarget[];
  /** Per pool where the numbers differ; `prometheus` is null when it does not say the pool (2.42). */
  dropped: Array<{scrapePool: string; simulation: number; prometheus: number | null}>;
  down: ComparedTarget[];
}

function key(pool: string, url: string, labels: Labels): string {
  return `${pool}\u0000${url}\u0000${JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))}`;
}

/** Compares, and copies Prometheus's health and lastError onto the matched simulated targets. */
export function compareWithPrometheus(result: TargetsResult, api: ApiTargets, where: string): Comparison {
  const theirs = new Map(api.activeTargets.map((t) => [key(t.scrapePool, t.scrapeUrl, t.labels), t] as const));
  const pools = new Set(result.jobs.map((j) => j.name));
  const comparison: Comparison = {prometheus: where, matched: 0, onlyInPrometheus: [], onlyInSimulation: [], dropped: [], down: []};
  const seen = new Set<string>();
  for (const target of result.activeTargets) {
    const k = key(target.scrapePool, target.scrapeUrl, target.labels);
    const match = theirs.get(k);
    if (!match) {
      comparison.onlyInSimulation.push({scrapePool: target.scrapePool, scrapeUrl: target.scrapeUrl, labels: target.labels});
      continue;
    }
    seen.add(k);
    comparison.matched++;
    if (match.health === 'up' || match.health === 'down' || match.health === 'unknown') target.health = match.health;
    target.lastError = match.lastError ?? '';
    if (match.health === 'down') comparison.down.push({scrapePool: match.scrapePool, scrapeUrl: match.scrapeUrl, labels: match.labels, health: match.health, lastError: match.lastError ?? ''});
  }
  for (const [k, t] of theirs) {
    // Pools the simulation did not run (e.g. --job) are not differences.
    if (!seen.has(k) && pools.has(t.scrapePool)) comparison.onlyInPrometheus.push({scrapePool: t.scrapePool, scrapeUrl: t.scrapeUrl, labels: t.labels, health: t.health, lastError: t.lastError});
  }
  const named = api.droppedTargets.every((t) => t.scrapePool !== undefined);
  for (const pool of [...pools].sort()) {
    const simulation = result.droppedTargets.filter((t) => t.scrapePool === pool).length;
    const prometheus = named ? api.droppedTargets.filter((t) => t.scrapePool === pool).length : null;
    if (prometheus !== null && prometheus !== simulation) comparison.dropped.push({scrapePool: pool, simulation, prometheus});
  }
  if (!named) {
    const simulation = result.droppedTargets.length;
    if (simulation !== api.droppedTargets.length) comparison.dropped.push({scrapePool: '(all pools; this Prometheus does not name the pool of dropped targets)', simulation, prometheus: api.droppedTargets.length});
  }
  return comparison;
}

export function renderComparison(c: Comparison): string {
  const out = [`compared with ${c.prometheus}: ${c.matched} active targets match, ${c.onlyInPrometheus.length} only in Prometheus, ${c.onlyInSimulation.length} only in the simulation, ${c.down.length} down`];
  for (const t of c.onlyInPrometheus) out.push(`  only in Prometheus: ${t.scrapePool} ${t.scrapeUrl} ${JSON.stringify(t.labels)}`);
  for (const t of c.onlyInSimulation) out.push(`  only in the simulation: ${t.scrapePool} ${t.scrapeUrl} ${JSON.stringify(t.labels)}`);
  for (const d of c.dropped) out.push(`  dropped in ${d.scrapePool}: simulation ${d.simulation}, Prometheus ${d.prometheus}`);
  for (const t of c.down) out.push(`  down in Prometheus: ${t.scrapePool} ${t.scrapeUrl}: ${t.lastError}`);
  return out.join('\n');
}
