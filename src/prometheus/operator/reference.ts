// `--monitor KIND/NS/NAME`: which Prometheus Operator resource to explain.

import {UsageError} from '../../errors.ts';

export type MonitorKind = 'ServiceMonitor' | 'PodMonitor' | 'Probe' | 'ScrapeConfig';

export interface MonitorReference {
  kind: MonitorKind;
  namespace?: string;
  name: string;
}

// Plural, singular and short names, as kubectl resolves them for these CRDs.
const kindNames: Record<string, MonitorKind> = {
  servicemonitor: 'ServiceMonitor', servicemonitors: 'ServiceMonitor', smon: 'ServiceMonitor',
  podmonitor: 'PodMonitor', podmonitors: 'PodMonitor', pmon: 'PodMonitor',
  probe: 'Probe', probes: 'Probe', prb: 'Probe',
  scrapeconfig: 'ScrapeConfig', scrapeconfigs: 'ScrapeConfig', scfg: 'ScrapeConfig',
};

export function parseMonitorReference(text: string): MonitorReference {
  const parts = text.split('/');
  const kind = kindNames[parts[0]?.toLowerCase() ?? ''];
  if (!kind || parts.length < 2 || parts.length > 3 || parts.some((part) => part === '')) {
    throw new UsageError(`cannot read --monitor ${JSON.stringify(text)}: expected KIND/NS/NAME or KIND/NAME, KIND one of servicemonitor, podmonitor, probe, scrapeconfig`);
  }
  return parts.length === 3 ? {kind, namespace: parts[1], name: parts[2]} : {kind, name: parts[1]};
}
