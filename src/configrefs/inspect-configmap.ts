// `kubectl inspect configmap`: every key of one ConfigMap (`data` and `binaryData`) with its
// size, detected format and a syntax check that points at the line of an error.

import type {KubeObject} from '../cluster/types.ts';
import {decodeConfigMap, type DecodeOptions} from './decode.ts';
import {describeValue, type KeyView, type ViewOptions} from './values.ts';

export interface ConfigMapView {
  kind: 'ConfigMap';
  name: string;
  namespace?: string;
  immutable: boolean;
  keys: KeyView[];
  /** One line per syntax problem: "key line N: what". */
  problems: string[];
  revealed: boolean;
}

export function inspectConfigMap(configMap: KubeObject, options: ViewOptions, decode: DecodeOptions = {}): ConfigMapView {
  const keys = decodeConfigMap(configMap, decode).map((value) => describeValue(value, options));
  const problems: string[] = [];
  for (const key of keys) {
    for (const problem of key.problems) {
      problems.push(`${key.key} line ${problem.line}${problem.column !== undefined ? `, column ${problem.column}` : ''}: ${problem.message}`);
    }
  }
  return {
    kind: 'ConfigMap',
    name: configMap.metadata.name,
    namespace: configMap.metadata.namespace,
    immutable: configMap.immutable === true,
    keys,
    problems,
    revealed: options.reveal,
  };
}
