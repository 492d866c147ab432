// The text table of `kubectl tree`: NAME drawn as a tree (kubectl-tree's `├─`, `└─`, `│`),
// ownership with solid connectors and `--links` relations with dashed ones (`├╌`, `└╌`), so the
// two never read alike. Rows come in the model's order; nothing here sorts.

import {formatTable} from '../output/table.ts';
import type {Palette} from '../output/colour.ts';
import type {Health, LinkNode, ObjectSummary, OwnerNode, TreeNode} from './types.ts';

export interface TreeTableOptions {
  palette: Palette;
  noHeaders?: boolean;
  /** `-o wide`: UID, CONTROLLER, DELETION, FINALIZERS. */
  wide?: boolean;
  /** NAMESPACE column; see needsNamespaceColumn. */
  showNamespace?: boolean;
  /** RELATION column, for trees carrying `--links`. */
  links?: boolean;
}

type AnyNode = TreeNode | OwnerNode | LinkNode;

interface Row {
  node: AnyNode;
  prefix: string;
  link: boolean;
}

interface Item {
  node: AnyNode;
  link: boolean;
}

function itemsOf(node: AnyNode): Item[] {
  const items: Item[] = [];
  if ('children' in node) for (const child of node.children) items.push({node: child, link: false});
  if ('owners' in node) for (const owner of node.owners) items.push({node: owner, link: false});
  if ('links' in node && node.links) for (const link of node.links) items.push({node: link, link: true});
  return items;
}

/** Rows in display order with their tree prefixes (an explicit stack: deep trees cannot overflow). */
export function treeRows(root: AnyNode): Row[] {
  const rows: Row[] = [];
  const stack: {node: AnyNode; link: boolean; prefix: string; indent: string}[] = [{node: root, link: false, prefix: '', indent: ''}];
  while (stack.length > 0) {
    const {node, link, prefix, indent} = stack.pop()!;
    rows.push({node, prefix, link});
    const items = itemsOf(node);
    for (let index = items.length - 1; index >= 0; index--) {
      const last = index === items.length - 1;
      const item = items[index]!;
      stack.push({
        node: item.node,
        link: item.link,
        prefix: indent + (last ? '└' : '├') + (item.link ? '╌' : '─'),
        indent: indent + (last ? '  ' : '│ '),
      });
    }
  }
  return rows;
}

/** Namespaces shown when asked (-A) or when the rows span more than one scope. */
export function needsNamespaceColumn(root: AnyNode, allNamespaces: boolean): boolean {
  if (allNamespaces) return true;
  const namespaces = new Set(treeRows(root).map((row) => row.node.namespace));
  return namespaces.size > 1;
}

function marker(node: AnyNode): string {
  if ('cycle' in node && node.cycle) return ' (cycle)';
  if ('repeated' in node && node.repeated) return ' (see above)';
  return '';
}

function paintFor(palette: Palette, health: Health): ((text: string) => string) | undefined {
  if (health === 'bad') return palette.bad;
  if (health === 'warn') return palette.warn;
  return undefined;
}

export function renderTreeTable(root: AnyNode, options: TreeTableOptions): string {
  const rows = treeRows(root);
  const headers: string[] = [];
  if (options.showNamespace) headers.push('NAMESPACE');
  headers.push('NAME');
  if (options.links) headers.push('RELATION');
  headers.push('READY', 'REASON', 'AGE');
  if (options.wide) headers.push('UID', 'CONTROLLER', 'DELETION', 'FINALIZERS');

  const nameColumn = options.showNamespace ? 1 : 0;
  const readyColumn = nameColumn + (options.links ? 2 : 1);
  const cells = rows.map(({node, prefix, link}) => {
    const row: string[] = [];
    if (options.showNamespace) row.push(node.namespace);
    row.push(`${prefix}${node.kind}/${node.name}${marker(node)}`);
    if (options.links) row.push('relation' in node ? node.relation : '');
    row.push(node.ready, node.status, node.age);
    if (options.wide) {
      const summary: ObjectSummary = node;
      const controller = !link && 'controller' in node && node.controller !== undefined ? String(node.controller) : '-';
      row.push(summary.uid || '<none>', controller, summary.deletionTimestamp ?? '<none>',
        summary.finalizers && summary.finalizers.length > 0 ? summary.finalizers.join(',') : '<none>');
    }
    return row;
  });

  const {palette} = options;
  return formatTable(headers, cells, {
    noHeaders: options.noHeaders,
    colorize: palette.enabled ? (rowIndex, column, cell) => {
      const {node, prefix} = rows[rowIndex]!;
      const paint = paintFor(palette, node.health);
      if (column === nameColumn) {
        const rest = cell.slice(prefix.length);
        return palette.dim(prefix) + (paint ? paint(rest) : rest);
      }
      if (paint) return paint(cell);
      if (column === readyColumn && cell === 'True') return palette.ok(cell);
      return cell;
    } : undefined,
  });
}
