/**
 * Conan (C/C++) ordering, as Conan 2's `Version` class defines it: `main[-pre][+build]` where each
 * part is a dot-separated list of items; digit items compare as numbers, other items as text (a
 * number against text compares both as text); trailing zero items are ignored (1 == 1.0.0); a
 * pre-release sorts before the same main version, and a build sorts after none.
 */
import { fail, ok } from "../../result.ts";
import type { VersScheme } from "../scheme.ts";
import { compareDigitStrings, compareText, isDigit } from "./digits.ts";

/** One item: digits without leading zeros, or text. */
interface ConanItem {
  readonly numeric: boolean;
  readonly text: string;
}

/** A parsed Conan version; `pre` and `build` are versions themselves. */
export interface ConanVersion {
  readonly items: readonly ConanItem[];
  readonly pre: ConanVersion | undefined;
  readonly build: ConanVersion | undefined;
}

function isDigits(text: string): boolean {
  if (text === "") return false;
  for (let i = 0; i < text.length; i += 1) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

function readItems(text: string): ConanItem[] {
  const items = text.split(".").map((part): ConanItem => {
    if (!isDigits(part)) return { numeric: false, text: part };
    const trimmed = part.replace(/^0+(?=\d)/, "");
    return { numeric: true, text: trimmed };
  });
  while (items.length > 0 && items[items.length - 1]!.numeric && items[items.length - 1]!.text === "0") items.pop();
  return items;
}

function readConan(text: string): ConanVersion {
  let rest = text;
  let build: ConanVersion | undefined;
  const plus = rest.lastIndexOf("+");
  if (plus >= 0) {
    build = readConan(rest.slice(plus + 1));
    rest = rest.slice(0, plus);
  }
  let pre: ConanVersion | undefined;
  const dash = rest.lastIndexOf("-");
  if (dash >= 0) {
    pre = readConan(rest.slice(dash + 1));
    rest = rest.slice(0, dash);
  }
  return { items: readItems(rest), pre, build };
}

function compareItems(a: readonly ConanItem[], b: readonly ConanItem[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 1) {
    const x = a[i]!;
    const y = b[i]!;
    const order = x.numeric && y.numeric ? compareDigitStrings(x.text, y.text) : compareText(x.text, y.text);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

function compareOptional(a: ConanVersion | undefined, b: ConanVersion | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  return compareConan(a, b);
}

function compareConan(a: ConanVersion, b: ConanVersion): number {
  const main = compareItems(a.items, b.items);
  if (a.pre !== undefined && b.pre !== undefined) {
    return main || compareConan(a.pre, b.pre) || compareOptional(a.build, b.build);
  }
  if (a.pre !== undefined) return main || -1;
  if (b.pre !== undefined) return main || 1;
  return main || compareOptional(a.build, b.build);
}

/** Conan version ordering. */
export const conan: VersScheme<ConanVersion> = {
  name: "conan",
  parse: (text) =>
    text === "" ? fail("vers.invalid_version", "An empty string is not a Conan version.") : ok(readConan(text)),
  compare: compareConan,
};
