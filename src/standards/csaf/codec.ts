/** CSAF JSON in and out: parse documents from JSON values or text, emit documents as stable JSON. */

import { fail, ok, type Result } from "../result.ts";
import type { CsafDocument } from "./document-types.ts";
import { sortKeysDeep } from "./json-order.ts";
import { checkCsafSchema } from "./schema-validator.ts";

/**
 * Accepts a JSON value that conforms to the CSAF 2.0 JSON schema and returns it typed (the value itself, not a
 * copy). The error (`csaf.schema`) names the first violation. Conformance beyond the schema (the tests of section
 * 6) is {@link validateCsaf}'s job.
 */
export function parseCsaf(value: unknown): Result<CsafDocument> {
  const violations = checkCsafSchema(value);
  const first = violations[0];
  if (first === undefined) return ok(value as CsafDocument);
  const more = violations.length > 1 ? ` (and ${violations.length - 1} more)` : "";
  return fail("csaf.schema", `${first.message}${more}`, first.path);
}

/** Parses JSON text (`csaf.invalid_json` when it is not JSON), then as {@link parseCsaf}. */
export function parseCsafJson(text: string): Result<CsafDocument> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail("csaf.invalid_json", `not JSON: ${(error as Error).message}`);
  }
  return parseCsaf(value);
}

/**
 * Stable JSON text of a CSAF document (or of provider metadata or a ROLIE document): keys in the alphabetical
 * order CSAF asks for (test 6.2.13), two-space indentation. Equal values give byte-identical text.
 */
export function emitCsaf(value: object): string {
  return JSON.stringify(sortKeysDeep(value), null, 2);
}
