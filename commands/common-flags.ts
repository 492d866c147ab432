// The flags every command takes, with kubectl's names and meanings (CONTRACT.md).

import {Flags} from '@oclif/core';

export const commonFlags = {
  // Not greedy: `-f dir deploy/web` leaves the arguments after the path alone.
  filename: Flags.string({char: 'f', multiple: true, multipleNonGreedy: true, delimiter: ',', helpGroup: 'INPUT',
    description: 'Read cluster state from manifests instead of a cluster: a file, a directory (recursively) or - for stdin. Repeatable; later objects replace earlier ones.'}),
  namespace: Flags.string({char: 'n', helpGroup: 'SCOPE', description: 'The namespace scope for this request.'}),
  'all-namespaces': Flags.boolean({char: 'A', helpGroup: 'SCOPE', description: 'Across all namespaces.'}),
  selector: Flags.string({char: 'l', helpGroup: 'SCOPE', description: 'Label selector to filter on, e.g. -l app=web,tier!=db.'}),
  output: Flags.string({char: 'o', helpGroup: 'OUTPUT', description: 'Output format: text, wide, json, yaml or jsonpath=TEMPLATE.'}),
  'no-headers': Flags.boolean({helpGroup: 'OUTPUT', description: 'Do not print table headers.'}),
  'no-color': Flags.boolean({helpGroup: 'OUTPUT', description: 'Plain output without colour (also NO_COLOR, or when stdout is not a terminal).'}),
  kubeconfig: Flags.string({helpGroup: 'CLUSTER', description: 'Path to the kubeconfig file to use.'}),
  context: Flags.string({helpGroup: 'CLUSTER', description: 'The kubeconfig context to use.'}),
  cluster: Flags.string({helpGroup: 'CLUSTER', description: 'The kubeconfig cluster to use.'}),
  user: Flags.string({helpGroup: 'CLUSTER', description: 'The kubeconfig user to use.'}),
  server: Flags.string({char: 's', helpGroup: 'CLUSTER', description: 'The address and port of the Kubernetes API server.'}),
  token: Flags.string({helpGroup: 'CLUSTER', description: 'Bearer token for authentication to the API server.'}),
  'insecure-skip-tls-verify': Flags.boolean({helpGroup: 'CLUSTER', description: 'Do not check the server certificate (insecure).'}),
  'request-timeout': Flags.string({helpGroup: 'CLUSTER', description: 'How long to wait for each request, e.g. 10s, 1m; 0 waits forever.', default: '0'}),
  as: Flags.string({helpGroup: 'CLUSTER', description: 'User to impersonate.'}),
  'as-group': Flags.string({multiple: true, multipleNonGreedy: true, helpGroup: 'CLUSTER', description: 'Group to impersonate; repeatable.'}),
  v: Flags.integer({char: 'v', helpGroup: 'CLUSTER', description: 'Log level: 6 logs every request to stderr.', default: 0}),
  debug: Flags.boolean({helpGroup: 'OUTPUT', description: 'Print stack traces of errors.'}),
  'install-completion': Flags.boolean({helpGroup: 'OUTPUT',
    description: 'Put the kubectl_complete companion beside this plugin so kubectl can complete its arguments.'}),
};

export interface CommonFlagValues {
  filename?: string[];
  namespace?: string;
  'all-namespaces': boolean;
  selector?: string;
  output?: string;
  'no-headers': boolean;
  'no-color': boolean;
  kubeconfig?: string;
  context?: string;
  cluster?: string;
  user?: string;
  server?: string;
  token?: string;
  'insecure-skip-tls-verify': boolean;
  'request-timeout': string;
  as?: string;
  'as-group'?: string[];
  v: number;
  debug: boolean;
}
