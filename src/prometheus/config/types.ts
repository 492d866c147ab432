// A loaded Prometheus configuration: per scrape job, its target defaults, relabel rules, service
// discovery and the HTTP settings a scrape (or a check of it) needs.
import type {KubernetesSdConfig, TargetGroup} from '../discovery/types.ts';
import type {RelabelRule} from '../rules.ts';
import type {JobDefaults} from '../target.ts';

export interface TlsSettings {
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  serverName?: string;
  insecureSkipVerify: boolean;
  /** Inline PEM given with `ca`. */
  ca?: string;
}

export interface HttpSettings {
  tls: TlsSettings;
  bearerTokenFile?: string;
  bearerToken?: boolean;
  authorization?: {type: string; credentialsFile?: string; credentials?: boolean};
  basicAuth?: {username: string; passwordFile?: string; password?: boolean};
}

export interface ScrapeJob {
  /** Position in scrape_configs. */
  index: number;
  name: string;
  line: number;
  defaults: JobDefaults;
  rules: RelabelRule[];
  kubernetesSdConfigs: Array<KubernetesSdConfig & {line: number; http: HttpSettings}>;
  staticConfigs: TargetGroup[];
  fileSdFiles: string[];
  /** http_sd_configs and other SD mechanisms the simulation does not run, by name. */
  otherSd: string[];
  http: HttpSettings;
}

export interface PrometheusConfig {
  /** Where it was read from: a path, `configmap/NS/NAME:KEY`, `secret/NS/NAME:KEY`. */
  origin: string;
  text: string;
  jobs: ScrapeJob[];
}
