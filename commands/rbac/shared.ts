// What the rbac subcommands share: the catalog that resolves resource names, and the
// warnings every command passes on.

import {ResourceCatalog} from '../../src/cluster/catalog.ts';
import type {Source} from '../../src/cluster/types.ts';

export async function catalogOf(source: Source): Promise<ResourceCatalog> {
  return new ResourceCatalog(await source.resourceTypes());
}

export function namespaceFlagOrDefault(namespace: string | undefined, source: Source): string {
  return namespace ?? source.defaultNamespace;
}
