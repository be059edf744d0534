/**
 * Plain JSON values and a parser that reports bad text as a typed error instead of throwing.
 */
import { fail, ok, type Result } from "../result.ts";

/** Any value JSON can carry. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;

/** A JSON object: free-form members such as OSV `database_specific` or CVE `x_` extensions. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** True for a non-null, non-array object (what JSON calls an object). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Parse JSON text. A syntax error becomes `<area>.invalid_json` naming the parser's complaint.
 * A leading byte-order mark is tolerated because exported files often carry one.
 */
export function parseJsonText(text: string, area: string): Result<unknown> {
  if (typeof text !== "string") return fail(`${area}.invalid_json`, "input is not a string");
  try {
    return ok(JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text));
  } catch (error) {
    return fail(`${area}.invalid_json`, `not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * JSON pointer of the first member that JSON cannot carry (a function, `undefined` in an array,
 * a non-finite number, a bigint, a Map, a Date, a cycle...), or `undefined` when `value` is plain
 * JSON. Object members set to `undefined` count as absent. Values built in code or read from YAML can hold such things; emitting them would throw
 * or silently change the document.
 */
export function findNonJson(value: unknown, path = "", seen: Set<object> = new Set()): string | undefined {
  if (value === null || typeof value === "string" || typeof value === "boolean") return undefined;
  if (typeof value === "number") return Number.isFinite(value) ? undefined : path || "/";
  if (typeof value !== "object") return path || "/";
  if (seen.has(value)) return path || "/";
  seen.add(value);
  let found: string | undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && found === undefined; i++) found = findNonJson(value[i], `${path}/${i}`, seen);
  } else {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return path || "/";
    for (const [key, member] of Object.entries(value)) {
      // An undefined member is simply absent in JSON (JSON.stringify drops it); the schema decides if it was required.
      if (member === undefined) continue;
      found = findNonJson(member, `${path}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`, seen);
      if (found !== undefined) break;
    }
  }
  seen.delete(value);
  return found;
}
