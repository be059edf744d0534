/**
 * Alpine (apk) ordering, also used by Wolfi, Chainguard, MinimOS, Alpaquita and the other apk-based
 * distributions. An apk version is `number{.number}[letter]{_suffix[number]}[~hash][-r#]`:
 * - numbers compare numerically, except that after the first one a component with a leading zero
 *   compares as text (Gentoo's rule, so 1.02 < 1.1);
 * - no letter sorts before any letter;
 * - suffixes weigh alpha < beta < pre < rc < (none) < cvs < svn < git < hg < p, then by their number;
 * - the commit hash is ignored; the `-r` build number compares numerically.
 * apk still orders text that breaks this grammar: whatever follows the recognised part makes the version
 * sort below the same version without it, and two versions that both break it compare as plain text.
 */
import type { Result } from "../result.ts";
import { compareCodeUnits, compareNormalized, compareNumbers, isDigitCode, stripZeros } from "./numeric.ts";
import { emptyVersion, type Ordering, type VersionScheme } from "./scheme.ts";

/** One `_suffix[number]`. */
export interface AlpineSuffix {
  /** Sort weight: alpha 0, beta 1, pre 2, rc 3, cvs 5, svn 6, git 7, hg 8, p 9 (4 is "no suffix"). */
  readonly weight: number;
  readonly number: string;
}

/** A parsed apk version. */
export interface AlpineVersion {
  readonly text: string;
  /** Numeric components as written (leading zeros matter). */
  readonly components: readonly string[];
  readonly letter: string;
  readonly suffixes: readonly AlpineSuffix[];
  /** `-r` build number (digits without leading zeros); "0" when absent. */
  readonly build: string;
  /** Text after the recognised part; "" for a well-formed version. */
  readonly rest: string;
  /** True when the text does not end after the recognised part and has no `-r` there either. */
  readonly malformed: boolean;
}

const SUFFIXES: readonly (readonly [string, number])[] = [
  ["alpha", 0],
  ["beta", 1],
  ["pre", 2],
  ["rc", 3],
  ["cvs", 5],
  ["svn", 6],
  ["git", 7],
  ["hg", 8],
  ["p", 9],
];
const NO_SUFFIX: AlpineSuffix = { weight: 4, number: "0" };

function digitsAt(text: string, i: number): number {
  let end = i;
  while (end < text.length && isDigitCode(text.charCodeAt(end))) end++;
  return end;
}

function readSuffix(text: string, i: number): [AlpineSuffix, number] | undefined {
  if (text[i] !== "_") return undefined;
  for (const [name, weight] of SUFFIXES) {
    if (text.startsWith(name, i + 1)) {
      const start = i + 1 + name.length;
      const end = digitsAt(text, start);
      return [{ weight, number: end > start ? stripZeros(text.slice(start, end)) : "0" }, end];
    }
  }
  return undefined;
}

/** Reads an apk version; only blank text is refused, since apk orders any other string. */
export function parseAlpine(text: string): Result<AlpineVersion> {
  if (text.trim() === "") return emptyVersion("Alpine");
  const components: string[] = [];
  let i = 0;
  for (;;) {
    const end = digitsAt(text, i);
    if (end === i) break;
    components.push(text.slice(i, end));
    i = end;
    if (text[i] !== ".") break;
    i++;
    if (!isDigitCode(text.charCodeAt(i))) break; // apk tolerates a dot not followed by a digit
  }
  let letter = "";
  const c = text.charCodeAt(i);
  if (c >= 97 && c <= 122) {
    letter = text.charAt(i);
    i++;
  }
  const suffixes: AlpineSuffix[] = [];
  for (let s = readSuffix(text, i); s !== undefined; s = readSuffix(text, i)) {
    suffixes.push(s[0]);
    i = s[1];
  }
  const hash = /^~[0-9a-f]+/.exec(text.slice(i));
  if (hash) i += hash[0].length;
  let build = "0";
  let malformed = false;
  if (i < text.length) {
    if (text.startsWith("-r", i)) {
      const end = digitsAt(text, i + 2);
      if (end > i + 2) build = stripZeros(text.slice(i + 2, end));
      i = end;
    } else malformed = true;
  }
  return { ok: true, value: { text, components, letter, suffixes, build, rest: text.slice(i), malformed } };
}

function compareComponent(a: string | undefined, b: string | undefined, index: number): Ordering {
  const x = a ?? "0";
  const y = b ?? "0";
  if (index > 0 && a !== undefined && b !== undefined && (x.startsWith("0") || y.startsWith("0"))) {
    return compareCodeUnits(x, y);
  }
  return compareNormalized(stripZeros(x), stripZeros(y));
}

/** Orders two parsed apk versions. */
export function compareAlpine(a: AlpineVersion, b: AlpineVersion): Ordering {
  if (a.malformed && b.malformed) return compareCodeUnits(a.text, b.text);
  const n = Math.max(a.components.length, b.components.length);
  for (let k = 0; k < n; k++) {
    const r = compareComponent(a.components[k], b.components[k], k);
    if (r !== 0) return r;
  }
  if (a.letter !== b.letter) return a.letter === "" ? -1 : b.letter === "" ? 1 : compareCodeUnits(a.letter, b.letter);
  const m = Math.max(a.suffixes.length, b.suffixes.length);
  for (let k = 0; k < m; k++) {
    const x = a.suffixes[k] ?? NO_SUFFIX;
    const y = b.suffixes[k] ?? NO_SUFFIX;
    const r = compareNumbers(x.weight, y.weight) || compareNormalized(x.number, y.number);
    if (r !== 0) return r;
  }
  const r = compareNormalized(a.build, b.build);
  if (r !== 0) return r;
  if ((a.rest === "") === (b.rest === "")) return 0;
  return a.rest === "" ? 1 : -1;
}

/** Alpine (apk) version ordering. */
export const alpine: VersionScheme<AlpineVersion> = {
  name: "alpine",
  parse: parseAlpine,
  compare: compareAlpine,
  format: (v) => v.text,
};
