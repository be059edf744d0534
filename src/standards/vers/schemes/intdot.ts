/**
 * The vers `intdot` type: integers separated by dots, leading zeros ignored; reading stops at the
 * first character that is neither a digit nor a dot. Missing trailing components count as zero.
 * nginx versions (`1.25.3`) use the same ordering.
 */
import { fail, ok, type Result } from "../../result.ts";
import type { VersScheme } from "../scheme.ts";
import { compareDigitStrings, digitsEnd } from "./digits.ts";

function parseIntdot(text: string): Result<readonly string[]> {
  const components: string[] = [];
  let i = 0;
  for (;;) {
    const end = digitsEnd(text, i);
    if (end === i) break;
    components.push(text.slice(i, end));
    if (text.charCodeAt(end) !== 46) break; // '.'
    i = end + 1;
  }
  return components.length === 0
    ? fail("vers.invalid_version", `'${text}' does not start with an integer.`)
    : ok(components);
}

function compareIntdot(a: readonly string[], b: readonly string[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i += 1) {
    const order = compareDigitStrings(a[i] ?? "0", b[i] ?? "0");
    if (order !== 0) return order;
  }
  return 0;
}

/** Dotted-integer ordering. */
export const intdot: VersScheme<readonly string[]> = { name: "intdot", parse: parseIntdot, compare: compareIntdot };

/** nginx release ordering: dotted integers too. */
export const nginx: VersScheme<readonly string[]> = { ...intdot, name: "nginx" };
