/**
 * RubyGems ordering, as `Gem::Version#<=>`: `-` means `.pre.`, the version splits into number and letter
 * segments, trailing zeros are dropped from the numeric head and from the rest, missing segments count as
 * 0, a number beats letters (so 1.0.a < 1.0), and letters compare case-sensitively.
 * Text is accepted a little more freely than Gem::Version does (e.g. `1beta`), as OSV data needs.
 */
import type { Result } from "../result.ts";
import { compareCodeUnits, compareNormalized, stripZeros } from "./numeric.ts";
import { emptyVersion, invalidVersion, type Ordering, type VersionScheme } from "./scheme.ts";

/** One segment: digits without leading zeros, or a run of letters. */
export interface RubyGemsSegment {
  readonly numeric: boolean;
  readonly value: string;
}

/** A parsed gem version. */
export interface RubyGemsVersion {
  /** Every segment, in order. */
  readonly segments: readonly RubyGemsSegment[];
  /** The segments `<=>` compares (Gem's `canonical_segments`). */
  readonly canonical: readonly RubyGemsSegment[];
}

const ZERO: RubyGemsSegment = { numeric: true, value: "0" };

function dropTrailingZeros(segments: readonly RubyGemsSegment[]): RubyGemsSegment[] {
  let n = segments.length;
  while (n > 0 && segments[n - 1]?.numeric === true && segments[n - 1]?.value === "0") n--;
  return segments.slice(0, n);
}

/** Reads a gem version: ASCII letters, digits, `.` and `-`, starting with a letter or digit. */
export function parseRubyGems(text: string): Result<RubyGemsVersion> {
  const trimmed = text.trim();
  if (trimmed === "") return emptyVersion("RubyGems");
  if (!/^[0-9A-Za-z][0-9A-Za-z.-]*$/.test(trimmed)) {
    return invalidVersion("RubyGems", text, "only letters, digits, '.' and '-' are allowed");
  }
  const segments = (trimmed.replaceAll("-", ".pre.").match(/[0-9]+|[A-Za-z]+/g) ?? []).map((s) =>
    /^[0-9]/.test(s) ? { numeric: true, value: stripZeros(s) } : { numeric: false, value: s },
  );
  const firstWord = segments.findIndex((s) => !s.numeric);
  const head = firstWord < 0 ? segments : segments.slice(0, firstWord);
  const tail = firstWord < 0 ? [] : segments.slice(firstWord);
  return { ok: true, value: { segments, canonical: [...dropTrailingZeros(head), ...dropTrailingZeros(tail)] } };
}

/** Orders two parsed gem versions. */
export function compareRubyGems(a: RubyGemsVersion, b: RubyGemsVersion): Ordering {
  const n = Math.max(a.canonical.length, b.canonical.length);
  for (let i = 0; i < n; i++) {
    const x = a.canonical[i] ?? ZERO;
    const y = b.canonical[i] ?? ZERO;
    if (x.numeric !== y.numeric) return x.numeric ? 1 : -1;
    const r = x.numeric ? compareNormalized(x.value, y.value) : compareCodeUnits(x.value, y.value);
    if (r !== 0) return r;
  }
  return 0;
}

/** RubyGems version ordering; the canonical text joins all segments with dots. */
export const rubygems: VersionScheme<RubyGemsVersion> = {
  name: "rubygems",
  parse: parseRubyGems,
  compare: compareRubyGems,
  format: (v) => v.segments.map((s) => s.value).join("."),
};
