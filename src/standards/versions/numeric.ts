/**
 * Small ordering helpers shared by the schemes. Numbers are kept as digit strings so that version
 * components of any length (some fixtures use 30-digit components) compare exactly without BigInt.
 */
import type { Ordering } from "./scheme.ts";

/** True for an ASCII digit code unit. */
export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** True for an ASCII letter code unit. */
export function isLetterCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Drops leading zeros from a digit string, keeping a single "0". */
export function stripZeros(digits: string): string {
  let i = 0;
  while (i < digits.length - 1 && digits.charCodeAt(i) === 48) i++;
  return i === 0 ? digits : digits.slice(i);
}

/** Orders two digit strings that have no leading zeros (see {@link stripZeros}) by numeric value. */
export function compareNormalized(a: string, b: string): Ordering {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

/** Orders two digit strings by numeric value; leading zeros are ignored. */
export function compareDigits(a: string, b: string): Ordering {
  return compareNormalized(stripZeros(a), stripZeros(b));
}

/** Orders strings by UTF-16 code units (byte order for ASCII, as C's strcmp and Go's strings.Compare). */
export function compareCodeUnits(a: string, b: string): Ordering {
  return a === b ? 0 : a < b ? -1 : 1;
}

/** Orders two numbers. */
export function compareNumbers(a: number, b: number): Ordering {
  return a === b ? 0 : a < b ? -1 : 1;
}

/** Orders two lists of normalized digit strings, padding the shorter with zeros. */
export function compareZeroPadded(a: readonly string[], b: readonly string[]): Ordering {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const r = compareNormalized(a[i] ?? "0", b[i] ?? "0");
    if (r !== 0) return r;
  }
  return 0;
}

/** Orders two lists of normalized digit strings element by element; a proper prefix is smaller. */
export function compareLexicographic(a: readonly string[], b: readonly string[]): Ordering {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const r = compareNormalized(a[i] as string, b[i] as string);
    if (r !== 0) return r;
  }
  return compareNumbers(a.length, b.length);
}

/**
 * Splits text made only of digit runs joined by single separator characters (from `separators`) into
 * normalized digit strings; undefined when the text has any other shape.
 */
export function splitDigitRuns(text: string, separators: string): string[] | undefined {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text.charCodeAt(i);
    if (i < text.length && c >= 48 && c <= 57) continue;
    if (i === start || (i < text.length && !separators.includes(text.charAt(i)))) return undefined;
    out.push(stripZeros(text.slice(start, i)));
    start = i + 1;
  }
  return out;
}

/** The opposite ordering (without producing -0). */
export function reverse(o: Ordering): Ordering {
  return o === 0 ? 0 : o === 1 ? -1 : 1;
}
