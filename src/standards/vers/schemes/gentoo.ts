/**
 * Gentoo ordering (Package Manager Specification, "Version comparison"): numeric components, an
 * optional letter, `_alpha|_beta|_pre|_rc|_p` suffixes with numbers, and an `-rN` revision.
 */
import { fail, ok, type Result } from "../../result.ts";
import type { VersScheme } from "../scheme.ts";
import { compareDigitStrings, compareText } from "./digits.ts";

/** A parsed Gentoo version. */
export interface GentooVersion {
  readonly components: readonly string[];
  readonly letter: string;
  readonly suffixes: readonly { readonly rank: number; readonly number: string }[];
  readonly revision: string;
}

const GENTOO = /^(\d+(?:\.\d+)*)([a-z]?)((?:_(?:alpha|beta|pre|rc|p)\d*)*)(?:-r(\d+))?$/;
const SUFFIX = /_(alpha|beta|pre|rc|p)(\d*)/g;
const SUFFIX_RANK: Readonly<Record<string, number>> = { alpha: 0, beta: 1, pre: 2, rc: 3, p: 5 };
/** Rank of "no suffix": after rc, before p. */
const NO_SUFFIX = 4;

function parseGentoo(text: string): Result<GentooVersion> {
  const match = GENTOO.exec(text);
  if (!match) return fail("vers.invalid_version", `'${text}' is not a Gentoo version.`);
  const suffixes = [...(match[3] ?? "").matchAll(SUFFIX)].map((m) => ({
    rank: SUFFIX_RANK[m[1]!]!,
    number: m[2] || "0",
  }));
  return ok({ components: match[1]!.split("."), letter: match[2] ?? "", suffixes, revision: match[4] ?? "0" });
}

function stripTrailingZeros(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 48) end -= 1;
  return text.slice(0, end);
}

function compareComponents(a: readonly string[], b: readonly string[]): number {
  const first = compareDigitStrings(a[0]!, b[0]!);
  if (first !== 0) return first;
  const n = Math.min(a.length, b.length);
  for (let i = 1; i < n; i += 1) {
    const x = a[i]!;
    const y = b[i]!;
    // A component with a leading zero compares as a decimal fraction (1.01 < 1.1).
    const order =
      x.startsWith("0") || y.startsWith("0")
        ? compareText(stripTrailingZeros(x), stripTrailingZeros(y))
        : compareDigitStrings(x, y);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

function compareSuffixes(a: GentooVersion["suffixes"], b: GentooVersion["suffixes"]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i += 1) {
    const x = a[i];
    const y = b[i];
    const rank = (x?.rank ?? NO_SUFFIX) - (y?.rank ?? NO_SUFFIX);
    if (rank !== 0) return rank;
    const number = compareDigitStrings(x?.number ?? "0", y?.number ?? "0");
    if (number !== 0) return number;
  }
  return 0;
}

/** Gentoo version ordering. */
export const gentoo: VersScheme<GentooVersion> = {
  name: "gentoo",
  parse: parseGentoo,
  compare(a, b) {
    return (
      compareComponents(a.components, b.components) ||
      compareText(a.letter, b.letter) ||
      compareSuffixes(a.suffixes, b.suffixes) ||
      compareDigitStrings(a.revision, b.revision)
    );
  },
};
