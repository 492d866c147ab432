// kubectl monitor: what will Prometheus scrape, and why not that pod? Relabel dry runs, targets, checks.

import type {PluginDefinition} from '../cli/plugin.ts';
import MonitorRelabel from './relabel.ts';
import MonitorTargets from './targets.ts';
import MonitorCheck from './check.ts';

const plugin: PluginDefinition = {
  name: 'monitor',
  summary: 'What will Prometheus scrape, and why not that pod? Relabel dry runs, targets and config checks.',
  description: 'Follows one Prometheus version exactly (--prometheus-version), live or, with -f, from manifests.',
  commands: {
    relabel: MonitorRelabel,
    targets: MonitorTargets,
    check: MonitorCheck,
  },
};

export default plugin;
