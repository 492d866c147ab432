// Loading the cluster's initial state: every .yaml/.yml/.json file under the given paths
// (recursively, in name order), multi-document YAML, JSON, and `kind: List` flattened.
// js-yaml, because it reads bulk manifests several times faster than `yaml`.

import {readdir, readFile, stat} from 'node:fs/promises';
import {extname, join} from 'node:path';
import {loadAll} from 'js-yaml';
import type {KubeObject} from '../../src/cluster/types.ts';

const manifestExtensions = new Set(['.yaml', '.yml', '.json']);

export class ManifestError extends Error {}

/** Reads every manifest; documents that are no Kubernetes object at all (a prometheus.yml beside them) are skipped with a warning. */
export async function loadManifests(paths: string[], warn: (message: string) => void = (message) => process.stderr.write(`warning: ${message}\n`)): Promise<KubeObject[]> {
  const files = (await Promise.all(paths.map(manifestFiles))).flat();
  const contents = await Promise.all(files.map((file) => readFile(file, 'utf8')));
  return files.flatMap((file, index) => parseManifest(contents[index], file, warn));
}

async function manifestFiles(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => {
    throw new ManifestError(`${path}: no such file or directory`);
  });
  if (!info.isDirectory()) return [path];
  const entries = await readdir(path, {withFileTypes: true});
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const nested = await Promise.all(
    entries
      .filter((entry) => !entry.name.startsWith('.'))
      .map((entry) => {
        const child = join(path, entry.name);
        if (entry.isDirectory()) return manifestFiles(child);
        return Promise.resolve(manifestExtensions.has(extname(entry.name)) ? [child] : []);
      }),
  );
  return nested.flat();
}

export function parseManifest(text: string, file: string, warn: (message: string) => void = () => undefined): KubeObject[] {
  let documents: unknown[];
  try {
    documents = file.endsWith('.json') && text.trimStart().startsWith('{') ? [JSON.parse(text)] : loadAll(text);
  } catch (error) {
    throw new ManifestError(`${file}: ${(error as Error).message}`);
  }
  return documents.flatMap((document, index) => {
    const where = `${file} (document ${index + 1})`;
    const record = document as Record<string, unknown> | null;
    if (record && typeof record === 'object' && (Array.isArray(record) || (record.apiVersion === undefined && record.kind === undefined))) {
      warn(`${where}: not a Kubernetes object (a list, or no apiVersion or kind), skipped`);
      return [];
    }
    return flatten(document, where);
  });
}

function flatten(document: unknown, where: string): KubeObject[] {
  if (document === null || document === undefined) return [];
  if (typeof document !== 'object' || Array.isArray(document)) throw new ManifestError(`${where}: not a Kubernetes object`);
  const object = document as KubeObject;
  if (typeof object.kind === 'string' && object.kind.endsWith('List') && Array.isArray(object.items)) {
    return (object.items as unknown[]).flatMap((item, index) => flatten(item, `${where}, item ${index + 1}`));
  }
  if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') throw new ManifestError(`${where}: apiVersion and kind are required`);
  if (typeof object.metadata?.name !== 'string' || object.metadata.name === '') {
    if (!object.metadata?.generateName) throw new ManifestError(`${where}: metadata.name is required`);
  }
  return [object];
}
