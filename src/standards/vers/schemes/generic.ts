/**
 * The vers `generic` type. The vers spec leaves its algorithm open ("likely ... similar to
 * libversion"); this follows libversion's main idea: split into numeric and alphabetic runs, pad
 * the shorter version, and rank pre-release letters < zero/padding < post-release letters < numbers.
 */
import { ok } from "../../result.ts";
import type { VersScheme } from "../scheme.ts";
import { compareDigitStrings, compareText, digitsEnd, isDigit, isLetter } from "./digits.ts";

/** One run of a generic version: `rank` orders runs of different kinds. */
interface GenericRun {
  readonly rank: number;
  readonly text: string;
}

const PRE_RELEASE = 0;
const ZERO = 1;
const POST_RELEASE = 2;
const NONZERO = 3;
const POST_WORDS = new Set(["p", "patch", "post", "pl", "errata"]);
const PADDING: GenericRun = { rank: ZERO, text: "0" };

function runs(text: string): GenericRun[] {
  const out: GenericRun[] = [];
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (isDigit(code)) {
      const end = digitsEnd(text, i);
      const digits = text.slice(i, end).replace(/^0+(?=\d)/, "");
      out.push({ rank: digits === "0" ? ZERO : NONZERO, text: digits });
      i = end;
    } else if (isLetter(code)) {
      let end = i;
      while (end < text.length && isLetter(text.charCodeAt(end))) end += 1;
      const word = text.slice(i, end).toLowerCase();
      out.push({ rank: POST_WORDS.has(word) ? POST_RELEASE : PRE_RELEASE, text: word });
      i = end;
    } else {
      i += 1;
    }
  }
  return out;
}

function compareRuns(a: readonly GenericRun[], b: readonly GenericRun[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i += 1) {
    const x = a[i] ?? PADDING;
    const y = b[i] ?? PADDING;
    if (x.rank !== y.rank) return x.rank - y.rank;
    const order = x.rank === NONZERO ? compareDigitStrings(x.text, y.text) : compareText(x.text, y.text);
    if (order !== 0) return order;
  }
  return 0;
}

/** libversion-like generic ordering. */
export const generic: VersScheme<readonly GenericRun[]> = {
  name: "generic",
  parse: (text) => ok(runs(text)),
  compare: compareRuns,
};
