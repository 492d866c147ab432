// Expected reachability stated the upstream way (kubernetes test/e2e/network/netpol/
// truthtable.go and reachability.go): a default for every pod pair, then overrides by peer
// (an empty namespace or pod is a wildcard). Comparing with the engine gives a third table,
// printed with `.` for agreement and `X` for disagreement. Loopback is ignored as upstream
// does (ignoreLoopback); the engine's own rule for it (always allowed) is checked apart.

export interface PeerPattern {
  namespace?: string;
  pod?: string;
}

export class TruthTable {
  readonly pods: string[];
  private readonly values = new Map<string, boolean>();

  constructor(pods: string[], defaultValue: boolean) {
    this.pods = pods;
    for (const from of pods) for (const to of pods) this.values.set(`${from}>${to}`, defaultValue);
  }

  expect(from: string, to: string, value: boolean): this {
    this.values.set(`${from}>${to}`, value);
    return this;
  }

  expectPeer(from: PeerPattern, to: PeerPattern, value: boolean): this {
    for (const source of this.pods) {
      if (!matches(from, source)) continue;
      for (const destination of this.pods) if (matches(to, destination)) this.expect(source, destination, value);
    }
    return this;
  }

  expectAllIngress(pod: string, value: boolean): this {
    for (const source of this.pods) this.expect(source, pod, value);
    return this;
  }

  expectAllEgress(pod: string, value: boolean): this {
    for (const destination of this.pods) this.expect(pod, destination, value);
    return this;
  }

  get(from: string, to: string): boolean {
    return this.values.get(`${from}>${to}`)!;
  }

  /** The grid with `.`/`X` per pair, rows sources; undefined when everything agrees. */
  diff(actual: (from: string, to: string) => boolean): string | undefined {
    let wrong = 0;
    const width = Math.max(...this.pods.map((pod) => pod.length));
    const lines = [`${' '.repeat(width)} ${this.pods.map((pod) => pod.padEnd(width)).join(' ')}`];
    for (const from of this.pods) {
      const cells = this.pods.map((to) => {
        if (from === to) return '.'.padEnd(width);
        const same = actual(from, to) === this.get(from, to);
        if (!same) wrong++;
        return (same ? '.' : 'X').padEnd(width);
      });
      lines.push(`${from.padEnd(width)} ${cells.join(' ')}`);
    }
    if (wrong === 0) return undefined;
    const expected = this.render((from, to) => this.get(from, to));
    const observed = this.render(actual);
    return `${wrong} pair(s) differ (X), rows are sources:\n${lines.join('\n')}\n\nexpected:\n${expected}\n\nengine:\n${observed}`;
  }

  render(value: (from: string, to: string) => boolean): string {
    const width = Math.max(...this.pods.map((pod) => pod.length));
    const lines = [`${' '.repeat(width)} ${this.pods.map((pod) => pod.padEnd(width)).join(' ')}`];
    for (const from of this.pods) {
      lines.push(`${from.padEnd(width)} ${this.pods.map((to) => (value(from, to) ? '.' : 'X').padEnd(width)).join(' ')}`);
    }
    return lines.join('\n');
  }
}

function matches(pattern: PeerPattern, pod: string): boolean {
  const [namespace, name] = pod.split('/');
  return (pattern.namespace === undefined || pattern.namespace === namespace) && (pattern.pod === undefined || pattern.pod === name);
}
