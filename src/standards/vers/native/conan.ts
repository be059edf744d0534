/**
 * Conan 2 version ranges (`>1 <2.0 || ^3.2`, `~1.1`, `*, include_prerelease`) to vers
 * constraints. Options after a comma are dropped, a trailing `-` (include pre-releases) is
 * dropped from bounds, `*` is `>=0.0.0`, and `~`/`^` get Conan's exclusive upper bound with a
 * trailing `-` (the lowest pre-release of the next version): `~2.5` is `>=2.5|<2.6-`.
 */
import { fail, ok, type Result } from "../../result.ts";
import type { VersComparator, VersConstraint } from "../model.ts";

const TOKEN = /^(<=|>=|<|>|=|~|\^)?(.+)$/;

/** Conan's `upper_bound`: keep the items before `index`, increment the one at `index`. */
function upperBound(version: string, operator: "~" | "^"): string | undefined {
  const main = version.split(/[-+]/, 1)[0]!.split(".");
  if (!main.every((item) => /^\d+$/.test(item))) return undefined;
  const numbers = main.map(Number);
  let index: number;
  if (operator === "~") {
    index = numbers.length > 1 ? 1 : 0;
  } else {
    const firstNonZero = numbers.findIndex((n) => n !== 0);
    index = firstNonZero < 0 ? numbers.length - 1 : firstNonZero;
  }
  return `${[...numbers.slice(0, index), numbers[index]! + 1].join(".")}-`;
}

function tokenConstraints(token: string): VersConstraint[] | undefined {
  const m = TOKEN.exec(token);
  if (!m) return undefined;
  const operator = m[1] ?? "";
  const version = m[2]!.endsWith("-") ? m[2]!.slice(0, -1) : m[2]!;
  if (version === "*") return [{ comparator: ">=", version: "0.0.0" }];
  if (version === "") return undefined;
  if (operator === "~" || operator === "^") {
    const upper = upperBound(version, operator);
    return upper === undefined
      ? undefined
      : [
          { comparator: ">=", version },
          { comparator: "<", version: upper },
        ];
  }
  const comparator: VersComparator = operator === "" ? "=" : (operator as VersComparator);
  return [{ comparator, version }];
}

/** Convert a Conan range to flat vers constraints (unsorted); an empty range has none. */
export function conanNativeConstraints(native: string): Result<VersConstraint[]> {
  const expression = native.split(",", 1)[0]!.trim();
  const out: VersConstraint[] = [];
  if (expression === "") return ok(out);
  for (const clause of expression.split("||")) {
    for (const token of clause.trim().split(/\s+/)) {
      if (token === "") continue;
      const constraints = tokenConstraints(token);
      if (constraints === undefined) return fail("vers.invalid_native_range", `Cannot read Conan range '${native}'.`);
      out.push(...constraints);
    }
  }
  return ok(out);
}
