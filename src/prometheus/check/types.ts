// Findings of `monitor check`: what is wrong, where (file:line:column, job), and how to fix it.
export type CheckSeverity = 'error' | 'warning';

export interface CheckFinding {
  severity: CheckSeverity;
  /** config (what promtool would reject), serviceaccount, rbac, tls. */
  check: 'config' | 'serviceaccount' | 'rbac' | 'tls';
  message: string;
  file?: string;
  line?: number;
  column?: number;
  job?: string;
  hint?: string;
}

export interface CheckResult {
  config: string;
  prometheusVersion: string;
  /** The Prometheus server whose service account and mounts were checked. */
  server?: string;
  findings: CheckFinding[];
  /** Checks that could not run, and why. */
  skipped: string[];
}
