// Role ingress (discovery/kubernetes/ingress.go): one target per rule host and path; the scheme is
// https when a TLS entry's host (or wildcard) covers the rule's host.
import type {KubeObject} from '../../cluster/types.ts';
import type {Labels} from '../labels.ts';
import {ADDRESS_LABEL, addObjectMetaLabels, META, NAMESPACE_LABEL, namespaceMetaLabels} from './meta.ts';
import type {DiscoverySemantics} from './semantics.ts';
import type {TargetGroup} from './types.ts';

export function ingressLabels(ingress: KubeObject): Labels {
  const labels: Labels = {[NAMESPACE_LABEL]: ingress.metadata.namespace ?? ''};
  const className = ingress.spec?.ingressClassName;
  if (className !== undefined && className !== null) labels[`${META}ingress_class_name`] = String(className);
  addObjectMetaLabels(labels, ingress, 'ingress');
  return labels;
}

/** rulePaths + pathsFromIngressPaths: no http section means "/", an empty path is "/". */
function rulePaths(rule: Record<string, any>): string[] {
  if (rule.http === undefined || rule.http === null) return ['/'];
  return ((rule.http.paths as Array<{path?: string}> | undefined) ?? []).map((p) => (p.path ? p.path : '/'));
}

export function matchesHostnamePattern(pattern: string, host: string): boolean {
  if (pattern === host) return true;
  const patternParts = pattern.split('.');
  const hostParts = host.split('.');
  if (patternParts[0] !== '*') return false;
  if (patternParts.length !== hostParts.length) return false;
  for (let i = 1; i < patternParts.length; i++) if (patternParts[i] !== hostParts[i]) return false;
  return true;
}

export function buildIngress(ingress: KubeObject, semantics: DiscoverySemantics, options: {namespace?: KubeObject; attachNamespace?: boolean} = {}): TargetGroup {
  const group: TargetGroup = {source: `ingress/${ingress.metadata.namespace ?? ''}/${ingress.metadata.name}`, labels: ingressLabels(ingress), targets: []};
  if (options.attachNamespace && semantics.namespaceMetadata) Object.assign(group.labels, namespaceMetaLabels(options.namespace));
  const tlsHosts: string[] = [];
  for (const tls of ingress.spec?.tls ?? []) tlsHosts.push(...((tls.hosts as string[] | undefined) ?? []));
  for (const rule of ingress.spec?.rules ?? []) {
    const host = String(rule.host ?? '');
    const scheme = tlsHosts.some((pattern) => matchesHostnamePattern(pattern, host)) ? 'https' : 'http';
    for (const path of rulePaths(rule)) {
      group.targets.push({
        [ADDRESS_LABEL]: host,
        [`${META}ingress_scheme`]: scheme,
        [`${META}ingress_host`]: host,
        [`${META}ingress_path`]: path,
      });
    }
  }
  return group;
}
