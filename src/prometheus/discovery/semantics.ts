// What changed in Kubernetes service discovery between Prometheus releases; each switch names the
// first release (checked against the tagged discovery/kubernetes sources) that behaves the new way.
import type {PrometheusVersion} from '../version.ts';
import {compareVersions, NEWEST_KNOWN} from '../version.ts';

export interface DiscoverySemantics {
  version: PrometheusVersion;
  /** 2.45: endpoints whose targetRef is a Node get that node's metadata when attach_metadata.node is set. */
  nodeMetadataFromTargetRef: boolean;
  /** 2.52: endpointslice targets carry `_endpoint_node_name` and `_endpoint_zone`. */
  endpointSliceNodeNameAndZone: boolean;
  /** 3.0: endpoints/endpointslice also match init containers' ports and set `_pod_container_init`. */
  endpointsInitContainers: boolean;
  /** 3.6: attach_metadata.namespace adds `__meta_kubernetes_namespace_label_*`/`_annotation_*`. */
  namespaceMetadata: boolean;
  /** 3.11: attach_metadata.deployment/job/cronjob; pods on nodes outside the node selector are left out;
   * extra container ports of a pod without IP are skipped; non-primary IP family slices of dual-stack services skipped. */
  workloadMetadata: boolean;
  /** 3.12: nodes carry `__meta_kubernetes_node_condition_*`. */
  nodeConditions: boolean;
  /**
   * Fill the defaults the API server would have written (port protocol TCP, service type ClusterIP), for
   * manifests that leave them out. Off for upstream's unit cases, whose fake client does not default.
   */
  apiDefaults: boolean;
}

function atLeast(v: PrometheusVersion, major: number, minor: number): boolean {
  return compareVersions(v, {major, minor}) >= 0;
}

export function discoverySemantics(version: PrometheusVersion = NEWEST_KNOWN, options: {apiDefaults?: boolean} = {}): DiscoverySemantics {
  return {
    apiDefaults: options.apiDefaults ?? true,
    version,
    nodeMetadataFromTargetRef: atLeast(version, 2, 45),
    endpointSliceNodeNameAndZone: atLeast(version, 2, 52),
    endpointsInitContainers: atLeast(version, 3, 0),
    namespaceMetadata: atLeast(version, 3, 6),
    workloadMetadata: atLeast(version, 3, 11),
    nodeConditions: atLeast(version, 3, 12),
  };
}
