/**
 * Field readers shared by the SSVC JSON parsers: each returns a typed value or an issue naming
 * the JSON pointer at fault, so parsers stay short and never throw.
 */
import { isJsonObject, type JsonObject } from "../json/index.ts";
import { fail, ok, type Result } from "../result.ts";

/** The JSON pointer of member `token` under `path`, escaped per RFC 6901. */
export function child(path: string, token: string | number): string {
  return `${path}/${String(token).replace(/~/g, "~0").replace(/\//g, "~1")}`;
}

/** The value at `path` as an object, or `ssvc.invalid_type`. */
export function objectAt(value: unknown, path: string): Result<JsonObject> {
  return isJsonObject(value) ? ok(value) : fail("ssvc.invalid_type", `${path || "/"} must be an object`, path || "/");
}

/** A required string member, or `ssvc.missing_field` / `ssvc.invalid_type`. */
export function stringAt(object: JsonObject, field: string, path: string): Result<string> {
  const at = child(path, field);
  const value = object[field];
  if (value === undefined) return fail("ssvc.missing_field", `${at} is required`, at);
  if (typeof value !== "string") return fail("ssvc.invalid_type", `${at} must be a string`, at);
  return ok(value);
}

/** An optional string member: undefined when absent. */
export function optionalStringAt(object: JsonObject, field: string, path: string): Result<string | undefined> {
  return object[field] === undefined ? ok(undefined) : stringAt(object, field, path);
}

/** A required array member, at least `minItems` long. */
export function arrayAt(object: JsonObject, field: string, path: string, minItems = 0): Result<unknown[]> {
  const at = child(path, field);
  const value = object[field];
  if (value === undefined) return fail("ssvc.missing_field", `${at} is required`, at);
  if (!Array.isArray(value)) return fail("ssvc.invalid_type", `${at} must be an array`, at);
  if (value.length < minItems) return fail("ssvc.too_few_items", `${at} needs at least ${minItems} item(s)`, at);
  return ok(value);
}

/** `ssvc.unknown_field` for the first member not in `allowed` (schemas with additionalProperties false). */
export function onlyFields(object: JsonObject, allowed: readonly string[], path: string): Result<true> {
  for (const field of Object.keys(object)) {
    const at = child(path, field);
    if (!allowed.includes(field)) return fail("ssvc.unknown_field", `${at} is not allowed`, at);
  }
  return ok(true);
}
