// Completes package-lock.json with the platform-only optional packages (other OSes and CPUs)
// that this workplace's registry does not serve. npm leaves them out of the lockfile when it
// cannot fetch their manifests, and `npm ci` then refuses the lockfile as out of sync. The
// entries carry the os/cpu that the package names state, so npm skips them on other machines
// exactly as it would with the public registry's manifests. Run after `npm install`:
//
//   node scripts/lockfile-platforms.ts

import {readFileSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const lockPath = join(dirname(fileURLToPath(import.meta.url)), '..', 'package-lock.json');

const osNames: Record<string, string> = {darwin: 'darwin', linux: 'linux', win32: 'win32', freebsd: 'freebsd', android: 'android', openharmony: 'openharmony'};
const cpuNames: Record<string, string> = {arm64: 'arm64', x64: 'x64', ia32: 'ia32', arm: 'arm', ppc64: 'ppc64', s390x: 's390x', riscv64: 'riscv64', loong64: 'loong64'};

/** `@swc/core-linux-arm-gnueabihf` → {os: linux, cpu: arm}; undefined when the name does not say. */
export function platformOf(name: string): {os: string; cpu: string} | undefined {
  const parts = name.split('/').pop()!.split('-');
  const os = parts.find((part) => osNames[part]);
  const cpu = parts.find((part) => cpuNames[part]);
  return os && cpu ? {os: osNames[os], cpu: cpuNames[cpu]} : undefined;
}

export function completeLockfile(lock: any): string[] {
  const added: string[] = [];
  for (const [path, entry] of Object.entries<any>(lock.packages)) {
    for (const [name, version] of Object.entries<string>(entry.optionalDependencies ?? {})) {
      const base = path === '' ? 'node_modules' : `${path}/node_modules`;
      const candidates = [`${base}/${name}`, `node_modules/${name}`];
      if (candidates.some((candidate) => lock.packages[candidate])) continue;
      const platform = platformOf(name);
      if (!platform) continue;
      lock.packages[`node_modules/${name}`] = {version, dev: entry.dev, optional: true, os: [platform.os], cpu: [platform.cpu]};
      added.push(`${name}@${version}`);
    }
  }
  lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
  return added;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
  const added = completeLockfile(lock);
  writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
  process.stdout.write(added.length ? `added ${added.length} platform entries: ${added.join(', ')}\n` : 'lockfile complete\n');
}
