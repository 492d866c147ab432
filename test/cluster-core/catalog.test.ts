import {pluralize, ResourceCatalog, typesFromCustomResourceDefinitions} from '../../src/cluster/catalog.ts';
import {UsageError} from '../../src/errors.ts';

// What kubectl's RESTMapper resolves these names to (kubectl get NAME on a 1.31 cluster).
const catalog = new ResourceCatalog();

test.each([
  ['short name', 'deploy', 'apps', 'Deployment'],
  ['plural', 'deployments', 'apps', 'Deployment'],
  ['singular', 'deployment', 'apps', 'Deployment'],
  ['kind', 'Deployment', 'apps', 'Deployment'],
  ['group-qualified plural', 'deployments.apps', 'apps', 'Deployment'],
  ['version and group', 'deployments.v1.apps', 'apps', 'Deployment'],
  ['core short name', 'svc', '', 'Service'],
  ['configmap short name', 'cm', '', 'ConfigMap'],
  ['serviceaccount', 'sa', '', 'ServiceAccount'],
  ['networkpolicy short name', 'netpol', 'networking.k8s.io', 'NetworkPolicy'],
  ['events prefer the core group', 'events', '', 'Event'],
  ['events.events.k8s.io', 'events.events.k8s.io', 'events.k8s.io', 'Event'],
  ['partial group', 'ingresses.networking', 'networking.k8s.io', 'Ingress'],
  ['statefulset', 'sts', 'apps', 'StatefulSet'],
  ['crd', 'crd', 'apiextensions.k8s.io', 'CustomResourceDefinition'],
])('%s: %s', (_name, input, group, kind) => {
  const type = catalog.resolve(input);
  expect([type.group, type.kind]).toEqual([group, kind]);
});

test('unknown names are a usage error in kubectl words', () => {
  expect(() => catalog.resolve('nosuchthing')).toThrow(UsageError);
  expect(() => catalog.resolve('nosuchthing')).toThrow('the server doesn\'t have a resource type "nosuchthing"');
});

test('custom resource definitions extend the catalog', () => {
  const types = typesFromCustomResourceDefinitions([{
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: {name: 'widgets.example.com'},
    spec: {group: 'example.com', scope: 'Cluster', names: {kind: 'Widget', plural: 'widgets', singular: 'widget', shortNames: ['wd']},
      versions: [{name: 'v1beta1', served: true}, {name: 'v1', served: true, storage: true}]},
  }]);
  const extended = catalog.with(types);
  expect(extended.resolve('wd')).toMatchObject({kind: 'Widget', group: 'example.com', version: 'v1', namespaced: false});
});

test.each([
  ['policy', 'policies'], ['ingress', 'ingresses'], ['gateway', 'gateways'], ['key', 'keys'], ['pod', 'pods'],
])('pluralize %s', (singular, plural) => expect(pluralize(singular)).toBe(plural));
