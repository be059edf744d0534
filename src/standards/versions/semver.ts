/**
 * SemVer 2.0 precedence (semver.org §11), read leniently the way OSV data needs it: an optional leading
 * `v`, fewer than three release components (missing ones are 0) and more than three (compared as further
 * numeric components). Used by npm, crates.io, Go, Hex and the other SemVer ecosystems; NuGet and Pub
 * reuse the reader with their own twists (nuget.ts, pub.ts).
 */
import type { Result } from "../result.ts";
import { compareCodeUnits, compareNormalized, compareNumbers, compareZeroPadded, stripZeros } from "./numeric.ts";
import { type Ordering, unreadable, type VersionScheme } from "./scheme.ts";

/** One dot-separated pre-release or build identifier; numeric values have their leading zeros removed. */
export interface SemverIdentifier {
  readonly numeric: boolean;
  readonly value: string;
}

/** A parsed SemVer-like version. */
export interface SemverVersion {
  /** Release components as digit strings without leading zeros; always at least three. */
  readonly release: readonly string[];
  /** Pre-release identifiers; empty for a release. */
  readonly prerelease: readonly SemverIdentifier[];
  /** Build-metadata identifiers; ignored by SemVer precedence, ordered by Pub. */
  readonly build: readonly SemverIdentifier[];
}

/** Reader options: NuGet compares pre-release labels case-insensitively, so it folds them at parse time. */
export interface SemverReadOptions {
  readonly foldCase?: boolean;
}

function isIdentifierCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45;
}

/** Reads dot-separated identifiers from `start` up to `end` (exclusive); undefined when one is empty or bad. */
function readIdentifiers(text: string, start: number, end: number, foldCase: boolean): SemverIdentifier[] | undefined {
  const out: SemverIdentifier[] = [];
  let from = start;
  for (let i = start; i <= end; i++) {
    if (i < end && text.charCodeAt(i) !== 46) {
      if (!isIdentifierCode(text.charCodeAt(i))) return undefined;
      continue;
    }
    if (i === from) return undefined;
    const raw = text.slice(from, i);
    let numeric = true;
    for (let k = 0; k < raw.length && numeric; k++) numeric = raw.charCodeAt(k) >= 48 && raw.charCodeAt(k) <= 57;
    out.push(numeric ? { numeric, value: stripZeros(raw) } : { numeric, value: foldCase ? raw.toLowerCase() : raw });
    from = i + 1;
  }
  return out;
}

const NONE: readonly SemverIdentifier[] = Object.freeze([]);

/** The code unit at `k`, or -1 past the end (an out-of-bounds charCodeAt makes V8 deoptimize). */
function codeAt(text: string, k: number): number {
  return k < text.length ? text.charCodeAt(k) : -1;
}

/** Reads a SemVer-like version (see the module comment for what is tolerated beyond SemVer 2.0). */
export function readSemver(text: string, scheme: string, options?: SemverReadOptions): Result<SemverVersion> {
  const n = text.length;
  let i = codeAt(text, 0) === 118 ? 1 : 0; // optional "v"
  const release: string[] = [];
  for (;;) {
    const start = i;
    while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    if (i === start) return unreadable(scheme, text, "release components must be digits separated by dots");
    release.push(stripZeros(text.slice(start, i)));
    if (codeAt(text, i) !== 46) break;
    i++;
  }
  while (release.length < 3) release.push("0");
  const foldCase = options?.foldCase === true;
  let prerelease = NONE;
  let build = NONE;
  if (codeAt(text, i) === 45) {
    let end = text.indexOf("+", i + 1);
    if (end < 0) end = n;
    const ids = readIdentifiers(text, i + 1, end, foldCase);
    if (ids === undefined) return unreadable(scheme, text, "bad pre-release identifier");
    prerelease = ids;
    i = end;
  }
  if (codeAt(text, i) === 43) {
    const ids = readIdentifiers(text, i + 1, n, false);
    if (ids === undefined) return unreadable(scheme, text, "bad build identifier");
    build = ids;
    i = n;
  }
  if (i !== n) return unreadable(scheme, text, `unexpected ${JSON.stringify(text[i])}`);
  return { ok: true, value: { release, prerelease, build } };
}

/**
 * Orders identifier lists the SemVer way (§11.4): numeric identifiers numerically and below alphanumeric
 * ones, alphanumeric ones by ASCII order, and a list that is a prefix of the other first.
 */
export function compareIdentifiers(a: readonly SemverIdentifier[], b: readonly SemverIdentifier[]): Ordering {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as SemverIdentifier;
    const y = b[i] as SemverIdentifier;
    let r: Ordering;
    if (x.numeric && y.numeric) r = compareNormalized(x.value, y.value);
    else if (x.numeric !== y.numeric) r = x.numeric ? -1 : 1;
    else r = compareCodeUnits(x.value, y.value);
    if (r !== 0) return r;
  }
  return compareNumbers(a.length, b.length);
}

/** SemVer precedence: release components, then pre-release (a release sorts after its pre-releases). */
export function compareSemver(a: SemverVersion, b: SemverVersion): Ordering {
  const x = a.release;
  const y = b.release;
  if (x.length === 3 && y.length === 3) {
    // The common case, without padding.
    for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return compareNormalized(x[i] as string, y[i] as string);
  } else {
    const r = compareZeroPadded(x, y);
    if (r !== 0) return r;
  }
  if (a.prerelease.length === 0) return b.prerelease.length === 0 ? 0 : 1;
  if (b.prerelease.length === 0) return -1;
  return compareIdentifiers(a.prerelease, b.prerelease);
}

function joinIdentifiers(ids: readonly SemverIdentifier[]): string {
  return ids.map((id) => id.value).join(".");
}

/** Canonical text: no `v`, no leading zeros, at least three components and no trailing zero beyond the third. */
export function formatSemver(v: SemverVersion): string {
  let n = v.release.length;
  while (n > 3 && v.release[n - 1] === "0") n--;
  let text = v.release.slice(0, n).join(".");
  if (v.prerelease.length > 0) text += `-${joinIdentifiers(v.prerelease)}`;
  if (v.build.length > 0) text += `+${joinIdentifiers(v.build)}`;
  return text;
}

/** SemVer 2.0 ordering for npm, crates.io, Go, Hex, SwiftURL, Bitnami and the other SemVer ecosystems. */
export const semver: VersionScheme<SemverVersion> = {
  name: "semver",
  parse: (text) => readSemver(text, "SemVer"),
  compare: compareSemver,
  format: formatSemver,
};
