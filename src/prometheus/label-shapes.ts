// Label sets of the same names over and over (every target of a job has the same discovered label
// names): the Go sort order of a list of names, remembered per list, and label objects built fast
// for a remembered list.
import type {Labels} from './labels.ts';
import {sortNamesGo} from './labels.ts';

export interface OrderNode {
  next: Map<string, OrderNode> | undefined;
  sorted: readonly string[] | undefined;
}

let orderRoot: OrderNode = {next: undefined, sorted: undefined};
let orderNodes = 0;

/** A point in the trie below: where a known first part of many names lists ends. */
export interface NamesPrefix {
  readonly node: OrderNode;
  readonly length: number;
}

function walk(node: OrderNode, names: readonly string[], from: number): OrderNode | undefined {
  for (let i = from; i < names.length; i++) {
    const name = names[i]!;
    let next = node.next?.get(name);
    if (next === undefined) {
      if (orderNodes > 200_000) {
        orderRoot = {next: undefined, sorted: undefined};
        orderNodes = 0;
        return undefined;
      }
      next = {next: undefined, sorted: undefined};
      (node.next ??= new Map()).set(name, next);
      orderNodes++;
    }
    node = next;
  }
  return node;
}

/**
 * The names sorted in Go's order, as a shared array the caller must not change. Targets of one job
 * carry the same names in the same order over and over, so the order is remembered per sequence of
 * names (a trie walked name by name: exact, and cheaper than sorting 40 long, alike names again).
 * With `prefix`, the walk starts where it ended for the first `prefix.length` names, which must be
 * the ones the prefix was made from.
 */
export function sortedNamesCached(names: readonly string[], prefix?: NamesPrefix): readonly string[] {
  const node = prefix ? walk(prefix.node, names, prefix.length) : walk(orderRoot, names, 0);
  if (node === undefined) return sortNamesGo(names.slice());
  return (node.sorted ??= sortNamesGo(names.slice()));
}

/** The trie point after `names`, for sortedNamesCached of lists that start with them. */
export function namesPrefix(names: readonly string[]): NamesPrefix | undefined {
  const node = walk(orderRoot, names, 0);
  return node === undefined ? undefined : {node, length: names.length};
}

interface Shape {
  uses: number;
  make?: (values: readonly string[]) => Labels;
  /** The names not starting with `__`, and where each stands in the full list. */
  visible?: {names: readonly string[]; at: number[]};
}

// Per shared names array (sortedNamesCached's, which never change).
const shapes = new WeakMap<readonly string[], Shape>();
let compiledShapes = 0;

function shapeOf(names: readonly string[]): Shape {
  let shape = shapes.get(names);
  if (shape === undefined) shapes.set(names, (shape = {uses: 0}));
  return shape;
}

/**
 * A label set from a shared names array (in the order wanted, from sortedNamesCached) and values.
 * An object given properties one by one by computed name turns into a dictionary past 16 or so of
 * them (V8), which costs more to build and several times more to JSON.stringify; Object.fromEntries
 * keeps it fast. A names array met again gets a function returning an object literal with exactly
 * those names (fast to build, and one hidden class for all label sets of that shape). A `__proto__`
 * name keeps the one-by-one assignment, which ignores it (assigning a string to it does nothing).
 */
export function labelsFrom(names: readonly string[], values: readonly string[]): Labels {
  const shape = shapeOf(names);
  if (shape.make) return shape.make(values);
  const proto = names.includes('__proto__');
  if (++shape.uses >= 2 && compiledShapes < 5000 && !proto) {
    compiledShapes++;
    // JSON.stringify quotes each name as a valid JavaScript string literal.
    const body = names.map((name, i) => `${JSON.stringify(name)}: v[${i}]`).join(',');
    shape.make = new Function('v', `return {${body}};`) as (values: readonly string[]) => Labels;
    return shape.make(values);
  }
  if (names.length > 8 && !proto) {
    const pairs = new Array<[string, string]>(names.length);
    for (let i = 0; i < names.length; i++) pairs[i] = [names[i]!, values[i]!];
    return Object.fromEntries(pairs) as Labels;
  }
  const out: Labels = {};
  for (let i = 0; i < names.length; i++) out[names[i]!] = values[i]!;
  return out;
}

/** The names of a shared names array that do not start with `__` (a shared array too), and their positions. */
export function visibleNames(names: readonly string[]): {names: readonly string[]; at: number[]} {
  const shape = shapeOf(names);
  if (shape.visible === undefined) {
    const visible: string[] = [];
    const at: number[] = [];
    names.forEach((name, i) => {
      if (!name.startsWith('__')) {
        visible.push(name);
        at.push(i);
      }
    });
    shape.visible = {names: visible, at};
  }
  return shape.visible;
}
