// A Source over a fixed object list that records what it was asked, answers 403 for chosen
// types, and (like the API server) answers metadata-only lists with PartialObjectMetadata.

import {builtinResourceTypes} from '../../src/cluster/builtin-types.ts';
import {qualifiedName} from '../../src/cluster/catalog.ts';
import type {KubeObject, ListRequest, ListResult, ResourceType, Source} from '../../src/cluster/types.ts';
import {ClusterError} from '../../src/errors.ts';
import {groupOf} from '../../src/ownership/graph.ts';

export class FakeSource implements Source {
  readonly description = 'cluster https://fake';
  readonly live = true;
  readonly defaultNamespace = 'default';
  readonly warnings: string[] = [];
  readonly lists: ListRequest[] = [];
  readonly gets: string[] = [];
  private readonly objects: KubeObject[];
  private readonly forbidden: Set<string>;
  private readonly types: ResourceType[];

  constructor(objects: KubeObject[], options: {forbid?: string[]; extraTypes?: ResourceType[]} = {}) {
    this.objects = objects;
    this.forbidden = new Set(options.forbid ?? []);
    this.types = [...builtinResourceTypes, ...(options.extraTypes ?? [])];
  }

  async resourceTypes(): Promise<ResourceType[]> {
    return this.types;
  }

  private of(type: ResourceType): KubeObject[] {
    return this.objects.filter((object) => object.kind === type.kind && groupOf(object.apiVersion) === type.group);
  }

  async list(requests: ListRequest[]): Promise<ListResult[]> {
    this.lists.push(...requests);
    return requests.map((request) => {
      if (this.forbidden.has(qualifiedName(request.type))) {
        if (!request.optional) throw new ClusterError(`forbidden: ${qualifiedName(request.type)}`, {status: 403});
        return {type: request.type, items: [], skipped: 'forbidden'};
      }
      const items = this.of(request.type).filter((object) => request.namespace === undefined || object.metadata.namespace === request.namespace);
      return {type: request.type, items: request.metadataOnly
        ? items.map((object) => ({apiVersion: 'meta.k8s.io/v1', kind: 'PartialObjectMetadata', metadata: object.metadata}))
        : items};
    });
  }

  async get(type: ResourceType, name: string, namespace?: string): Promise<KubeObject | undefined> {
    this.gets.push(`${qualifiedName(type)}/${namespace ?? ''}/${name}`);
    if (this.forbidden.has(qualifiedName(type))) throw new ClusterError(`forbidden: ${qualifiedName(type)}`, {status: 403});
    return this.of(type).find((object) => object.metadata.name === name && (!type.namespaced || object.metadata.namespace === (namespace ?? 'default')));
  }
}
