/**
 * RPM ordering (rpmvercmp) for Red Hat and the RPM-based distributions (AlmaLinux, Rocky Linux, SUSE,
 * openSUSE, Photon OS, Mageia, openEuler, Azure Linux). A version is `[epoch:]version[-release]`; the
 * epoch is the leading digits before a colon (so `1.m+e2:1` has none), the release follows the last `-`.
 * Each part is compared with rpmvercmp: separators are skipped, `~` sorts before anything (even the end),
 * `^` after the end but before anything else, digit runs numerically and above letter runs.
 * A version without a release sorts before the same version with any release.
 */
import type { Result } from "../result.ts";
import { compareCodeUnits, compareDigits, isDigitCode, isLetterCode } from "./numeric.ts";
import { emptyVersion, type Ordering, type VersionScheme } from "./scheme.ts";

/** A parsed RPM EVR. */
export interface RpmVersion {
  /** Epoch digits ("0" when absent). */
  readonly epoch: string;
  /** True when the text had an explicit `epoch:` prefix. */
  readonly hasEpoch: boolean;
  readonly version: string;
  /** Release after the last `-`; undefined when there is no `-`. */
  readonly release: string | undefined;
}

function isAlnumCode(c: number): boolean {
  return isDigitCode(c) || isLetterCode(c);
}

/** rpmvercmp over one part (epoch, version or release). */
export function compareRpmPart(a: string, b: string): Ordering {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (i < a.length && !isAlnumCode(a.charCodeAt(i)) && a[i] !== "~" && a[i] !== "^") i++;
    while (j < b.length && !isAlnumCode(b.charCodeAt(j)) && b[j] !== "~" && b[j] !== "^") j++;
    if (a[i] === "~" || b[j] === "~") {
      if (a[i] !== "~") return 1;
      if (b[j] !== "~") return -1;
      i++;
      j++;
      continue;
    }
    if (a[i] === "^" || b[j] === "^") {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (a[i] !== "^") return 1;
      if (b[j] !== "^") return -1;
      i++;
      j++;
      continue;
    }
    if (i >= a.length || j >= b.length) break;
    const numeric = isDigitCode(a.charCodeAt(i));
    const same = numeric ? isDigitCode : isLetterCode;
    const si = i;
    const sj = j;
    while (i < a.length && same(a.charCodeAt(i))) i++;
    while (j < b.length && same(b.charCodeAt(j))) j++;
    // A digit run beats a letter run; a letter run loses to anything else in the other string.
    if (j === sj) return numeric ? 1 : -1;
    const r = numeric
      ? compareDigits(a.slice(si, i), b.slice(sj, j))
      : compareCodeUnits(a.slice(si, i), b.slice(sj, j));
    if (r !== 0) return r;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

/** Reads an RPM EVR; RPM accepts any non-blank text. */
export function parseRpm(text: string): Result<RpmVersion> {
  if (text.trim() === "") return emptyVersion("RPM");
  let d = 0;
  while (d < text.length && isDigitCode(text.charCodeAt(d))) d++;
  const hasEpoch = text[d] === ":";
  const epoch = hasEpoch && d > 0 ? text.slice(0, d) : "0";
  const rest = hasEpoch ? text.slice(d + 1) : text;
  const hyphen = rest.lastIndexOf("-");
  return {
    ok: true,
    value: {
      epoch,
      hasEpoch,
      version: hyphen >= 0 ? rest.slice(0, hyphen) : rest,
      release: hyphen >= 0 ? rest.slice(hyphen + 1) : undefined,
    },
  };
}

/** Orders two parsed RPM versions: epoch, version, then release. */
export function compareRpm(a: RpmVersion, b: RpmVersion): Ordering {
  const r = compareDigits(a.epoch, b.epoch) || compareRpmPart(a.version, b.version);
  if (r !== 0 || a.release === b.release) return r;
  if (a.release === undefined) return -1;
  if (b.release === undefined) return 1;
  return compareRpmPart(a.release, b.release);
}

/** RPM version ordering. */
export const rpm: VersionScheme<RpmVersion> = {
  name: "rpm",
  parse: parseRpm,
  compare: compareRpm,
  format: (v) => `${v.hasEpoch ? `${v.epoch}:` : ""}${v.version}${v.release === undefined ? "" : `-${v.release}`}`,
};
