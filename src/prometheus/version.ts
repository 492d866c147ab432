// The Prometheus version model: which release's relabelling and target handling to reproduce.
// Every switch below names the upstream change it stands for (CHANGELOG.md, commit, PR).
import {UsageError} from '../errors.ts';

export interface PrometheusVersion {
  major: number;
  minor: number;
}

/** Oldest release whose semantics the suite reproduces (Debian bookworm's prometheus). */
export const OLDEST_SUPPORTED: PrometheusVersion = {major: 2, minor: 42};
/** Newest release the suite knows; the default when nothing else says which. */
export const NEWEST_KNOWN: PrometheusVersion = {major: 3, minor: 14};

export function formatVersion(v: PrometheusVersion): string {
  return `${v.major}.${v.minor}`;
}

export function compareVersions(a: PrometheusVersion, b: PrometheusVersion): number {
  return a.major - b.major || a.minor - b.minor;
}

function atLeast(v: PrometheusVersion, major: number, minor: number): boolean {
  return compareVersions(v, {major, minor}) >= 0;
}

/**
 * Reads `X.Y`, `X.Y.Z`, `vX.Y.Z` or an image tag such as `v2.42.0-debian`; patch releases share their
 * minor's semantics here, so defects that lived in one patch release only (2.43.0's Set-after-Del,
 * fixed in 2.43.1 by #12322; 3.9.0's keep/drop, fixed in 3.9.1 by #17807) are not reproduced.
 * Versions outside what the suite reproduces are a usage error.
 */
export function parsePrometheusVersion(text: string): PrometheusVersion {
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+].*)?$/.exec(text.trim());
  if (!match) throw new UsageError(`invalid Prometheus version ${JSON.stringify(text)}: expected X.Y such as 2.42 or ${formatVersion(NEWEST_KNOWN)}`);
  const version = {major: Number(match[1]), minor: Number(match[2])};
  if (compareVersions(version, OLDEST_SUPPORTED) < 0 || version.major > NEWEST_KNOWN.major) {
    throw new UsageError(
      `Prometheus ${formatVersion(version)} is not supported: the suite reproduces ${formatVersion(OLDEST_SUPPORTED)} to ${formatVersion(NEWEST_KNOWN)}`,
    );
  }
  // A newer 3.x minor than we know reads as the newest known one.
  if (compareVersions(version, NEWEST_KNOWN) > 0) return NEWEST_KNOWN;
  return version;
}

/** What changed between releases, as switches the engine reads. */
export interface RelabelSemantics {
  version: PrometheusVersion;
  /**
   * 3.0 (commit 5814920601, "optimize .* regexp performance") anchors rule regexes as `^(?s:...)$`,
   * so `.` also matches a newline; before, `^(?:...)$`.
   */
  dotAll: boolean;
  /** 3.0 (#14705, #15258): label names are UTF-8 by default; 2.x only allows [a-zA-Z_][a-zA-Z0-9_]*. */
  utf8Names: boolean;
  /** 3.2 (#15851): a `target_label` with `$` and a labelmap `replacement` are checked as UTF-8 names too. */
  utf8TemplateNames: boolean;
  /**
   * 2.50 (commits 2d4c367d87, 0289dd6157): a replace whose expanded target is invalid leaves the set
   * alone, and an empty result deletes the expanded target. Before, both deleted the label named by the
   * unexpanded `target_label` template, so `target_label: ${1}` never deleted anything.
   */
  replaceDeletesExpandedTarget: boolean;
  /**
   * 2.43 (commit 11d019ed5a, "keep intermediate results in labels.Builder"): labelmap/labeldrop/labelkeep
   * walk the builder (unchanged input labels, then labels set by earlier rules in the order they were
   * set) instead of the sorted result of the previous rule. Only visible when labelmap maps two labels
   * onto one name.
   */
  builderOrder: boolean;
  /** 3.0 (#14160): no default port is added to an address without one. */
  addDefaultPort: boolean;
  /** 3.0 (commit bd9129117e, "Target parameter labels should not be overridden by config params"). */
  paramsKeepTargetValue: boolean;
  /** 3.13 (#18840, commit 143643b563): per-target histogram settings as `__..._histograms...__` labels. */
  histogramLabels: boolean;
  /**
   * 3.x with `metric_name_validation_scheme: legacy` (global or per scrape config): legacy names, but
   * validated the 3.x way (lowercase/uppercase/keepequal/dropequal targets without $variables).
   */
  legacyScheme: boolean;
  /** prometheus/common 0.42 (in 2.43): durations parsed by a scanner with different error messages. */
  durationScanner: boolean;
  /** Go 1.22 accepts `(?<name>...)`; Prometheus 2.42 is built with an older Go that rejects it. */
  angleNamedGroups: boolean;
}

export function relabelSemantics(version: PrometheusVersion = NEWEST_KNOWN): RelabelSemantics {
  return {
    version,
    dotAll: atLeast(version, 3, 0),
    utf8Names: atLeast(version, 3, 0),
    utf8TemplateNames: atLeast(version, 3, 2),
    replaceDeletesExpandedTarget: atLeast(version, 2, 50),
    builderOrder: atLeast(version, 2, 43),
    addDefaultPort: !atLeast(version, 3, 0),
    paramsKeepTargetValue: atLeast(version, 3, 0),
    histogramLabels: atLeast(version, 3, 13),
    legacyScheme: false,
    durationScanner: atLeast(version, 2, 43),
    angleNamedGroups: atLeast(version, 2, 51),
  };
}

/** The semantics of a 3.x scrape config with `metric_name_validation_scheme: legacy`. */
export function withLegacyNameValidation(semantics: RelabelSemantics): RelabelSemantics {
  if (!semantics.utf8Names) return semantics;
  return {...semantics, utf8Names: false, utf8TemplateNames: false, legacyScheme: true};
}
