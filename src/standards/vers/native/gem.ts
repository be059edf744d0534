/**
 * RubyGems requirements (`~> 2.0.8`, `>= 1.0, < 2`) to vers constraints. `~> X` means `>= X` and
 * below the next release of X's second-to-last segment (RubyGems' `Version#bump`).
 */
import { fail, ok, type Result } from "../../result.ts";
import type { VersConstraint } from "../model.ts";

const REQUIREMENT = /^(~>|>=|<=|!=|=|<|>)?\s*(\S+)$/;

/** RubyGems' bump: drop pre-release segments and the last segment, then increment the new last. */
function bump(version: string): string | undefined {
  const segments = version.split(".");
  while (segments.length > 0 && /[A-Za-z]/.test(segments[segments.length - 1]!)) segments.pop();
  if (segments.length > 1) segments.pop();
  const last = segments[segments.length - 1];
  if (last === undefined || !/^\d+$/.test(last)) return undefined;
  segments[segments.length - 1] = String(Number(last) + 1);
  return segments.join(".");
}

/** Convert RubyGems requirements to flat vers constraints (unsorted). */
export function gemNativeConstraints(native: string): Result<VersConstraint[]> {
  const out: VersConstraint[] = [];
  for (const raw of native.split(",")) {
    const m = REQUIREMENT.exec(raw.trim());
    if (!m) return fail("vers.invalid_native_range", `Cannot read RubyGems requirement '${raw.trim()}'.`);
    const operator = m[1] ?? "=";
    const version = m[2]!;
    if (operator === "~>") {
      const upper = bump(version);
      if (upper === undefined) return fail("vers.invalid_native_range", `Cannot bump RubyGems version '${version}'.`);
      out.push({ comparator: ">=", version }, { comparator: "<", version: upper });
    } else {
      out.push({ comparator: operator as VersConstraint["comparator"], version });
    }
  }
  return ok(out);
}
