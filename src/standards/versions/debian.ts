/**
 * Debian ordering, as dpkg (deb-version(7)): `[epoch:]upstream[-revision]`, the epoch compared as a
 * number, upstream and revision with dpkg's `verrevcmp`: alternating non-digit runs (letters before
 * other characters, `~` before everything, even the end) and digit runs compared numerically.
 * Ubuntu, Echo and opam reuse it.
 */
import type { Result } from "../result.ts";
import { compareDigits, isDigitCode, isLetterCode } from "./numeric.ts";
import { emptyVersion, invalidVersion, type Ordering, type VersionScheme } from "./scheme.ts";

/** A parsed Debian version. */
export interface DebianVersion {
  /** Epoch digits ("0" when absent). */
  readonly epoch: string;
  readonly upstream: string;
  /** Debian revision; "" when absent, which dpkg orders like "0". */
  readonly revision: string;
}

/** dpkg's character weight: `~` lowest, end of string and digits 0, letters by code, other characters after letters. */
function weight(text: string, i: number): number {
  if (i >= text.length) return 0;
  const c = text.charCodeAt(i);
  if (isDigitCode(c)) return 0;
  if (isLetterCode(c)) return c;
  if (c === 126) return -1;
  return c + 256;
}

/** dpkg's verrevcmp over one upstream version or revision. */
export function compareDebianPart(a: string, b: string): Ordering {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigitCode(a.charCodeAt(i))) || (j < b.length && !isDigitCode(b.charCodeAt(j)))) {
      const wa = weight(a, i);
      const wb = weight(b, j);
      if (wa !== wb) return wa < wb ? -1 : 1;
      i++;
      j++;
    }
    const si = i;
    const sj = j;
    while (i < a.length && isDigitCode(a.charCodeAt(i))) i++;
    while (j < b.length && isDigitCode(b.charCodeAt(j))) j++;
    const r = compareDigits(a.slice(si, i) || "0", b.slice(sj, j) || "0");
    if (r !== 0) return r;
  }
  return 0;
}

function allowed(text: string, extra: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isDigitCode(c) && !isLetterCode(c) && !extra.includes(text.charAt(i))) return false;
  }
  return true;
}

/** Reads a Debian version with dpkg's rules; characters dpkg only warns about are rejected here too. */
export function parseDebian(text: string, scheme = "Debian"): Result<DebianVersion> {
  const trimmed = text.trim();
  if (trimmed === "") return emptyVersion(scheme);
  if (/\s/.test(trimmed)) return invalidVersion(scheme, text, "it contains spaces");
  const colon = trimmed.indexOf(":");
  let epoch = "0";
  let rest = trimmed;
  if (colon >= 0) {
    epoch = trimmed.slice(0, colon);
    rest = trimmed.slice(colon + 1);
    if (!/^[0-9]+$/.test(epoch)) return invalidVersion(scheme, text, "the epoch is not a number");
    if (rest === "") return invalidVersion(scheme, text, "nothing follows the epoch");
  }
  const hyphen = rest.lastIndexOf("-");
  const upstream = hyphen >= 0 ? rest.slice(0, hyphen) : rest;
  const revision = hyphen >= 0 ? rest.slice(hyphen + 1) : "";
  if (upstream === "") return invalidVersion(scheme, text, "the upstream version is empty");
  if (hyphen >= 0 && revision === "") return invalidVersion(scheme, text, "the revision is empty");
  if (!allowed(upstream, ".+~-:")) return invalidVersion(scheme, text, "bad character in the upstream version");
  if (!allowed(revision, ".+~")) return invalidVersion(scheme, text, "bad character in the revision");
  return { ok: true, value: { epoch: epoch.replace(/^0+(?=.)/, ""), upstream, revision } };
}

/** Orders two parsed Debian versions: epoch, then upstream version, then revision. */
export function compareDebian(a: DebianVersion, b: DebianVersion): Ordering {
  return (
    compareDigits(a.epoch, b.epoch) ||
    compareDebianPart(a.upstream, b.upstream) ||
    compareDebianPart(a.revision, b.revision)
  );
}

/** Debian (and Ubuntu) version ordering. */
export const debian: VersionScheme<DebianVersion> = {
  name: "debian",
  parse: (text) => parseDebian(text),
  compare: compareDebian,
  // The epoch is written when non-zero, or when the upstream version holds a colon that needs it.
  format: (v) =>
    `${v.epoch === "0" && !v.upstream.includes(":") ? "" : `${v.epoch}:`}${v.upstream}${v.revision === "" ? "" : `-${v.revision}`}`,
};
