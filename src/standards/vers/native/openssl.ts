/**
 * OpenSSL advisory version lists (`1.0.2ck, 3.1.2`) to vers constraints: each listed release is
 * one equality constraint.
 */
import { fail, ok, type Result } from "../../result.ts";
import type { VersConstraint } from "../model.ts";
import { openssl } from "../schemes/openssl.ts";

/** Convert an OpenSSL version list to flat vers constraints (unsorted). */
export function opensslNativeConstraints(native: string): Result<VersConstraint[]> {
  const out: VersConstraint[] = [];
  for (const raw of native.split(",")) {
    const version = raw.trim();
    if (!openssl.parse(version).ok) return fail("vers.invalid_native_range", `'${version}' is not an OpenSSL version.`);
    out.push({ comparator: "=", version });
  }
  return ok(out);
}
