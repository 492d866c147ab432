// kubectl inspect refs [secret/NAME|configmap/NAME]: who uses each Secret and ConfigMap, what
// references something missing, and what nobody uses.

import {Args, Flags} from '@oclif/core';
import {ResourceCatalog} from '../../src/cluster/catalog.ts';
import {traceReferences, type RefsQuery, type RefsResult} from '../../src/configrefs/refs.ts';
import {describeValueProblem, renderRefs} from '../../src/configrefs/render.ts';
import {InputError, UsageError} from '../../src/errors.ts';
import {SleuthCommand} from '../base.ts';
import type {CommonFlagValues} from '../common-flags.ts';
import {listKinds, locatorOf} from './shared.ts';

/** What refers to Secrets and ConfigMaps; the optional ones may be forbidden without failing. */
export const referencingKinds = [
  {kind: 'Pod'},
  {kind: 'Deployment', group: 'apps'},
  {kind: 'ReplicaSet', group: 'apps'},
  {kind: 'StatefulSet', group: 'apps'},
  {kind: 'DaemonSet', group: 'apps'},
  {kind: 'Job', group: 'batch'},
  {kind: 'CronJob', group: 'batch', optional: true},
  {kind: 'ReplicationController', optional: true},
  {kind: 'ServiceAccount', optional: true},
  {kind: 'Ingress', group: 'networking.k8s.io', optional: true},
];

export default class InspectRefs extends SleuthCommand {
  static override summary = 'Who uses each Secret and ConfigMap, which references dangle, and what nobody uses.';
  static override description = [
    'References through env (valueFrom), envFrom, volumes, projected volumes, storage credentials, imagePullSecrets,',
    'ServiceAccounts and Ingress TLS, from pods and from the pod templates of Deployments, StatefulSets, DaemonSets, Jobs',
    'and CronJobs (a pod is shown under its workload). A reference to an object or key that does not exist is dangling;',
    'a non-optional env or envFrom one leaves the pod in CreateContainerConfigError, a volume one in ContainerCreating.',
    'Unused objects leave out what the system manages (kube-root-ca.crt, service-account tokens, Helm release records).',
    '-l selects the pods and workloads whose references are read. --fail exits 1 when a non-optional reference dangles.',
  ].join('\n');
  static override examples = [
    'kubectl inspect refs -A',
    'kubectl inspect refs secret/billing-db -n billing',
    'kubectl inspect refs -f rendered/ --fail',
  ];
  static override args = {
    // Never read an argument from stdin: `-f -` reads manifests (Secrets) from there, and oclif would
    // otherwise swallow them as the argument (and quote them in its error).
    object: Args.string({description: 'Only this object: secret/NAME or configmap/NAME.', ignoreStdin: true}),
  };
  static override flags = {
    fail: Flags.boolean({description: 'Exit 1 when a non-optional reference dangles (a missing object or key); optional ones are only reported.'}),
  };

  async run(): Promise<RefsResult> {
    const {args, flags} = await this.parse(InspectRefs);
    const common = flags as unknown as CommonFlagValues;
    this.outputFormat(common);
    const target = args.object === undefined ? undefined : parseTarget(args.object);
    const source = await this.openSource(common);
    const namespace = this.namespaceScope(common, source);
    const objects = await listKinds(source, [
      {kind: 'Secret'}, {kind: 'ConfigMap'},
      ...referencingKinds.map((kind) => ({...kind, labelSelector: common.selector})),
    ], namespace, (text) => this.warnLine(text));
    for (const warning of source.warnings) this.warnLine(warning);
    const query: RefsQuery = {namespace, assumeNamespaceDefaults: !source.live, locate: locatorOf(source)};
    if (target) query.target = target;
    const result = traceReferences(objects, query);
    if (target && !objects.some((object) => object.kind === target.kind && object.metadata.name === target.name &&
      (namespace === undefined || object.metadata.namespace === namespace))) {
      // Who refers to a missing object is worth showing; a name nobody uses and nothing holds is a typo.
      const where = namespace === undefined ? 'in any namespace' : `in namespace "${namespace}"`;
      if (result.references.length === 0) throw new InputError(`${target.kind === 'Secret' ? 'secrets' : 'configmaps'} "${target.name}" not found ${where}`);
      this.warnLine(`${target.kind} ${target.name} does not exist ${where}; showing what refers to it`);
    }
    for (const problem of result.problems) this.warnLine(describeValueProblem(problem));
    // Optional references are missing by design: reported, but they do not fail a pipeline.
    if (flags.fail && result.summary.danglingRequired > 0) this.found();
    return this.emit(result, common, (out) => {
      const text = renderRefs(result, out);
      if (text) out.print(text);
    });
  }
}

function parseTarget(argument: string): {kind: 'Secret' | 'ConfigMap'; name: string} {
  const slash = argument.indexOf('/');
  const type = slash > 0 ? new ResourceCatalog().find(argument.slice(0, slash)) : undefined;
  if (!type || (type.kind !== 'Secret' && type.kind !== 'ConfigMap') || slash === argument.length - 1) {
    throw new UsageError(`expected secret/NAME or configmap/NAME, got "${argument}"`);
  }
  return {kind: type.kind, name: argument.slice(slash + 1)};
}
