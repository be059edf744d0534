/**
 * NuGet version ranges to vers constraints: interval notation (`[1.0, 2.0)`, `(,1.0]`, `[1.0]`)
 * and a bare version, which NuGet reads as a minimum (`1.0` means `>= 1.0`).
 */
import { fail, ok, type Result } from "../../result.ts";
import type { VersConstraint } from "../model.ts";

const INTERVAL = /^([[(])\s*([^,\s]*)\s*(?:(,)\s*([^,\s]*)\s*)?([\])])$/;
const BARE = /^[0-9][0-9A-Za-z.+-]*$/;

/** Convert a NuGet range to flat vers constraints (unsorted). */
export function nugetNativeConstraints(native: string): Result<VersConstraint[]> {
  const text = native.trim();
  const invalid = fail<VersConstraint[]>("vers.invalid_native_range", `Cannot read NuGet range '${native}'.`);
  if (BARE.test(text)) return ok([{ comparator: ">=", version: text }]);
  const m = INTERVAL.exec(text);
  if (!m) return invalid;
  const [, open, low = "", comma, high = "", close] = m;
  if (comma === undefined) {
    // '[1.0]' is the only interval without a comma: exactly that version.
    return open === "[" && close === "]" && low !== "" ? ok([{ comparator: "=", version: low }]) : invalid;
  }
  const out: VersConstraint[] = [];
  if (low !== "") out.push({ comparator: open === "[" ? ">=" : ">", version: low });
  if (high !== "") out.push({ comparator: close === "]" ? "<=" : "<", version: high });
  return ok(out.length > 0 ? out : [{ comparator: "*", version: "" }]);
}
