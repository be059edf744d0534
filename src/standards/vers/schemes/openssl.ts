/**
 * OpenSSL release ordering: dotted numbers, then the legacy letter suffix of 0.9.x-1.1.1 releases
 * (a < b < ... < z < za < ... < zz), then an optional `-alpha1`/`-beta2` pre-release that sorts
 * before the release itself (3.0.0-alpha1 < 3.0.0).
 */
import { fail, ok, type Result } from "../../result.ts";
import type { VersScheme } from "../scheme.ts";
import { compareDigitStrings, compareText } from "./digits.ts";

/** A parsed OpenSSL version. */
export interface OpensslVersion {
  readonly numbers: readonly string[];
  readonly letters: string;
  /** Pre-release label; "" for a release. */
  readonly pre: string;
}

const OPENSSL = /^(\d+(?:\.\d+)*)([a-z]*)(?:-([0-9A-Za-z.-]+))?$/;

function parseOpenssl(text: string): Result<OpensslVersion> {
  const match = OPENSSL.exec(text);
  if (!match) return fail("vers.invalid_version", `'${text}' is not an OpenSSL version.`);
  return ok({ numbers: match[1]!.split("."), letters: match[2] ?? "", pre: match[3] ?? "" });
}

/** OpenSSL version ordering. */
export const openssl: VersScheme<OpensslVersion> = {
  name: "openssl",
  parse: parseOpenssl,
  compare(a, b) {
    const n = Math.max(a.numbers.length, b.numbers.length);
    for (let i = 0; i < n; i += 1) {
      const order = compareDigitStrings(a.numbers[i] ?? "0", b.numbers[i] ?? "0");
      if (order !== 0) return order;
    }
    // Letter suffixes extend with 'z' prefixes, so plain string order is release order.
    const letters = compareText(a.letters, b.letters);
    if (letters !== 0) return letters;
    if (a.pre === b.pre) return 0;
    if (a.pre === "") return 1;
    if (b.pre === "") return -1;
    return compareText(a.pre, b.pre);
  },
};
