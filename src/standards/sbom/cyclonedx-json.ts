/** CycloneDX JSON reader and stable writer. */
import { findNonJson, parseJsonText, stringifyStable } from "../json/index.ts";
import { fail, ok, type Result } from "../result.ts";
import { CYCLONEDX_FIELD_ORDER, type CycloneDxBom } from "./cyclonedx-types.ts";
import { validateCycloneDx } from "./cyclonedx-validate.ts";

/**
 * Accept an already-decoded value as a CycloneDX BOM. The value itself is returned, typed.
 * Fails with `cyclonedx.not_json` or the first error of {@link validateCycloneDx}.
 */
export function parseCycloneDxValue(value: unknown): Result<CycloneDxBom> {
  const nonJson = findNonJson(value);
  if (nonJson !== undefined) return fail("cyclonedx.not_json", `${nonJson} is not a JSON value`, nonJson);
  const [first] = validateCycloneDx(value).errors;
  if (first) return { ok: false, error: first };
  return ok(value as CycloneDxBom);
}

/** Parse CycloneDX JSON text (`cyclonedx.invalid_json` on a syntax error). */
export function parseCycloneDxJson(text: string): Result<CycloneDxBom> {
  const parsed = parseJsonText(text, "cyclonedx");
  return parsed.ok ? parseCycloneDxValue(parsed.value) : parsed;
}

/** Emit a BOM as stable JSON (specification member order first, others sorted, trailing newline). */
export function emitCycloneDxJson(bom: CycloneDxBom): string {
  return stringifyStable(bom, CYCLONEDX_FIELD_ORDER);
}
