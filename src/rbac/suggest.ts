// "Did you mean": the closest names to a missing one. A name that contains the other, or
// differs by a few edits, is close; the prometheus → prometheus-clusterrole kind of slip
// (a short name for a long one) is the common case in real manifests.

import {editDistance} from '../output/edit-distance.ts';
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
