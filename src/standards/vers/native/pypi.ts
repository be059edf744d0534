/**
 * PEP 440 version specifiers (`>=1.0, !=1.3.*, <2`) to vers constraints. Version text is kept as
 * written; `~=` and `==X.*` become `>=lower|<upper` with a `.dev0` upper bound, the lowest release
 * of the next series, so pre-releases of that series stay outside as PEP 440 says.
 */
import { fail, ok, type Result } from "../../result.ts";
import type { VersConstraint } from "../model.ts";

const SPECIFIER = /^(===|==|!=|~=|<=|>=|<|>)?\s*(\S+)$/;
const RELEASE_PREFIX = /^\d+(?:\.\d+)*/;

/** The release series after `release` at its last component: 2.2 -> 3 when `drop` is 1. */
function nextSeries(release: string, drop: number): string | undefined {
  const parts = release.split(".").map(Number);
  if (parts.length <= drop) return undefined;
  const kept = parts.slice(0, parts.length - drop);
  kept[kept.length - 1]! += 1;
  return `${kept.join(".")}.dev0`;
}

function specifierConstraints(operator: string, version: string): VersConstraint[] | undefined {
  if (version.endsWith(".*")) {
    const prefix = version.slice(0, -2);
    const upper = operator === "==" && RELEASE_PREFIX.test(prefix) ? nextSeries(prefix, 0) : undefined;
    // '!=X.*' excludes a whole series, which a flat vers list cannot say.
    return upper === undefined
      ? undefined
      : [
          { comparator: ">=", version: `${prefix}.dev0` },
          { comparator: "<", version: upper },
        ];
  }
  if (operator === "~=") {
    const release = RELEASE_PREFIX.exec(version)?.[0];
    const upper = release === undefined ? undefined : nextSeries(release, 1);
    return upper === undefined
      ? undefined
      : [
          { comparator: ">=", version },
          { comparator: "<", version: upper },
        ];
  }
  if (operator === "" || operator === "==" || operator === "===") return [{ comparator: "=", version }];
  return [{ comparator: operator as VersConstraint["comparator"], version }];
}

/** Convert PEP 440 specifiers to flat vers constraints (unsorted). */
export function pypiNativeConstraints(native: string): Result<VersConstraint[]> {
  const out: VersConstraint[] = [];
  for (const raw of native.split(",")) {
    const m = SPECIFIER.exec(raw.trim());
    const constraints = m ? specifierConstraints(m[1] ?? "", m[2]!) : undefined;
    if (constraints === undefined)
      return fail("vers.invalid_native_range", `Cannot read PyPI specifier '${raw.trim()}'.`);
    out.push(...constraints);
  }
  return ok(out);
}
