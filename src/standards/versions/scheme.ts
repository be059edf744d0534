/**
 * The one interface every ecosystem's version ordering implements, and the errors it reports.
 * A scheme turns text into a comparable value once (`parse`), then orders values cheaply (`compare`).
 */
import { fail, type Result, type StandardsIssue } from "../result.ts";

/** Result of a comparison: -1 when a < b, 0 when they are equal in the ecosystem's order, 1 when a > b. */
export type Ordering = -1 | 0 | 1;

/** Stable error codes of `standards/versions`. */
export type VersionErrorCode =
  | "versions.empty"
  | "versions.invalid_version"
  | "versions.unknown_ecosystem"
  | "versions.unordered_ecosystem"
  | "versions.missing_inner_ecosystem"
  | "versions.unknown_purl_type"
  | "versions.osv_invalid_event"
  | "versions.osv_missing_introduced"
  | "versions.osv_unknown_range_type";

/** A problem reported by this area; `code` is always one of {@link VersionErrorCode}. */
export interface VersionError extends StandardsIssue {
  code: VersionErrorCode;
}

/**
 * Version ordering of one ecosystem (or of a family of ecosystems that share rules, such as RPM).
 * `V` is the scheme's parsed form; values of one scheme are only ever compared with each other.
 */
export interface VersionScheme<V = unknown> {
  /** Short stable name of the rules, e.g. `semver`, `pep440`, `debian`, `rpm`. */
  readonly name: string;
  /** Reads a version; an input the ecosystem cannot order is a `versions.*` error, never a throw. */
  parse(text: string): Result<V>;
  /** Orders two parsed versions. */
  compare(a: V, b: V): Ordering;
  /** Canonical text of a parsed version: `parse(format(v))` compares equal to `v`, and `format` is idempotent. */
  format(version: V): string;
}

/** Builds the error a scheme returns for text it cannot read. */
export function invalidVersion<T = never>(scheme: string, text: string, why: string): Result<T> {
  return fail("versions.invalid_version", `${JSON.stringify(text)} is not a valid ${scheme} version: ${why}.`);
}

/** Builds the error for an empty (or blank) version string, which no ecosystem accepts. */
export function emptyVersion<T = never>(scheme: string): Result<T> {
  return fail("versions.empty", `An empty string is not a ${scheme} version.`);
}

/** The error for text a scheme cannot read: `versions.empty` when it is blank, else `versions.invalid_version`. */
export function unreadable<T = never>(scheme: string, text: string, why: string): Result<T> {
  return text.trim() === "" ? emptyVersion(scheme) : invalidVersion(scheme, text, why);
}

/** Parses both strings with `scheme` and compares them; the first parse error wins. */
export function compareText<V>(scheme: VersionScheme<V>, a: string, b: string): Result<Ordering> {
  const left = scheme.parse(a);
  if (!left.ok) return left;
  const right = scheme.parse(b);
  if (!right.ok) return right;
  return { ok: true, value: scheme.compare(left.value, right.value) };
}
