// kubectl netpol: can A talk to B, and why (not)? NetworkPolicy connectivity as the specification defines it.

import type {PluginDefinition} from '../cli/plugin.ts';
import NetpolDiff from './diff.ts';
import NetpolExplain from './explain.ts';
import NetpolMatrix from './matrix.ts';
import NetpolTest from './test.ts';

const plugin: PluginDefinition = {
  name: 'netpol',
  summary: 'Can this pod talk to that one, and why (not)? NetworkPolicy tests, matrix, diff and explanations.',
  description: 'Answers from live clusters or, with -f, from manifests (rendered Helm or Kustomize output included).',
  commands: {
    test: NetpolTest,
    matrix: NetpolMatrix,
    diff: NetpolDiff,
    explain: NetpolExplain,
  },
};

export default plugin;
