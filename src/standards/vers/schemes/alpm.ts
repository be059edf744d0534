/**
 * Arch Linux (libalpm, `vercmp(8)`) ordering: `[epoch:]version[-release]`. Epochs compare first,
 * then versions with alpm's variant of rpmvercmp; releases only count when both sides have one.
 */
import { fail, ok } from "../../result.ts";
import type { VersScheme } from "../scheme.ts";
import { compareDigitStrings, compareText, digitsEnd, isDigit, isLetter } from "./digits.ts";

/** A parsed Arch Linux version. */
export interface AlpmVersion {
  readonly epoch: string;
  readonly version: string;
  readonly release: string | undefined;
}

function isAlnum(code: number): boolean {
  return isDigit(code) || isLetter(code);
}

/** alpm's rpmvercmp: alternating numeric and alphabetic segments, separators only count by length. */
export function alpmSegmentCompare(a: string, b: string): number {
  if (a === b) return 0;
  let one = 0;
  let two = 0;
  let end1 = 0;
  let end2 = 0;
  while (one < a.length && two < b.length) {
    while (one < a.length && !isAlnum(a.charCodeAt(one))) one += 1;
    while (two < b.length && !isAlnum(b.charCodeAt(two))) two += 1;
    if (one >= a.length || two >= b.length) break;
    // Different separator lengths decide on their own.
    if (one - end1 !== two - end2) return one - end1 < two - end2 ? -1 : 1;
    const numeric = isDigit(a.charCodeAt(one));
    end1 = one;
    end2 = two;
    if (numeric) {
      end1 = digitsEnd(a, one);
      end2 = digitsEnd(b, two);
    } else {
      while (end1 < a.length && isLetter(a.charCodeAt(end1))) end1 += 1;
      while (end2 < b.length && isLetter(b.charCodeAt(end2))) end2 += 1;
    }
    // A numeric segment against an alphabetic one: numbers are newer.
    if (end2 === two) return numeric ? 1 : -1;
    const left = a.slice(one, end1);
    const right = b.slice(two, end2);
    const order = numeric ? compareDigitStrings(left, right) : compareText(left, right);
    if (order !== 0) return order < 0 ? -1 : 1;
    one = end1;
    two = end2;
  }
  const restA = one < a.length;
  const restB = two < b.length;
  if (!restA && !restB) return 0;
  // A remaining alphabetic part never beats an empty one (1.0rc < 1.0 < 1.0.1).
  if ((!restA && !isLetter(b.charCodeAt(two))) || (restA && isLetter(a.charCodeAt(one)))) return -1;
  return 1;
}

function parseAlpm(text: string): AlpmVersion {
  const epochEnd = digitsEnd(text, 0);
  const hasEpoch = text.charCodeAt(epochEnd) === 58; // ':'
  const start = hasEpoch ? epochEnd + 1 : 0;
  const dash = text.lastIndexOf("-");
  const hasRelease = dash >= start;
  return {
    epoch: hasEpoch && epochEnd > 0 ? text.slice(0, epochEnd) : "0",
    version: text.slice(start, hasRelease ? dash : text.length),
    release: hasRelease ? text.slice(dash + 1) : undefined,
  };
}

/** Arch Linux version ordering. */
export const alpm: VersScheme<AlpmVersion> = {
  name: "alpm",
  parse: (text) =>
    text === "" ? fail("vers.invalid_version", "An empty string is not an alpm version.") : ok(parseAlpm(text)),
  compare(a, b) {
    const epoch = alpmSegmentCompare(a.epoch, b.epoch);
    if (epoch !== 0) return epoch;
    const version = alpmSegmentCompare(a.version, b.version);
    if (version !== 0 || a.release === undefined || b.release === undefined) return version;
    return alpmSegmentCompare(a.release, b.release);
  },
};
