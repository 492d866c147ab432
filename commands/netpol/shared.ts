// Flags and helpers the netpol subcommands share.

import {Flags} from '@oclif/core';
import {UsageError} from '../../src/errors.ts';
import {compileProtocol, compilePortValue} from '../../src/netpol/policy.ts';
import type {NetpolSnapshot} from '../../src/netpol/snapshot.ts';
import type {Endpoint, Protocol} from '../../src/netpol/types.ts';

export const portFlags = {
  port: Flags.string({char: 'p', helpGroup: 'FLOW', description: 'Destination port: a number or a container port name (a service port for svc/NAME).'}),
  protocol: Flags.string({helpGroup: 'FLOW', description: 'TCP (default), UDP or SCTP.'}),
};

export function readPort(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  try {
    return compilePortValue(value, {field: '--port'});
  } catch (error) {
    throw new UsageError(`invalid --port "${value}": ${(error as Error).message.replace(/^field --port: /, '')}`);
  }
}

export function readProtocol(value: string | undefined): Protocol | undefined {
  if (value === undefined) return undefined;
  try {
    return compileProtocol(value.toUpperCase(), {field: '--protocol'});
  } catch {
    throw new UsageError(`invalid --protocol "${value}": use TCP, UDP or SCTP`);
  }
}

/** The endpoint a verdict names: a pod of the snapshot, else a host outside the pod network. */
export function endpointById(snapshot: NetpolSnapshot, id: string): Endpoint {
  return snapshot.pods.find((pod) => pod.id === id) ?? {kind: 'external', id, ip: id};
}
