/**
 * SSVC decision points: a namespaced, versioned question with an ordered list of values.
 * A decision point is identified by `namespace:key:version` (e.g. `ssvc:E:1.1.0`); a value by its
 * key within the decision point. Values are listed in the order the SSVC project defines them,
 * which for ranked questions runs from least to most urgent.
 */
import type { JsonObject } from "../json/index.ts";
import { fail, ok, type Result } from "../result.ts";
import { arrayAt, child, objectAt, stringAt } from "./json-fields.ts";
import { parseSsvcNamespace } from "./namespace.ts";

/** One possible answer to a decision point. */
export interface DecisionPointValue {
  /** Short key, unique within the decision point (e.g. `A`). */
  key: string;
  /** Human name (e.g. `Active`). */
  name: string;
  definition: string;
}

/** A decision point (SSVC `DecisionPoint` schema 2.0.0). */
export interface DecisionPoint {
  namespace: string;
  key: string;
  /** Semantic version of the decision point. */
  version: string;
  name: string;
  definition: string;
  /** The values, in their defined order. */
  values: readonly DecisionPointValue[];
}

/** The parts of a `namespace:key:version` identifier. */
export interface DecisionPointRef {
  namespace: string;
  key: string;
  version: string;
}

/** SSVC object keys: alphanumerics and `_`, starting and ending alphanumeric; `T*` is grandfathered. */
const KEY = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9_]*[a-zA-Z0-9]|T\*)$/;
/** Semantic Versioning 2.0.0. */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** The schema version of SSVC 2 JSON objects. */
export const SSVC_SCHEMA_VERSION = "2.0.0";

/** True for a valid SSVC object key. */
export function isSsvcKey(text: string): boolean {
  return KEY.test(text);
}

/** True for a valid semantic version string. */
export function isSsvcVersion(text: string): boolean {
  return SEMVER.test(text);
}

/** `namespace:key:version` of a decision point (or decision table). */
export function decisionPointId(ref: DecisionPointRef): string {
  return `${ref.namespace}:${ref.key}:${ref.version}`;
}

/** Split and check a `namespace:key:version` identifier. */
export function parseDecisionPointId(text: unknown): Result<DecisionPointRef> {
  if (typeof text !== "string") return fail("ssvc.invalid_id", "a decision point id must be a string");
  const parts = text.split(":");
  if (parts.length !== 3) return fail("ssvc.invalid_id", `expected namespace:key:version, got "${text}"`);
  const [namespace, key, version] = parts as [string, string, string];
  const ns = parseSsvcNamespace(namespace);
  if (!ns.ok) return ns;
  if (!KEY.test(key)) return fail("ssvc.invalid_key", `invalid key "${key}" in "${text}"`);
  if (!SEMVER.test(version)) return fail("ssvc.invalid_version", `invalid version "${version}" in "${text}"`);
  return ok({ namespace, key, version });
}

/**
 * The value of `point` whose key is `keyOrName`, or failing that whose name matches it ignoring
 * case (so `"A"`, `"Active"` and `"active"` all find Exploitation's Active).
 */
export function findValue(point: DecisionPoint, keyOrName: string): DecisionPointValue | undefined {
  const byKey = point.values.find((value) => value.key === keyOrName);
  if (byKey) return byKey;
  const lower = keyOrName.toLowerCase();
  return point.values.find((value) => value.name.toLowerCase() === lower);
}

/** Position of the value with key `key` in the decision point's order, or -1. */
export function valueIndex(point: DecisionPoint, key: string): number {
  return point.values.findIndex((value) => value.key === key);
}

/**
 * Order two value keys of one decision point by their defined order: negative when `a` comes
 * first. Unknown keys sort after known ones.
 */
export function compareValues(point: DecisionPoint, a: string, b: string): number {
  const rank = (key: string): number => {
    const index = valueIndex(point, key);
    return index < 0 ? point.values.length : index;
  };
  return rank(a) - rank(b);
}

/** Parse an SSVC `DecisionPoint` JSON object found at `path`. */
export function parseDecisionPoint(json: unknown, path = ""): Result<DecisionPoint> {
  const object = objectAt(json, path);
  if (!object.ok) return object;
  const o = object.value;
  const fields: Record<"namespace" | "key" | "version" | "name" | "definition" | "schemaVersion", string> = {
    namespace: "",
    key: "",
    version: "",
    name: "",
    definition: "",
    schemaVersion: "",
  };
  for (const field of Object.keys(fields) as (keyof typeof fields)[]) {
    const value = stringAt(o, field, path);
    if (!value.ok) return value;
    fields[field] = value.value;
  }
  if (fields.schemaVersion !== SSVC_SCHEMA_VERSION) {
    return fail(
      "ssvc.unsupported_schema_version",
      `schemaVersion must be ${SSVC_SCHEMA_VERSION}`,
      child(path, "schemaVersion"),
    );
  }
  const namespace = parseSsvcNamespace(fields.namespace);
  if (!namespace.ok) return fail(namespace.error.code, namespace.error.message, child(path, "namespace"));
  if (!KEY.test(fields.key)) return fail("ssvc.invalid_key", `invalid key "${fields.key}"`, child(path, "key"));
  if (!SEMVER.test(fields.version)) {
    return fail("ssvc.invalid_version", `invalid version "${fields.version}"`, child(path, "version"));
  }
  const list = arrayAt(o, "values", path, 1);
  if (!list.ok) return list;
  const values: DecisionPointValue[] = [];
  for (const [index, item] of list.value.entries()) {
    const value = parseValue(item, child(child(path, "values"), index));
    if (!value.ok) return value;
    if (values.some((v) => v.key === value.value.key)) {
      return fail(
        "ssvc.duplicate_value",
        `value key "${value.value.key}" appears twice`,
        child(child(path, "values"), index),
      );
    }
    values.push(value.value);
  }
  return ok({
    namespace: fields.namespace,
    key: fields.key,
    version: fields.version,
    name: fields.name,
    definition: fields.definition,
    values,
  });
}

function parseValue(json: unknown, path: string): Result<DecisionPointValue> {
  const object = objectAt(json, path);
  if (!object.ok) return object;
  const key = stringAt(object.value, "key", path);
  if (!key.ok) return key;
  if (!KEY.test(key.value)) return fail("ssvc.invalid_key", `invalid value key "${key.value}"`, child(path, "key"));
  const name = stringAt(object.value, "name", path);
  if (!name.ok) return name;
  const definition = stringAt(object.value, "definition", path);
  if (!definition.ok) return definition;
  return ok({ key: key.value, name: name.value, definition: definition.value });
}

/** The SSVC `DecisionPoint` JSON object for a decision point. */
export function emitDecisionPoint(point: DecisionPoint): JsonObject {
  return {
    namespace: point.namespace,
    key: point.key,
    version: point.version,
    name: point.name,
    definition: point.definition,
    schemaVersion: SSVC_SCHEMA_VERSION,
    values: point.values.map((value) => ({ key: value.key, name: value.name, definition: value.definition })),
  };
}
