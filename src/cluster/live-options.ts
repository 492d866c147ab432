// What the live Source needs from kubectl's connection flags.

export interface LiveOptions {
  kubeconfig?: string;
  context?: string;
  cluster?: string;
  user?: string;
  server?: string;
  token?: string;
  insecureSkipTlsVerify?: boolean;
  /** `-n`; overrides the context's namespace. */
  namespace?: string;
  /** Milliseconds; 0 or undefined waits as long as the server takes. */
  requestTimeout?: number;
  /** `--as` / `--as-group`: impersonation headers on every request. */
  impersonateUser?: string;
  impersonateGroups?: string[];
  /** `-v`: 6 and above logs each request to `log`. */
  verbosity?: number;
  log?: (line: string) => void;
}
