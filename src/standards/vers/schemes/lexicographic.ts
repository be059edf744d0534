/**
 * The vers `lexicographic` type: byte-wise order of the UTF-8 encoding, without normalisation.
 * UTF-8 byte order is Unicode code point order, which differs from JavaScript's UTF-16 order for
 * characters above U+FFFF.
 */
import { ok } from "../../result.ts";
import type { VersScheme } from "../scheme.ts";

function compareCodePoints(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(j)!;
    if (x !== y) return x - y;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  return a.length - i - (b.length - j);
}

/** UTF-8 byte-wise ordering. */
export const lexicographic: VersScheme<string> = {
  name: "lexicographic",
  parse: (text) => ok(text),
  compare: compareCodePoints,
};
