// Offline mode: cluster state read from manifests (`-f`). Later copies of the same object
// replace earlier ones, as if applied in order; namespaced objects without a namespace land
// in `-n` or "default", as `kubectl apply -f` places them.

import {InputError, type InputLocation} from '../errors.ts';
import {matchesFieldQuery, matchesLabelQuery, parseFieldQuery, parseLabelQuery} from '../kube/label-query.ts';
import {builtinResourceTypes} from './builtin-types.ts';
import {guessResourceType, ResourceCatalog, typesFromCustomResourceDefinitions} from './catalog.ts';
import {readManifestInputs, type ManifestText} from './manifest-files.ts';
import {parseManifestText, type ParsedObject} from './manifest-parse.ts';
import type {KubeObject, ListRequest, ListResult, ResourceType, Source} from './types.ts';
import {wellKnownCustomTypes} from './well-known-custom-types.ts';

export interface ManifestSourceOptions {
  /** `-n`: where namespaced objects without a namespace go. */
  namespace?: string;
  readStdin?: () => string;
}

export class ManifestSource implements Source {
  readonly live = false;
  readonly description: string;
  readonly defaultNamespace: string;
  readonly warnings: string[] = [];
  readonly catalog: ResourceCatalog;
  /** Objects by resource type key (`group/Kind`), in input order. */
  private readonly byType = new Map<string, KubeObject[]>();
  /** Where each object was read, so engines can name the file and document of bad input. */
  private readonly origins = new WeakMap<KubeObject, InputLocation>();

  constructor(parsed: readonly ParsedObject[], description: string, options: ManifestSourceOptions = {}) {
    this.description = description;
    this.defaultNamespace = options.namespace ?? 'default';
    const definitions = parsed.filter(({object}) => object.kind === 'CustomResourceDefinition').map(({object}) => object);
    let catalog = new ResourceCatalog().with(wellKnownCustomTypes).with(typesFromCustomResourceDefinitions(definitions));
    const unknown: ResourceType[] = [];
    for (const {object, file, document} of parsed) {
      if (catalog.forObject(object) || unknown.some((type) => type.kind === object.kind && groupOf(object) === type.group)) continue;
      if (builtinGroups.has(groupOf(object))) {
        // A misspelt kind (`Networkpolicy`) would otherwise be left out silently and change answers.
        throw new InputError(`no matches for kind "${object.kind}" in version "${object.apiVersion}"`, {file, document, field: 'kind'},
          {hint: 'kinds are case-sensitive, as `kubectl api-resources` lists them'});
      }
      // A custom resource without its definition in the input: namespaced unless it says otherwise.
      unknown.push(guessResourceType(object.apiVersion, object.kind, true));
      this.warnings.push(`${file}: no CustomResourceDefinition for ${object.kind} (${object.apiVersion}) in the input; read as a namespaced custom resource`);
    }
    this.catalog = catalog = catalog.with(unknown);
    if (parsed.length === 0) this.warnings.push(`${description}: no objects found`);

    const latest = new Map<string, KubeObject>();
    for (const {object, file, document} of parsed) {
      this.origins.set(object, {file, document});
      const type = catalog.forObject(object)!;
      if (type.namespaced && !object.metadata.namespace) object.metadata.namespace = this.defaultNamespace;
      if (!type.namespaced) delete object.metadata.namespace;
      const key = `${type.group}/${type.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;
      latest.delete(key); // re-insert so a replacement takes the later position
      latest.set(key, object);
    }
    for (const object of latest.values()) {
      const key = typeKey(catalog.forObject(object)!);
      let list = this.byType.get(key);
      if (!list) this.byType.set(key, (list = []));
      list.push(object);
    }
  }

  static fromPaths(paths: readonly string[], options: ManifestSourceOptions = {}): ManifestSource {
    return ManifestSource.fromTexts(readManifestInputs(paths, options.readStdin), options);
  }

  static fromTexts(texts: readonly ManifestText[], options: ManifestSourceOptions = {}): ManifestSource {
    const parsed = texts.flatMap(({file, text}) => parseManifestText(file, text));
    const names = texts.map(({file}) => file);
    const description = `manifests ${names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ')}`;
    return new ManifestSource(parsed, description, options);
  }

  static fromObjects(objects: readonly KubeObject[], options: ManifestSourceOptions = {}): ManifestSource {
    return new ManifestSource(objects.map((object, index) => ({object, file: '<objects>', document: index + 1})), 'objects', options);
  }

  /** The file and document an object came from. */
  locate(object: KubeObject): InputLocation | undefined {
    return this.origins.get(object);
  }

  async resourceTypes(): Promise<ResourceType[]> {
    return [...this.catalog.types];
  }

  /** Every object of a type (all namespaces). Synchronous: offline reads cost nothing more. */
  objectsOf(type: ResourceType): KubeObject[] {
    return this.byType.get(typeKey(type)) ?? [];
  }

  /** Every object read, in input order by type. */
  allObjects(): KubeObject[] {
    return [...this.byType.values()].flat();
  }

  async list(requests: ListRequest[]): Promise<ListResult[]> {
    return requests.map((request) => ({type: request.type, items: this.select(request)}));
  }

  async get(type: ResourceType, name: string, namespace?: string): Promise<KubeObject | undefined> {
    return this.objectsOf(type).find((object) => object.metadata.name === name &&
      (!type.namespaced || object.metadata.namespace === (namespace ?? this.defaultNamespace)));
  }

  private select(request: ListRequest): KubeObject[] {
    const labels = request.labelSelector ? parseLabelQuery(request.labelSelector) : undefined;
    const fields = request.fieldSelector ? parseFieldQuery(request.fieldSelector) : undefined;
    return this.objectsOf(request.type).filter((object) =>
      (request.namespace === undefined || !request.type.namespaced || object.metadata.namespace === request.namespace) &&
      (!labels || matchesLabelQuery(labels, object.metadata.labels)) &&
      (!fields || matchesFieldQuery(fields, object)));
  }
}

/** API groups the API server itself serves: any kind in them must be a known one. */
const builtinGroups = new Set(builtinResourceTypes.map((type) => type.group));

function groupOf(object: KubeObject): string {
  const slash = object.apiVersion.indexOf('/');
  return slash < 0 ? '' : object.apiVersion.slice(0, slash);
}

function typeKey(type: ResourceType): string {
  return `${type.group}/${type.kind}`;
}
