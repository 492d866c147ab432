// kubectl rbac: who may do this, may this subject do it, what may it do, and which RBAC
// objects are broken or risky, decided as the API server's RBAC authorizer decides.

import type {PluginDefinition} from '../cli/plugin.ts';
import RbacAccess from './access.ts';
import RbacCanI from './can-i.ts';
import RbacLint from './lint.ts';
import RbacWhoCan from './who-can.ts';

const plugin: PluginDefinition = {
  name: 'rbac',
  summary: 'Who may do this, may this user do it, what may they do, and which RBAC objects are broken? With the binding and rule behind each answer.',
  description: 'Answers as the API server\'s RBAC authorizer would, from a live cluster or, with -f, from manifests.',
  commands: {
    'who-can': RbacWhoCan,
    'can-i': RbacCanI,
    access: RbacAccess,
    lint: RbacLint,
  },
};

export default plugin;
