// kubectl inspect: what is in this Secret or ConfigMap, is this certificate about to expire, and
// who uses what. Values are never shown unless --reveal asks.

import type {PluginDefinition} from '../cli/plugin.ts';
import InspectCerts from './certs.ts';
import InspectConfigMap from './configmap.ts';
import InspectRefs from './refs.ts';
import InspectSecret from './secret.ts';

const plugin: PluginDefinition = {
  name: 'inspect',
  summary: 'What is in this Secret or ConfigMap, is its certificate about to expire, and who uses it?',
  description: 'Decodes Secrets and ConfigMaps without printing values (unless --reveal), checks certificates and keys, and traces references from pods and workloads. Works on live clusters and, with -f, on manifests.',
  commands: {
    secret: InspectSecret,
    configmap: InspectConfigMap,
    refs: InspectRefs,
    certs: InspectCerts,
  },
};

export default plugin;
