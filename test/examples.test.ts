// The bundled examples stay consistent with each other.

import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {ManifestSource} from '../src/cluster/manifest-source.ts';
import {root} from './integration/helpers.ts';

test('examples/prometheus-config/prometheus.yml is the ConfigMap\'s prometheus.yml', () => {
  const source = ManifestSource.fromPaths([join(root, 'examples', 'prometheus')]);
  const configMap = source.allObjects().find((object) => object.kind === 'ConfigMap' && object.metadata.name === 'prometheus-server');
  const file = readFileSync(join(root, 'examples', 'prometheus-config', 'prometheus.yml'), 'utf8');
  const withoutComments = file.split('\n').filter((line) => !line.startsWith('#')).join('\n');
  expect(withoutComments).toBe(configMap?.data['prometheus.yml']);
});

test.each(['netpol-tutorial', 'prometheus', 'consumers', 'rbac', 'tree'])('examples/%s reads as manifests', (name) => {
  expect(ManifestSource.fromPaths([join(root, 'examples', name)]).allObjects().length).toBeGreaterThan(0);
});
