/** CSAF `version_t`: integer versioning (`3`) or semantic versioning (`1.2.0-rc.1+build`). */

/** A parsed `version_t`. */
export type CsafVersion =
  | { kind: "integer"; text: string; major: string }
  | {
      kind: "semver";
      text: string;
      major: string;
      minor: string;
      patch: string;
      /** Pre-release identifiers, empty for a release. */
      prerelease: string[];
      /** Build metadata without the `+`, or undefined. */
      build: string | undefined;
    };

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

/** Parses a version string; undefined when it is neither integer nor semantic versioning. */
export function parseCsafVersion(text: string): CsafVersion | undefined {
  if (/^(0|[1-9]\d*)$/.test(text)) return { kind: "integer", text, major: text };
  const m = SEMVER.exec(text);
  if (m === null) return undefined;
  return {
    kind: "semver",
    text,
    major: m[1]!,
    minor: m[2]!,
    patch: m[3]!,
    prerelease: m[4] === undefined ? [] : m[4].split("."),
    build: m[5],
  };
}

/** Compares non-negative decimal integers given as digit strings without leading zeros (any length). */
function compareDigits(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareIdentifier(a: string, b: string): number {
  const numA = /^\d+$/.test(a);
  const numB = /^\d+$/.test(b);
  if (numA && numB) return compareDigits(a, b);
  if (numA !== numB) return numA ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Version precedence (build metadata ignored). Integer and semantic versions do not compare with each other
 * (test 6.1.30 reports such a mix); they are ordered by their major number then.
 */
export function compareCsafVersions(a: CsafVersion, b: CsafVersion): number {
  const major = compareDigits(a.major, b.major);
  if (major !== 0 || a.kind !== "semver" || b.kind !== "semver") return major;
  const minor = compareDigits(a.minor, b.minor);
  if (minor !== 0) return minor;
  const patch = compareDigits(a.patch, b.patch);
  if (patch !== 0) return patch;
  if (a.prerelease.length === 0 || b.prerelease.length === 0) return b.prerelease.length - a.prerelease.length;
  for (let i = 0; i < Math.min(a.prerelease.length, b.prerelease.length); i++) {
    const c = compareIdentifier(a.prerelease[i]!, b.prerelease[i]!);
    if (c !== 0) return c;
  }
  return a.prerelease.length - b.prerelease.length;
}

/** True when the version is `0` or `0.y.z`. */
export function isZeroVersion(v: CsafVersion): boolean {
  return v.major === "0";
}

/** True when the version has a pre-release part. */
export function hasPrerelease(v: CsafVersion): boolean {
  return v.kind === "semver" && v.prerelease.length > 0;
}
