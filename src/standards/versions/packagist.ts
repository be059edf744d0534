/**
 * Packagist ordering: PHP's `version_compare` after stripping a leading `v`/`V` (as Composer does).
 * The text is canonicalized into dot-separated parts: `-`, `_`, `+` and other punctuation become dots,
 * and a dot is inserted wherever digits meet non-digits. Numbers compare numerically (of any size);
 * words by their special form: unknown < dev < alpha = a < beta = b < RC = rc < # (a number) < pl = p.
 * Past the shorter version, a further number makes a version greater, a further word is weighed against
 * a number. `#` is kept as a part and weighs like a number.
 */
import type { Result } from "../result.ts";
import { compareDigits, compareNumbers, isDigitCode, isLetterCode, reverse } from "./numeric.ts";
import { emptyVersion, invalidVersion, type Ordering, type VersionScheme } from "./scheme.ts";

/** A parsed Packagist version. */
export interface PackagistVersion {
  /** The text without its leading `v`. */
  readonly text: string;
  /** Canonical parts: digit runs, word runs (which may start with kept punctuation), or "" at the ends. */
  readonly parts: readonly string[];
}

// Prefix match in this order, as PHP's compare_special_version_forms; the number marker "#" weighs 4.
const FORMS: readonly (readonly [string, number])[] = [
  ["dev", 0],
  ["alpha", 1],
  ["a", 1],
  ["beta", 2],
  ["b", 2],
  ["RC", 3],
  ["rc", 3],
  ["#", 4],
  ["pl", 5],
  ["p", 5],
];
const NUMBER_WEIGHT = 4;

function formWeight(part: string): number {
  for (const [name, weight] of FORMS) if (part.startsWith(name)) return weight;
  return -1;
}

/** PHP's php_canonicalize_version, except that `#` is kept as a word character. */
function canonicalize(text: string): string {
  let out = text.charAt(0);
  for (let i = 1; i < text.length; i++) {
    const ch = text.charAt(i);
    const c = text.charCodeAt(i);
    const p = text.charCodeAt(i - 1);
    const dot = out.endsWith(".") ? "" : ".";
    if (ch === "-" || ch === "_" || ch === "+") out += dot;
    // Digits meeting non-digits (dots aside) get a dot between them; the character itself is kept.
    else if (p !== 46 && c !== 46 && isDigitCode(p) !== isDigitCode(c)) out += dot + ch;
    else if (!isDigitCode(c) && !isLetterCode(c) && ch !== "#") out += dot;
    else out += ch;
  }
  return out;
}

/** Reads a Packagist version; PHP orders any text, so only blank text and whitespace are refused. */
export function parsePackagist(text: string): Result<PackagistVersion> {
  if (text.trim() === "") return emptyVersion("Packagist");
  if (/\s/.test(text)) return invalidVersion("Packagist", text, "it contains whitespace");
  const stripped = text.replace(/^[vV]+/, "") || text;
  return { ok: true, value: { text: stripped, parts: canonicalize(stripped).split(".") } };
}

function isNumberPart(part: string): boolean {
  return isDigitCode(part.charCodeAt(0));
}

function comparePart(a: string, b: string): Ordering {
  const na = isNumberPart(a);
  const nb = isNumberPart(b);
  if (na && nb) return compareDigits(a, b);
  return compareNumbers(na ? NUMBER_WEIGHT : formWeight(a), nb ? NUMBER_WEIGHT : formWeight(b));
}

/** Weighs the parts left over in the longer version against a bare number. */
function compareTail(parts: readonly string[], from: number): Ordering {
  for (let i = from; i < parts.length; i++) {
    const part = parts[i] as string;
    if (isNumberPart(part)) return 1;
    const r = compareNumbers(formWeight(part), NUMBER_WEIGHT);
    if (r !== 0) return r;
  }
  return 0;
}

/** Orders two parsed Packagist versions. */
export function comparePackagist(a: PackagistVersion, b: PackagistVersion): Ordering {
  const n = Math.min(a.parts.length, b.parts.length);
  for (let i = 0; i < n; i++) {
    const r = comparePart(a.parts[i] as string, b.parts[i] as string);
    if (r !== 0) return r;
  }
  if (a.parts.length === b.parts.length) return 0;
  return a.parts.length > n ? compareTail(a.parts, n) : reverse(compareTail(b.parts, n));
}

/** Packagist version ordering; PHP defines no normal form, so the canonical text is the text without `v`. */
export const packagist: VersionScheme<PackagistVersion> = {
  name: "packagist",
  parse: parsePackagist,
  compare: comparePackagist,
  format: (v) => v.text,
};
