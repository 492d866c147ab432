// The base of every subcommand: kubectl's Complete / Validate / Run shape. Subclasses parse
// their flags, ask `openSource` for state, call one engine and hand the result to `emit`.

import {Command} from '@oclif/core';
import {ManifestSource} from '../src/cluster/manifest-source.ts';
import type {Source} from '../src/cluster/types.ts';
import {UsageError} from '../src/errors.ts';
import {parseDuration} from '../src/kube/duration.ts';
import {parseLabelQuery} from '../src/kube/label-query.ts';
import {colourEnabled, makePalette, type Palette} from '../src/output/colour.ts';
import {formatStructured, parseOutputFormat, type OutputFormat} from '../src/output/format.ts';
import {commonFlags, type CommonFlagValues} from './common-flags.ts';

export interface TextContext {
  palette: Palette;
  noHeaders: boolean;
  wide: boolean;
  /** Write a line (or lines) to stdout. */
  print(text: string): void;
  /** Write a warning to stderr. */
  warn(text: string): void;
}

export interface SourceOptions {
  /** rbac can-i asks about the `--as` subject; it must not also connect as it. */
  impersonate?: boolean;
}

export abstract class SleuthCommand extends Command {
  static override baseFlags = commonFlags;

  /** Marks a finding ("denied", "no", lint findings): exit 1 unless something worse happens. */
  protected found(): void {
    if (!process.exitCode) process.exitCode = 1;
  }

  protected warnLine(text: string): void {
    process.stderr.write(`Warning: ${text}\n`);
  }

  /** `-n`, else all namespaces with `-A` (undefined), else the source's default namespace. */
  protected namespaceScope(flags: CommonFlagValues, source: Source): string | undefined {
    if (flags['all-namespaces']) return undefined;
    return flags.namespace ?? source.defaultNamespace;
  }

  /** Cluster state from `-f` manifests (never connecting), else the live cluster. */
  protected async openSource(flags: CommonFlagValues, options: SourceOptions = {}): Promise<Source> {
    // A bad -l is the user's to fix: say so here rather than as the server's 400 on some list.
    if (flags.selector) parseLabelQuery(flags.selector);
    if (flags.filename && flags.filename.length > 0) {
      return ManifestSource.fromPaths(flags.filename, {namespace: flags.namespace});
    }
    const requestTimeout = parseDuration(flags['request-timeout'], '--request-timeout');
    // Loaded only here: @kubernetes/client-node costs startup time that offline runs never pay.
    const {connectLive} = await import('../src/cluster/live.ts');
    const source = await connectLive({
      kubeconfig: flags.kubeconfig,
      context: flags.context,
      cluster: flags.cluster,
      user: flags.user,
      server: flags.server,
      token: flags.token,
      insecureSkipTlsVerify: flags['insecure-skip-tls-verify'],
      namespace: flags.namespace,
      requestTimeout,
      impersonateUser: options.impersonate === false ? undefined : flags.as,
      impersonateGroups: options.impersonate === false ? undefined : flags['as-group'],
      verbosity: flags.v,
      log: (line) => process.stderr.write(`${line}\n`),
    });
    return source;
  }

  protected outputFormat(flags: CommonFlagValues, allowWide = true): OutputFormat {
    return parseOutputFormat(flags.output, {allowWide});
  }

  /**
   * Prints `result` as the output flag asks: structured formats print the result itself,
   * text formats call `text`. Returns the result, so run() can return it.
   */
  protected async emit<T>(result: T, flags: CommonFlagValues, text: (context: TextContext) => void): Promise<T> {
    const format = this.outputFormat(flags);
    if (format.kind === 'text' || format.kind === 'wide') {
      const palette = makePalette(colourEnabled({noColor: flags['no-color'], env: process.env, isTTY: Boolean(process.stdout.isTTY)}));
      text({
        palette,
        noHeaders: flags['no-headers'],
        wide: format.kind === 'wide',
        print: (line) => process.stdout.write(line.endsWith('\n') ? line : `${line}\n`),
        warn: (line) => this.warnLine(line),
      });
    } else {
      process.stdout.write(await formatStructured(result, format));
    }
    return result;
  }

  protected requireArgument(value: string | undefined, what: string): string {
    if (!value) throw new UsageError(`${what} is required`, {hint: `see \`kubectl ${this.id?.replace(':', ' ')} --help\``});
    return value;
  }
}
