/**
 * Maven ordering, per the POM reference's "Version Order Specification" (as ComparableVersion behaves):
 * - the lower-cased text splits into tokens at `.`, `-` and digit/non-digit transitions (a transition
 *   counts as `-`); an empty token is `0`;
 * - `cr` is `rc`; `ga`, `final` and `release` are the empty qualifier; `a`, `b`, `m` directly followed by
 *   a digit are `alpha`, `beta`, `milestone`;
 * - trailing null tokens (`0`, empty qualifier) are trimmed, again before each remaining hyphen;
 * - tokens compare by kind `.qualifier` < `-qualifier` < `-number` < `.number`, then by value: numbers
 *   numerically, qualifiers alpha < beta < milestone < rc < snapshot < "" < sp < any other (by text);
 * - a missing token is 0 to a number and the empty qualifier to a qualifier.
 */
import type { Result } from "../result.ts";
import { compareCodeUnits, compareNormalized, compareNumbers, isDigitCode, reverse, stripZeros } from "./numeric.ts";
import { emptyVersion, type Ordering, type VersionScheme } from "./scheme.ts";

/** One Maven token. The first token of a version counts as `.`-prefixed. */
export interface MavenToken {
  readonly prefix: "." | "-";
  readonly numeric: boolean;
  /** Digits without leading zeros, or the normalized qualifier ("" for ga/final/release). */
  readonly value: string;
}

/** A parsed Maven version: its tokens after trimming. */
export interface MavenVersion {
  readonly tokens: readonly MavenToken[];
}

const QUALIFIERS: ReadonlyMap<string, number> = new Map([
  ["alpha", 0],
  ["beta", 1],
  ["milestone", 2],
  ["rc", 3],
  ["snapshot", 4],
  ["", 5],
  ["sp", 6],
]);
const UNKNOWN_QUALIFIER = 7;
const RELEASE = QUALIFIERS.get("") as number;
const ALIASES: ReadonlyMap<string, string> = new Map([
  ["cr", "rc"],
  ["ga", ""],
  ["final", ""],
  ["release", ""],
]);
const SHORT: ReadonlyMap<string, string> = new Map([
  ["a", "alpha"],
  ["b", "beta"],
  ["m", "milestone"],
]);

function isNull(t: MavenToken): boolean {
  return t.numeric ? t.value === "0" : t.value === "";
}

/** Splits one `.`/`-`-delimited piece at digit/non-digit transitions. */
function pushPiece(tokens: MavenToken[], piece: string, prefix: "." | "-"): void {
  if (piece === "") {
    tokens.push({ prefix, numeric: true, value: "0" });
    return;
  }
  let start = 0;
  let p = prefix;
  for (let i = 1; i <= piece.length; i++) {
    if (i < piece.length && isDigitCode(piece.charCodeAt(i)) === isDigitCode(piece.charCodeAt(i - 1))) continue;
    const raw = piece.slice(start, i);
    if (isDigitCode(raw.charCodeAt(0))) tokens.push({ prefix: p, numeric: true, value: stripZeros(raw) });
    else {
      const short = i < piece.length ? SHORT.get(raw) : undefined;
      tokens.push({ prefix: p, numeric: false, value: short ?? ALIASES.get(raw) ?? raw });
    }
    start = i;
    p = "-";
  }
}

/** Reads a Maven version; Maven orders any non-blank text. */
export function parseMaven(text: string): Result<MavenVersion> {
  if (text.trim() === "") return emptyVersion("Maven");
  const lower = text.toLowerCase();
  const tokens: MavenToken[] = [];
  let start = 0;
  let prefix: "." | "-" = ".";
  for (let i = 0; i <= lower.length; i++) {
    const ch = lower[i];
    if (i < lower.length && ch !== "." && ch !== "-") continue;
    pushPiece(tokens, lower.slice(start, i), prefix);
    prefix = ch === "-" ? "-" : ".";
    start = i + 1;
  }
  // Trim trailing nulls, then again in front of each remaining hyphen, walking back to the start.
  let i = tokens.length - 1;
  while (i > 0) {
    if (isNull(tokens[i] as MavenToken)) {
      tokens.splice(i, 1);
      i--;
      continue;
    }
    while (i >= 0 && tokens[i]?.prefix !== "-") i--;
    i--;
  }
  return { ok: true, value: { tokens } };
}

function qualifierRank(value: string): number {
  return QUALIFIERS.get(value) ?? UNKNOWN_QUALIFIER;
}

function compareQualifiers(a: string, b: string): Ordering {
  const ra = qualifierRank(a);
  const rb = qualifierRank(b);
  if (ra === UNKNOWN_QUALIFIER && rb === UNKNOWN_QUALIFIER) return compareCodeUnits(a, b);
  return compareNumbers(ra, rb);
}

function kind(t: MavenToken): number {
  if (t.numeric) return t.prefix === "-" ? 2 : 3;
  return t.prefix === "-" ? 1 : 0;
}

function compareTokens(a: MavenToken, b: MavenToken): Ordering {
  const r = compareNumbers(kind(a), kind(b));
  if (r !== 0) return r;
  return a.numeric ? compareNormalized(a.value, b.value) : compareQualifiers(a.value, b.value);
}

/** A token against the padding of a shorter version. */
function compareToMissing(t: MavenToken): Ordering {
  return t.numeric ? compareNormalized(t.value, "0") : compareNumbers(qualifierRank(t.value), RELEASE);
}

/** Orders two parsed Maven versions. */
export function compareMaven(a: MavenVersion, b: MavenVersion): Ordering {
  const n = Math.max(a.tokens.length, b.tokens.length);
  for (let k = 0; k < n; k++) {
    const x = a.tokens[k];
    const y = b.tokens[k];
    const r =
      x === undefined
        ? reverse(compareToMissing(y as MavenToken))
        : y === undefined
          ? compareToMissing(x)
          : compareTokens(x, y);
    if (r !== 0) return r;
  }
  return 0;
}

/** Canonical text: normalized tokens, `-` at transitions, `ga` for the empty qualifier. */
export function formatMaven(v: MavenVersion): string {
  return v.tokens.map((t, k) => `${k === 0 ? "" : t.prefix}${!t.numeric && t.value === "" ? "ga" : t.value}`).join("");
}

/** Maven version ordering. */
export const maven: VersionScheme<MavenVersion> = {
  name: "maven",
  parse: parseMaven,
  compare: compareMaven,
  format: formatMaven,
};
