// kubectl tree: the ownership tree of any object, from metadata.ownerReferences.

import type {PluginDefinition} from '../cli/plugin.ts';
import TreeCommand from './tree.ts';

const plugin: PluginDefinition = {
  name: 'tree',
  summary: 'What does this object own, and who owns it? The ownership tree of any object, with READY and REASON.',
  description: 'Built from ownerReferences for built-in kinds and custom resources alike, from a live cluster or, with -f, from manifests.',
  single: true,
  commands: {tree: TreeCommand},
};

export default plugin;
