/**
 * PyPI ordering: PEP 440 (as the `packaging` library implements it), with legacy non-PEP 440 versions
 * still ordered, below every PEP 440 version (pep440-legacy.ts). Order of a PEP 440 version: epoch,
 * release (trailing zeros ignored), then pre-release, post-release, dev-release and local label, where
 * `X.devN` sorts before `XaN`, `X.postN` after `X`, and any local label after none.
 */
import type { Result } from "../result.ts";
import {
  compareCodeUnits,
  compareDigits,
  compareNormalized,
  compareNumbers,
  compareZeroPadded,
  reverse,
  stripZeros,
} from "./numeric.ts";
import { legacyKey } from "./pep440-legacy.ts";
import { emptyVersion, type Ordering, type VersionScheme } from "./scheme.ts";

/** Pre-release phase, in its normalized spelling. */
export type Pep440Phase = "a" | "b" | "rc";

/** One segment of a local version label. */
export interface Pep440LocalSegment {
  readonly numeric: boolean;
  /** Lower-cased text, or digits without leading zeros when numeric. */
  readonly value: string;
}

/** A parsed Python version. Digit strings have no leading zeros. */
export interface Pep440Version {
  readonly text: string;
  /** Sort key of a legacy (non-PEP 440) version; absent for PEP 440 versions, whose other fields apply. */
  readonly legacy?: readonly string[];
  readonly epoch: string;
  readonly release: readonly string[];
  readonly pre?: { readonly phase: Pep440Phase; readonly number: string };
  readonly post?: string;
  readonly dev?: string;
  readonly local?: readonly Pep440LocalSegment[];
}

// PEP 440 Appendix B, with ASCII digits.
const PEP440 =
  /^\s*v?(?:([0-9]+)!)?([0-9]+(?:\.[0-9]+)*)(?:[-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?([0-9]+)?)?(?:-([0-9]+)|[-_.]?(post|rev|r)[-_.]?([0-9]+)?)?(?:[-_.]?(dev)[-_.]?([0-9]+)?)?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?\s*$/i;

const PHASES: ReadonlyMap<string, Pep440Phase> = new Map([
  ["a", "a"],
  ["alpha", "a"],
  ["b", "b"],
  ["beta", "b"],
  ["c", "rc"],
  ["rc", "rc"],
  ["pre", "rc"],
  ["preview", "rc"],
]);

function digits(text: string | undefined): string {
  return text === undefined ? "0" : stripZeros(text);
}

/** Reads a Python version: PEP 440 when it matches, otherwise a legacy version (only blank text fails). */
export function parsePep440(text: string): Result<Pep440Version> {
  if (text.trim() === "") return emptyVersion("PyPI");
  const m = PEP440.exec(text);
  if (m === null) return { ok: true, value: { text, legacy: legacyKey(text), epoch: "0", release: [] } };
  const [, epoch, release, preL, preN, postN1, postL, postN2, devL, devN, local] = m;
  const version: {
    -readonly [K in keyof Pep440Version]: Pep440Version[K];
  } = { text, epoch: digits(epoch), release: (release as string).split(".").map(stripZeros) };
  if (preL !== undefined) version.pre = { phase: PHASES.get(preL.toLowerCase()) ?? "rc", number: digits(preN) };
  if (postN1 !== undefined || postL !== undefined) version.post = digits(postN1 ?? postN2);
  if (devL !== undefined) version.dev = digits(devN);
  if (local !== undefined) {
    version.local = local
      .toLowerCase()
      .split(/[-_.]/)
      .map((part) =>
        /^[0-9]+$/.test(part) ? { numeric: true, value: stripZeros(part) } : { numeric: false, value: part },
      );
  }
  return { ok: true, value: version };
}

/** Compares two optional numbers where absence sorts as `absent` (-1: below all, 1: above all). */
function compareOptional(a: string | undefined, b: string | undefined, absent: Ordering): Ordering {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? absent : reverse(absent);
  return compareNormalized(a, b);
}

/** The pre-release slot: `X.devN` (no pre, no post) sorts below every pre-release, a final release above. */
function preRank(v: Pep440Version): number {
  if (v.pre !== undefined) return 0;
  return v.post === undefined && v.dev !== undefined ? -1 : 1;
}

function compareLocal(a: readonly Pep440LocalSegment[], b: readonly Pep440LocalSegment[]): Ordering {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as Pep440LocalSegment;
    const y = b[i] as Pep440LocalSegment;
    let r: Ordering;
    if (x.numeric && y.numeric) r = compareNormalized(x.value, y.value);
    else if (x.numeric !== y.numeric) r = x.numeric ? 1 : -1;
    else r = compareCodeUnits(x.value, y.value);
    if (r !== 0) return r;
  }
  return compareNumbers(a.length, b.length);
}

function compareLegacy(a: readonly string[], b: readonly string[]): Ordering {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const r = compareCodeUnits(a[i] as string, b[i] as string);
    if (r !== 0) return r;
  }
  return compareNumbers(a.length, b.length);
}

/** Orders two parsed Python versions. */
export function comparePep440(a: Pep440Version, b: Pep440Version): Ordering {
  if (a.legacy !== undefined || b.legacy !== undefined) {
    if (a.legacy === undefined) return 1;
    if (b.legacy === undefined) return -1;
    return compareLegacy(a.legacy, b.legacy);
  }
  let r = compareDigits(a.epoch, b.epoch) || compareZeroPadded(a.release, b.release);
  if (r !== 0) return r;
  const ra = preRank(a);
  const rb = preRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  if (a.pre !== undefined && b.pre !== undefined) {
    r = compareCodeUnits(a.pre.phase, b.pre.phase) || compareNormalized(a.pre.number, b.pre.number);
    if (r !== 0) return r;
  }
  r = compareOptional(a.post, b.post, -1) || compareOptional(a.dev, b.dev, 1);
  if (r !== 0) return r;
  if (a.local === undefined || b.local === undefined) return a.local === b.local ? 0 : a.local === undefined ? -1 : 1;
  return compareLocal(a.local, b.local);
}

/** The normalized form PEP 440 defines (legacy versions keep their text). */
export function formatPep440(v: Pep440Version): string {
  if (v.legacy !== undefined) return v.text;
  let text = v.epoch === "0" ? "" : `${v.epoch}!`;
  text += v.release.join(".");
  if (v.pre !== undefined) text += `${v.pre.phase}${v.pre.number}`;
  if (v.post !== undefined) text += `.post${v.post}`;
  if (v.dev !== undefined) text += `.dev${v.dev}`;
  if (v.local !== undefined) text += `+${v.local.map((s) => s.value).join(".")}`;
  return text;
}

/** PyPI (PEP 440 with legacy versions) ordering. */
export const pep440: VersionScheme<Pep440Version> = {
  name: "pep440",
  parse: parsePep440,
  compare: comparePep440,
  format: formatPep440,
};
