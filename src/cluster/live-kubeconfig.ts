// Chooses the cluster, user and namespace as kubectl does, from the kubeconfig files and the
// connection flags. Parsing, credentials (tokens, client certificates, exec plugins, token files)
// and in-cluster config are @kubernetes/client-node's; this file only applies kubectl's rules for
// merging KUBECONFIG lists and for flag overrides on top of the chosen context.

import {existsSync} from 'node:fs';
import {delimiter} from 'node:path';
import {KubeConfig} from '@kubernetes/client-node/dist/config.js';
import type {Cluster, Context, User} from '@kubernetes/client-node/dist/config_types.js';
import {ClusterError, InputError, UsageError} from '../errors.ts';
import type {LiveOptions} from './live-options.ts';

// What client-node's loadFromDefault calls the context it makes up for http://localhost:8080.
const fallbackContext = 'loaded-context';

export interface ResolvedConfig {
  /** A KubeConfig holding exactly one context: the chosen cluster and user with flags applied. */
  kubeConfig: KubeConfig;
  server: string;
  /** The context name as the user knows it ("" when flags alone named the server). */
  contextName: string;
  defaultNamespace: string;
  /** Where the configuration came from, for hints: "KUBECONFIG=a:b", "/root/.kube/config", "in-cluster". */
  origin: string;
}

/** Reads the kubeconfig the way kubectl would for these flags; throws InputError/UsageError on bad config. */
export function resolveKubeConfig(options: LiveOptions, env: NodeJS.ProcessEnv = process.env): ResolvedConfig {
  const {config, origin} = loadConfig(options, env);

  const contextName = options.context ?? config.getCurrentContext() ?? '';
  let context: Context | null = null;
  if (contextName) {
    context = config.getContextObject(contextName);
    if (!context && options.context !== undefined) {
      throw new UsageError(`context "${options.context}" does not exist in ${origin}`, {
        hint: 'list the contexts with `kubectl config get-contexts`',
      });
    }
  }

  const clusterName = options.cluster ?? context?.cluster;
  let cluster: Cluster | null = clusterName ? config.getCluster(clusterName) : null;
  if (options.cluster !== undefined && !cluster) {
    throw new UsageError(`cluster "${options.cluster}" does not exist in ${origin}`, {hint: 'list the clusters with `kubectl config get-clusters`'});
  }
  const userName = options.user ?? context?.user;
  let user: User | null = userName ? config.getUser(userName) : null;
  if (options.user !== undefined && !user) {
    throw new UsageError(`user "${options.user}" does not exist in ${origin}`, {hint: 'list the users with `kubectl config get-users`'});
  }

  // kubectl takes "host:port" for https://host:port
  const given = options.server ?? cluster?.server;
  const server = given && !/^[a-z][a-z0-9+.-]*:\/\//i.test(given) ? `https://${given}` : given;
  if (!server) {
    const why = contextName ? `context "${contextName}" names no cluster with a server` : 'there is no current context';
    throw new ClusterError(`no cluster to connect to: ${why} in ${origin}`, {
      hint: 'choose one with --context, or give --server (and --token)',
    });
  }
  cluster = overrideCluster(cluster, server, options);
  user = overrideUser(user, options);

  const kubeConfig = new KubeConfig();
  const chosenContext: Context = {name: 'kubesleuth', cluster: cluster.name, user: user.name, namespace: context?.namespace};
  kubeConfig.loadFromOptions({clusters: [cluster], users: [user], contexts: [chosenContext], currentContext: chosenContext.name});

  return {
    kubeConfig,
    server: cluster.server,
    // client-node's stand-in context when there is no kubeconfig at all is nothing the user named
    contextName: contextName === fallbackContext && options.context === undefined ? '' : contextName,
    defaultNamespace: options.namespace || context?.namespace || 'default',
    origin,
  };
}

function overrideCluster(cluster: Cluster | null, server: string, options: LiveOptions): Cluster {
  const chosen: Cluster = {...(cluster ?? {name: 'flags', skipTLSVerify: false, server}), server};
  if (options.insecureSkipTlsVerify) {
    // kubectl drops the CA when told not to verify; client-node would otherwise still pass it on
    return {...chosen, skipTLSVerify: true, caData: undefined, caFile: undefined};
  }
  // client-node refuses plain http unless verification is off; there is nothing to verify on http
  if (server.startsWith('http:')) return {...chosen, skipTLSVerify: true};
  return chosen;
}

function overrideUser(user: User | null, options: LiveOptions): User {
  const chosen: User = {...(user ?? {name: 'flags'})};
  if (options.token !== undefined) {
    // --token replaces the user's own way of getting a bearer token; client certificates stay
    return {...chosen, token: options.token, exec: undefined, authProvider: undefined, username: undefined, password: undefined};
  }
  return chosen;
}

function loadConfig(options: LiveOptions, env: NodeJS.ProcessEnv): {config: KubeConfig; origin: string} {
  if (options.kubeconfig) {
    if (!existsSync(options.kubeconfig)) {
      throw new InputError('the kubeconfig file does not exist', {file: options.kubeconfig}, {hint: 'check --kubeconfig'});
    }
    return {config: loadFile(options.kubeconfig), origin: options.kubeconfig};
  }
  const list = env.KUBECONFIG;
  if (list) {
    // kubectl's merge: files that do not exist are skipped, the first file to set a name wins,
    // and the first current-context set wins
    const merged = new KubeConfig();
    merged.loadFromOptions({clusters: [], users: [], contexts: [], currentContext: undefined});
    for (const file of list.split(delimiter).filter((name) => name !== '' && existsSync(name))) {
      const config = loadFile(file);
      for (const cluster of config.getClusters()) if (!merged.getCluster(cluster.name)) merged.addCluster(cluster);
      for (const user of config.getUsers()) if (!merged.getUser(user.name)) merged.addUser(user);
      for (const context of config.getContexts()) if (!merged.getContextObject(context.name)) merged.addContext(context);
      if (!merged.getCurrentContext() && config.getCurrentContext()) merged.setCurrentContext(config.getCurrentContext());
    }
    return {config: merged, origin: `KUBECONFIG=${list}`};
  }
  const config = new KubeConfig();
  try {
    config.loadFromDefault();
  } catch (error) {
    throw kubeconfigError(error, process.env.KUBECONFIG || '~/.kube/config');
  }
  const origin = config.getCurrentContext() === 'inClusterContext' ? 'the in-cluster service account' :
    config.getCurrentContext() === fallbackContext ? 'the default (no kubeconfig found: KUBECONFIG is unset and ~/.kube/config is missing)' :
    '~/.kube/config';
  return {config, origin};
}

function loadFile(file: string): KubeConfig {
  const config = new KubeConfig();
  try {
    config.loadFromFile(file);
  } catch (error) {
    throw kubeconfigError(error, file);
  }
  return config;
}

/**
 * The YAML parser's messages quote the lines around a syntax error, and a kubeconfig's lines
 * hold tokens and keys: name the place and the reason only.
 */
function kubeconfigError(error: unknown, file: string): InputError {
  const yamlError = error as {reason?: string; mark?: {line: number; column: number}; message?: string};
  if (yamlError.reason && yamlError.mark) {
    return new InputError(`not a valid kubeconfig: ${yamlError.reason}`, {file, line: yamlError.mark.line + 1, column: yamlError.mark.column + 1});
  }
  const firstLine = String(yamlError.message ?? error).split('\n')[0];
  return new InputError(`not a valid kubeconfig: ${firstLine}`, {file});
}
