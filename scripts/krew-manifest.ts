// krew plugin manifests (krew.googlecode.com/v1alpha2 Plugin) and the checks krew's own
// validation applies to them (sigs.k8s.io/krew pkg/index/validation).

import {stringify} from 'yaml';
import type {ReleaseTarget} from './release-targets.ts';

export const homepage = 'https://github.com/kubesleuth/kubesleuth';

export interface ManifestPlatform {
  target: ReleaseTarget;
  uri: string;
  sha256: string;
  bin: string;
}

export interface PluginManifestInput {
  name: string;
  version: string;
  shortDescription: string;
  description: string;
  platforms: ManifestPlatform[];
}

export function pluginManifest(input: PluginManifestInput): string {
  const manifest = {
    apiVersion: 'krew.googlecode.com/v1alpha2',
    kind: 'Plugin',
    metadata: {name: input.name},
    spec: {
      version: `v${input.version}`,
      homepage,
      shortDescription: input.shortDescription,
      description: input.description,
      platforms: input.platforms.map(({target, uri, sha256, bin}) => ({
        selector: {matchLabels: {os: target.os, arch: target.arch}},
        uri,
        sha256,
        files: [{from: bin, to: '.'}, {from: 'LICENSE', to: '.'}],
        bin,
      })),
    },
  };
  return stringify(manifest, {lineWidth: 0});
}

/** The problems krew would report for a manifest; empty when it would accept it. */
export function validatePluginManifest(manifest: any, fileName: string): string[] {
  const problems: string[] = [];
  const name = manifest?.metadata?.name;
  if (manifest?.apiVersion !== 'krew.googlecode.com/v1alpha2') problems.push('apiVersion must be krew.googlecode.com/v1alpha2');
  if (manifest?.kind !== 'Plugin') problems.push('kind must be Plugin');
  if (typeof name !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(name) || name.startsWith('kubectl-')) problems.push(`invalid plugin name ${name}`);
  if (fileName !== `${name}.yaml`) problems.push(`file name ${fileName} does not match the plugin name ${name}`);
  const spec = manifest?.spec ?? {};
  if (!/^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(spec.version ?? '')) problems.push(`version ${spec.version} is not a v-prefixed semantic version`);
  if (!spec.shortDescription) problems.push('shortDescription is empty');
  if (!Array.isArray(spec.platforms) || spec.platforms.length === 0) problems.push('no platforms');
  for (const [index, platform] of (spec.platforms ?? []).entries()) {
    const where = `platforms[${index}]`;
    if (!platform.selector) problems.push(`${where}: selector is missing`);
    if (!/^https:\/\//.test(platform.uri ?? '')) problems.push(`${where}: uri must be https`);
    if (!/\.(tar\.gz|tgz|zip)$/.test(platform.uri ?? '')) problems.push(`${where}: uri must name a .tar.gz or .zip archive`);
    if (!/^[0-9a-f]{64}$/.test(platform.sha256 ?? '')) problems.push(`${where}: sha256 is not 64 lower-case hex digits`);
    if (!platform.bin) problems.push(`${where}: bin is missing`);
    const os = platform.selector?.matchLabels?.os;
    if (os === 'windows' && !String(platform.bin).endsWith('.exe')) problems.push(`${where}: a windows bin must end in .exe`);
    for (const file of platform.files ?? []) {
      if (!file.from || !file.to) problems.push(`${where}: files entries need from and to`);
      if (String(file.to).split('/').includes('..')) problems.push(`${where}: files must not leave the install directory`);
    }
  }
  return problems;
}
