// A label set under change, kept as Prometheus's labels.Builder keeps it (model/labels): the base
// labels, labels set since (in the order they were set) and names deleted since. The walk order
// (Range) matters for labelmap when two names map onto one; before 2.43 every rule started from the
// sorted result of the previous one, which `compact()` reproduces. Maps stand in for upstream's
// small slices: a JavaScript Map keeps insertion order, updates a value in place and appends a name
// set again after a delete, just as upstream's slices do, and finds a name without a linear search.
import type {Labels} from './labels.ts';
import type {NamesPrefix} from './label-shapes.ts';
import {labelsFrom, namesPrefix, sortedNamesCached} from './label-shapes.ts';
import {sortNamesGo} from './labels.ts';

/**
 * Labels set, in order, on an empty builder, shared by many builders (a target group's labels, set
 * before each of its targets' own): each builder sees them as its first set labels without copying.
 */
export interface LabelLayer {
  readonly names: readonly string[];
  readonly values: ReadonlyMap<string, string>;
  readonly prefix: NamesPrefix | undefined;
}

export class LabelBuilder {
  /** Base labels; in Range order (sorted by name) unless `baseOrdered` is false, until rangeNames() sorts them. */
  private base: Map<string, string>;
  private baseOrdered = true;
  private added = new Map<string, string>();
  private deleted: Set<string> | undefined;
  // With a layer (and an empty base): the layer's labels come first in set order; one set again
  // keeps its place (its value in `overrides`), one deleted leaves it (`removed`) and, set again,
  // goes last like any other (in `added`). Together they behave as one insertion-ordered map.
  private layer: LabelLayer | undefined;
  private overrides: Map<string, string> | undefined;
  private removed: Set<string> | undefined;

  constructor(base: Labels = {}, sorted = false) {
    this.base = new Map();
    const names = sorted ? Object.keys(base) : sortNamesGo(Object.keys(base));
    for (const name of names) this.base.set(name, base[name]!);
  }

  /** A layer from labels set in the order of `names` (empty values, deletes on an empty builder, left out). */
  static layer(labels: Labels, names: readonly string[]): LabelLayer {
    const kept: string[] = [];
    const values = new Map<string, string>();
    for (const name of names) {
      const value = labels[name]!;
      if (value === '') continue;
      kept.push(name);
      values.set(name, value);
    }
    return {names: kept, values, prefix: namesPrefix(kept)};
  }

  /** Builder.Reset(empty) followed by the layer's sets. */
  static fromLayer(layer: LabelLayer): LabelBuilder {
    const builder = new LabelBuilder(EMPTY, true);
    builder.layer = layer;
    return builder;
  }

  /** Whether `name` is one of the layer's labels still in its place. */
  private inLayer(name: string): boolean {
    return this.layer !== undefined && this.layer.values.has(name) && !this.removed?.has(name);
  }

  get(name: string): string {
    const added = this.added.get(name);
    if (added !== undefined) return added;
    if (this.layer !== undefined && this.inLayer(name)) return this.overrides?.get(name) ?? this.layer.values.get(name)!;
    if (this.base.size === 0 || this.deleted?.has(name)) return '';
    return this.base.get(name) ?? '';
  }

  /** An empty value deletes, as upstream: empty labels are the same as missing labels. */
  set(name: string, value: string): void {
    if (value === '') {
      this.delete(name);
      return;
    }
    if (this.layer !== undefined && this.inLayer(name)) (this.overrides ??= new Map()).set(name, value);
    else this.added.set(name, value);
  }

  /** set() of a name known not to be one of the layer's (a target's own label after its group's). */
  setNew(name: string, value: string): void {
    if (value === '') this.delete(name);
    else this.added.set(name, value);
  }

  /** Upstream Del: drops a set label (later sets go last again) and hides the base one. */
  delete(name: string): void {
    if (this.layer !== undefined && this.inLayer(name)) {
      (this.removed ??= new Set()).add(name);
      this.overrides?.delete(name);
    }
    this.added.delete(name);
    (this.deleted ??= new Set()).add(name);
  }

  /** Whether a base label is still visible as itself (neither deleted nor set again). */
  private baseVisible(name: string): boolean {
    return !this.added.has(name) && !this.deleted?.has(name);
  }

  /** The names Range would walk, in its order (a snapshot); values via get(). */
  rangeNames(): string[] {
    if (this.layer !== undefined) {
      const out: string[] = [];
      const removed = this.removed;
      for (const name of this.layer.names) if (removed === undefined || !removed.has(name)) out.push(name);
      for (const name of this.added.keys()) out.push(name);
      return out;
    }
    if (this.base.size === 0) return Array.from(this.added.keys());
    if (!this.baseOrdered) {
      const base = new Map<string, string>();
      for (const name of sortedNamesCached(Array.from(this.base.keys()))) base.set(name, this.base.get(name)!);
      this.base = base;
      this.baseOrdered = true;
    }
    const out: string[] = [];
    for (const name of this.base.keys()) if (this.baseVisible(name)) out.push(name);
    for (const name of this.added.keys()) out.push(name);
    return out;
  }

  /** Upstream Range: base labels neither deleted nor re-set, then set labels in order; a snapshot. */
  range(): Array<[string, string]> {
    return this.rangeNames().map((name) => [name, this.get(name)]);
  }

  /** The current label set, sorted by name as Prometheus sorts it. */
  labels(): Labels {
    // Nothing of the layer deleted: the names start with the layer's, whose sorting walk is known.
    const prefix = this.layer !== undefined && this.removed === undefined ? this.layer.prefix : undefined;
    const names = sortedNamesCached(this.rangeNames(), prefix);
    const values = new Array<string>(names.length);
    const layer = this.layer;
    if (layer !== undefined && this.removed === undefined && this.overrides === undefined) {
      // Every name is then either the layer's, unchanged, or a set one: one lookup, mostly.
      for (let i = 0; i < names.length; i++) values[i] = layer.values.get(names[i]!) ?? this.added.get(names[i]!)!;
    } else {
      for (let i = 0; i < names.length; i++) values[i] = this.get(names[i]!);
    }
    return labelsFrom(names, values);
  }

  /** Folds the changes into a new sorted base (what 2.42 did between rules). */
  compact(): void {
    if (this.added.size === 0 && this.deleted === undefined && this.layer === undefined) return;
    if (this.layer === undefined) {
      // Folded in place; the sorted order is restored only when a walk needs it (rangeNames).
      if (this.base.size === 0) {
        // Deletes hide only base labels: the set ones are the whole new base.
        this.base = this.added;
      } else {
        if (this.deleted !== undefined) for (const name of this.deleted) this.base.delete(name);
        for (const [name, value] of this.added) this.base.set(name, value);
      }
      this.baseOrdered = false;
      this.added = new Map();
      this.deleted = undefined;
      return;
    }
    // A layer's builder has an empty base: the new base is its labels in Range order.
    const base = new Map<string, string>();
    for (const name of this.rangeNames()) base.set(name, this.get(name));
    this.base = base;
    this.baseOrdered = false;
    this.added = new Map();
    this.deleted = undefined;
    this.layer = undefined;
    this.overrides = undefined;
    this.removed = undefined;
  }

  /** Builder.Reset(empty) followed by sets of `labels` in the order of `names` (how 2.43+ builds a target's labels). */
  static fromOrderedSets(labels: Labels, names: readonly string[]): LabelBuilder {
    const builder = new LabelBuilder(EMPTY, true);
    for (const name of names) builder.set(name, labels[name]!);
    return builder;
  }
}

const EMPTY: Labels = {};
