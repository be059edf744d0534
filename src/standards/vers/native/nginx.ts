/**
 * nginx security-advisory ranges (`0.7.52-0.8.39, 0.8.40+`) to vers constraints. `X+` means X and
 * later releases of X's branch when the branch is stable (even minor), and everything from X on a
 * mainline (odd minor) branch.
 */
import { fail, ok, type Result } from "../../result.ts";
import type { VersConstraint } from "../model.ts";

const VERSION = /^(\d+)\.(\d+)(?:\.\d+)*$/;

/** Convert nginx advisory ranges to flat vers constraints (unsorted). */
export function nginxNativeConstraints(native: string): Result<VersConstraint[]> {
  const out: VersConstraint[] = [];
  for (const raw of native.split(",")) {
    const clause = raw.trim();
    const invalid = fail<VersConstraint[]>("vers.invalid_native_range", `Cannot read nginx range '${clause}'.`);
    if (clause.endsWith("+")) {
      const version = clause.slice(0, -1);
      const m = VERSION.exec(version);
      if (!m) return invalid;
      const minor = Number(m[2]);
      out.push({ comparator: ">=", version });
      if (minor % 2 === 0) out.push({ comparator: "<", version: `${m[1]}.${minor + 1}.0` });
    } else if (clause.includes("-")) {
      const [low = "", high = ""] = clause.split("-");
      if (!VERSION.test(low) || !VERSION.test(high)) return invalid;
      out.push({ comparator: ">=", version: low }, { comparator: "<=", version: high });
    } else {
      if (!VERSION.test(clause)) return invalid;
      out.push({ comparator: "=", version: clause });
    }
  }
  return ok(out);
}
