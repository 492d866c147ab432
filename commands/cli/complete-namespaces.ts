// Namespace names for `-n <TAB>`: from the -f manifests when the words name some, else from the
// cluster the kubeconfig names (one metadata-only list, a short timeout). Loaded only for that
// completion; any failure completes nothing rather than printing an error into the shell.

import type {KubeObject} from '../../src/cluster/types.ts';

const timeoutMs = 2000;

export async function namespaceNames(words: readonly string[]): Promise<string[]> {
  const flag = (names: string[]) => {
    const index = words.findIndex((word) => names.includes(word));
    return index >= 0 ? words[index + 1] : words.find((word) => names.some((name) => word.startsWith(`${name}=`)))?.split('=')[1];
  };
  const files = words.flatMap((word, index) => (word === '-f' || word === '--filename') && words[index + 1] ? words[index + 1].split(',') : []);
  try {
    if (files.length > 0) {
      const {ManifestSource} = await import('../../src/cluster/manifest-source.ts');
      return namesOf(ManifestSource.fromPaths(files.filter((file) => file !== '-')).allObjects());
    }
    const {connectLive} = await import('../../src/cluster/live.ts');
    const source = await connectLive({kubeconfig: flag(['--kubeconfig']), context: flag(['--context']), requestTimeout: timeoutMs});
    const type = (await source.resourceTypes()).find((candidate) => candidate.kind === 'Namespace' && candidate.group === '');
    if (!type) return [];
    const [result] = await source.list([{type, metadataOnly: true}]);
    return namesOf(result.items);
  } catch {
    return [];
  }
}

function namesOf(objects: readonly KubeObject[]): string[] {
  const names = new Set<string>();
  for (const object of objects) {
    if (object.kind === 'Namespace') names.add(object.metadata.name);
    else if (object.metadata.namespace) names.add(object.metadata.namespace);
  }
  return [...names].sort();
}
