// A label set under change, kept as Prometheus's labels.Builder keeps it (model/labels): the base
// labels, labels set since (in the order they were set) and names deleted since. The walk order
// (Range) matters for labelmap when two names map onto one; before 2.43 every rule started from the
// sorted result of the previous one, which `compact()` reproduces. Like upstream, small arrays
// searched in order: label sets are small, and this allocates far less than maps per target.
import type {Labels} from './labels.ts';
import {sortNamesGo, sortPairsGo} from './labels.ts';

export class LabelBuilder {
  private baseNames: string[];
  private baseValues: string[];
  private addNames: string[] = [];
  private addValues: string[] = [];
  private del: string[] = [];

  constructor(base: Labels = {}, sorted = false) {
    this.baseNames = sorted ? Object.keys(base) : sortNamesGo(Object.keys(base));
    this.baseValues = this.baseNames.map((name) => base[name]!);
  }

  get(name: string): string {
    const added = this.addNames.indexOf(name);
    if (added >= 0) return this.addValues[added]!;
    if (this.del.length > 0 && this.del.includes(name)) return '';
    const i = this.baseNames.indexOf(name);
    return i >= 0 ? this.baseValues[i]! : '';
  }

  /** An empty value deletes, as upstream: empty labels are the same as missing labels. */
  set(name: string, value: string): void {
    if (value === '') {
      this.delete(name);
      return;
    }
    const i = this.addNames.indexOf(name);
    if (i >= 0) {
      this.addValues[i] = value;
    } else {
      this.addNames.push(name);
      this.addValues.push(value);
    }
  }

  /** Upstream Del: drops a set label (later sets go last again) and hides the base one. */
  delete(name: string): void {
    const i = this.addNames.indexOf(name);
    if (i >= 0) {
      this.addNames.splice(i, 1);
      this.addValues.splice(i, 1);
    }
    this.del.push(name);
  }

  /** The names Range would walk, in its order (a snapshot); values via get(). */
  rangeNames(): string[] {
    const out: string[] = [];
    for (const name of this.baseNames) {
      if (!this.del.includes(name) && !this.addNames.includes(name)) out.push(name);
    }
    for (const name of this.addNames) out.push(name);
    return out;
  }

  /** Upstream Range: base labels neither deleted nor re-set, then set labels in order; a snapshot. */
  range(): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    for (let i = 0; i < this.baseNames.length; i++) {
      const name = this.baseNames[i]!;
      if (!this.del.includes(name) && !this.addNames.includes(name)) out.push([name, this.baseValues[i]!]);
    }
    for (let i = 0; i < this.addNames.length; i++) out.push([this.addNames[i]!, this.addValues[i]!]);
    return out;
  }

  /** The current label set, sorted by name as Prometheus sorts it. */
  labels(): Labels {
    const pairs = sortPairsGo(this.range());
    const out: Labels = {};
    for (const [n, v] of pairs) out[n] = v;
    return out;
  }

  /** Folds the changes into a new sorted base (what 2.42 did between rules). */
  compact(): void {
    if (this.addNames.length === 0 && this.del.length === 0) return;
    const pairs = sortPairsGo(this.range());
    this.baseNames = pairs.map((pair) => pair[0]);
    this.baseValues = pairs.map((pair) => pair[1]);
    this.addNames = [];
    this.addValues = [];
    this.del = [];
  }

  /** Builder.Reset(empty) followed by sets of `labels` in the order of `names` (how 2.43+ builds a target's labels). */
  static fromOrderedSets(labels: Labels, names: readonly string[]): LabelBuilder {
    const builder = new LabelBuilder(EMPTY, true);
    for (const name of names) builder.set(name, labels[name]!);
    return builder;
  }
}

const EMPTY: Labels = {};
