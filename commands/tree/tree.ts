// kubectl tree KIND NAME (or KIND/NAME): flags in, collect from the Source, the ownership engine,
// render out. `--up` walks to the owners instead, `--links` adds the relations that are not
// ownership.

import {Args, Flags} from '@oclif/core';
import {builtinResourceTypes} from '../../src/cluster/builtin-types.ts';
import {ResourceCatalog} from '../../src/cluster/catalog.ts';
import {answerTree} from '../../src/ownership/answer.ts';
import {collectTreeSnapshot, parseTreeTarget} from '../../src/ownership/collect.ts';
import {needsNamespaceColumn, renderTreeTable} from '../../src/ownership/render.ts';
import {defaultConditionTypes} from '../../src/ownership/status.ts';
import type {OwnerNode, TreeNode} from '../../src/ownership/types.ts';
import {SleuthCommand} from '../base.ts';
import type {CommonFlagValues} from '../common-flags.ts';

export default class TreeCommand extends SleuthCommand {
  static override summary = 'Show the objects an object owns (through ownerReferences) as a tree, with READY and REASON.';
  static override description = [
    'Lists every namespaced resource type of the object\'s namespace (every type, for a cluster-scoped object) in parallel,',
    'metadata only, and reads full objects only for the kinds in the tree. Types you may not list are skipped with a warning.',
    'READY and REASON come from conditions (Ready, Available, Complete, ...), pod phase and container states.',
    'With -A a namespaced object is looked for in every namespace (it must be in exactly one) and NAMESPACE is shown.',
  ].join(' ');
  static override examples = [
    'kubectl tree deployment web',
    'kubectl tree deploy/web -o wide',
    'kubectl tree pod web-5d8c7-x2x9q --up',
    'kubectl tree deploy/web --links',
    'kubectl tree node worker-1',
    'kubectl tree deploy web -A    # in whichever namespace holds it',
    'kubectl tree -f cluster-dump/ cronjob/backup -o json',
  ];
  /** Completion of the KIND argument (kubectl_complete-tree): the built-in types' singular names. */
  static argumentValues = [builtinResourceTypes.filter((type) => type.verbs.includes('list')).map((type) => type.singular).sort()];
  static override args = {
    kind: Args.string({description: 'Resource type (deployment, deploy, deployments.apps, a CRD kind), or KIND/NAME.'}),
    name: Args.string({description: 'Name of the object.'}),
  };
  static override flags = {
    up: Flags.boolean({char: 'u', description: 'Show the chain of owners from the object up to its root(s) instead ("who owns this pod?").'}),
    links: Flags.boolean({description: 'Add the relations that are not ownership: ServiceAccount, ConfigMaps, Secrets, claims and their volumes, Node, Services, Ingresses, NetworkPolicies, PodDisruptionBudgets.'}),
    'condition-types': Flags.string({description: `Condition types read for READY, first present wins (default ${defaultConditionTypes.join(',')}).`}),
  };

  async run(): Promise<TreeNode | OwnerNode> {
    const {args, flags} = await this.parse(TreeCommand);
    const common = flags as unknown as CommonFlagValues;
    this.outputFormat(common); // a bad -o fails before any reading
    const words = [args.kind, args.name].filter((word): word is string => word !== undefined);
    const source = await this.openSource(common);
    const catalog = new ResourceCatalog(await source.resourceTypes());
    const target = parseTreeTarget(words, catalog);
    const conditionTypes = flags['condition-types']?.split(',').map((type) => type.trim()).filter(Boolean);
    const snapshot = await collectTreeSnapshot(source, catalog, {
      ...target,
      namespace: common.namespace ?? source.defaultNamespace,
      allNamespaces: common['all-namespaces'],
      up: flags.up,
      links: flags.links && !flags.up,
      labelSelector: common.selector,
    });
    // The source warns once per skipped list; the snapshot's one warning names them all instead.
    const sourceWarnings = source.warnings.filter((warning) => !warning.endsWith('; left out'));
    for (const warning of [...sourceWarnings, ...snapshot.warnings]) this.warnLine(warning);
    const result = answerTree(snapshot, {up: flags.up, links: flags.links, conditionTypes, catalog});
    await this.emit(result, common, (out) => {
      out.print(renderTreeTable(result, {
        palette: out.palette,
        noHeaders: out.noHeaders,
        wide: out.wide,
        showNamespace: needsNamespaceColumn(result, common['all-namespaces']),
        links: flags.links && !flags.up,
      }));
      if (!flags.up && 'children' in result && result.children.length === 0) {
        process.stderr.write(`No resources are owned by ${result.kind}/${result.name} through ownerReferences.\n`);
      }
    });
    // A tree of thousands of pods outgrows a pipe's buffer; let it drain before anyone exits
    // (the entry ends with process.exit, which drops what is still queued).
    if (process.stdout.writableLength > 0) await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
    return result;
  }
}
