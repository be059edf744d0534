/**
 * Numeric helpers for the vers-only schemes. Digit runs stay strings so components of any length
 * (Gentoo fixtures use 30 digits) compare exactly.
 */

/** True for an ASCII digit code unit. */
export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** True for an ASCII letter code unit. */
export function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Index of the first non-digit at or after `start`. */
export function digitsEnd(text: string, start: number): number {
  let end = start;
  while (end < text.length && isDigit(text.charCodeAt(end))) end += 1;
  return end;
}

/** Order two digit strings by numeric value, ignoring leading zeros. */
export function compareDigitStrings(a: string, b: string): number {
  let i = 0;
  while (i < a.length - 1 && a.charCodeAt(i) === 48) i += 1;
  let j = 0;
  while (j < b.length - 1 && b.charCodeAt(j) === 48) j += 1;
  const lengthDiff = a.length - i - (b.length - j);
  if (lengthDiff !== 0) return lengthDiff;
  const x = a.slice(i);
  const y = b.slice(j);
  return x === y ? 0 : x < y ? -1 : 1;
}

/** Order two strings by UTF-16 code units (byte order for ASCII, like C's strcmp). */
export function compareText(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}
