// "Did you mean": the closest names to a missing one. A name that contains the other, or
// differs by a few edits, is close; the prometheus → prometheus-clusterrole kind of slip
// (a short name for a long one) is the common case in real manifests.

import {compare} from './snapshot-order.ts';

export function closestNames(wanted: string, candidates: Iterable<string>, limit = 3): string[] {
  const lower = wanted.toLowerCase();
  const scored: {name: string; score: number}[] = [];
  for (const name of new Set(candidates)) {
    if (name === wanted) continue;
    const other = name.toLowerCase();
    let score: number;
    if (other === lower) score = 0;
    else if (other.startsWith(lower) || lower.startsWith(other)) score = 1 + Math.abs(other.length - lower.length) / 1000;
    else if (other.includes(lower) || lower.includes(other)) score = 2 + Math.abs(other.length - lower.length) / 1000;
    else {
      const distance = editDistance(lower, other);
      if (distance > Math.max(2, Math.floor(Math.max(lower.length, other.length) / 3))) continue;
      score = 3 + distance;
    }
    scored.push({name, score});
  }
  scored.sort((a, b) => a.score - b.score || compare(a.name, b.name));
  return scored.slice(0, limit).map(({name}) => name);
}

export function editDistance(a: string, b: string): number {
  let previous = Array.from({length: b.length + 1}, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
