/**
 * SSVC decision tables (SSVC `DecisionTable` schema 2.0.0): input decision points, one outcome
 * decision point, and a mapping whose rows give the outcome value for a combination of input values.
 */
import type { JsonObject } from "../json/index.ts";
import { fail, ok, type Result } from "../result.ts";
import {
  type DecisionPoint,
  decisionPointId,
  emitDecisionPoint,
  isSsvcKey,
  isSsvcVersion,
  parseDecisionPoint,
  SSVC_SCHEMA_VERSION,
} from "./decision-point.ts";
import { arrayAt, child, objectAt, optionalStringAt, stringAt } from "./json-fields.ts";
import { parseSsvcNamespace } from "./namespace.ts";

/** A decision table. */
export interface DecisionTable {
  namespace: string;
  key: string;
  version: string;
  name: string;
  definition: string;
  /** Input decision points, in column order. */
  inputs: readonly DecisionPoint[];
  /** The decision point whose value the table decides. */
  outcome: DecisionPoint;
  /** Each row: the value keys of `inputs` in order, then the outcome value key. */
  rows: readonly (readonly string[])[];
}

/** The version SSVC's schema assumes when a table leaves it out. */
const DEFAULT_VERSION = "0.0.1";

/** `namespace:key:version` of a decision table. */
export function decisionTableId(table: DecisionTable): string {
  return decisionPointId(table);
}

/**
 * Parse an SSVC `DecisionTable` JSON object. Beyond the schema, it checks what evaluation relies
 * on: the outcome names one of the decision points, every mapping row gives a known value for every
 * decision point, and no input combination appears twice.
 */
export function parseDecisionTable(json: unknown): Result<DecisionTable> {
  const object = objectAt(json, "");
  if (!object.ok) return object;
  const o = object.value;
  const head: Partial<Record<"namespace" | "key" | "name" | "definition" | "schemaVersion", string>> = {};
  for (const field of ["namespace", "key", "name", "definition", "schemaVersion"] as const) {
    const value = stringAt(o, field, "");
    if (!value.ok) return value;
    head[field] = value.value;
  }
  const version = optionalStringAt(o, "version", "");
  if (!version.ok) return version;
  const meta = {
    namespace: head.namespace!,
    key: head.key!,
    version: version.value ?? DEFAULT_VERSION,
    name: head.name!,
    definition: head.definition!,
  };
  if (head.schemaVersion !== SSVC_SCHEMA_VERSION) {
    return fail("ssvc.unsupported_schema_version", `schemaVersion must be ${SSVC_SCHEMA_VERSION}`, "/schemaVersion");
  }
  const namespace = parseSsvcNamespace(meta.namespace);
  if (!namespace.ok) return fail(namespace.error.code, namespace.error.message, "/namespace");
  if (!isSsvcKey(meta.key)) return fail("ssvc.invalid_key", `invalid key "${meta.key}"`, "/key");
  if (!isSsvcVersion(meta.version))
    return fail("ssvc.invalid_version", `invalid version "${meta.version}"`, "/version");

  const points = objectAt(o.decision_points, "/decision_points");
  if (o.decision_points === undefined)
    return fail("ssvc.missing_field", "/decision_points is required", "/decision_points");
  if (!points.ok) return points;
  // Mapping rows name decision points by their dictionary key, which SSVC recommends (but does not require) be the id.
  const byEntryKey = new Map<string, DecisionPoint>();
  const ids = new Set<string>();
  for (const [entryKey, value] of Object.entries(points.value)) {
    const point = parseDecisionPoint(value, child("/decision_points", entryKey));
    if (!point.ok) return point;
    const id = decisionPointId(point.value);
    if (ids.has(id))
      return fail("ssvc.duplicate_decision_point", `${id} appears twice`, child("/decision_points", entryKey));
    ids.add(id);
    byEntryKey.set(entryKey, point.value);
  }
  if (byEntryKey.size === 0) return fail("ssvc.too_few_items", "/decision_points is empty", "/decision_points");
  const outcomeKey = stringAt(o, "outcome", "");
  if (!outcomeKey.ok) return outcomeKey;
  const outcome = byEntryKey.get(outcomeKey.value);
  if (!outcome)
    return fail("ssvc.unknown_outcome", `outcome "${outcomeKey.value}" is not in /decision_points`, "/outcome");
  const inputKeys = [...byEntryKey.keys()].filter((key) => key !== outcomeKey.value);
  if (inputKeys.length === 0)
    return fail("ssvc.no_inputs", "a decision table needs at least one input", "/decision_points");
  const columns = [...inputKeys, outcomeKey.value];
  const columnPoints = columns.map((key) => byEntryKey.get(key)!);

  const mapping = arrayAt(o, "mapping", "");
  if (!mapping.ok) return mapping;
  const rows: string[][] = [];
  const seen = new Set<string>();
  for (const [index, item] of mapping.value.entries()) {
    const path = child("/mapping", index);
    const row = objectAt(item, path);
    if (!row.ok) return row;
    for (const key of Object.keys(row.value)) {
      if (!byEntryKey.has(key))
        return fail("ssvc.unknown_decision_point", `"${key}" is not in /decision_points`, child(path, key));
    }
    const keys: string[] = [];
    for (const [column, entryKey] of columns.entries()) {
      const value = stringAt(row.value, entryKey, path);
      if (!value.ok) return value;
      if (!columnPoints[column]!.values.some((v) => v.key === value.value)) {
        return fail("ssvc.unknown_value", `"${value.value}" is not a value of ${entryKey}`, child(path, entryKey));
      }
      keys.push(value.value);
    }
    const combination = keys.slice(0, -1).join("\u0000");
    if (seen.has(combination)) return fail("ssvc.duplicate_row", "this input combination appears twice", path);
    seen.add(combination);
    rows.push(keys);
  }
  return ok({ ...meta, inputs: columnPoints.slice(0, -1), outcome, rows });
}

/** The SSVC `DecisionTable` JSON object for a table, decision points keyed by their ids. */
export function emitDecisionTable(table: DecisionTable): JsonObject {
  const columns = [...table.inputs, table.outcome];
  const ids = columns.map((point) => decisionPointId(point));
  const decisionPoints: JsonObject = {};
  for (const [index, point] of columns.entries()) decisionPoints[ids[index]!] = emitDecisionPoint(point);
  return {
    namespace: table.namespace,
    key: table.key,
    version: table.version,
    name: table.name,
    definition: table.definition,
    schemaVersion: SSVC_SCHEMA_VERSION,
    decision_points: decisionPoints,
    outcome: ids[ids.length - 1]!,
    mapping: table.rows.map((row) => Object.fromEntries(ids.map((id, column) => [id, row[column]!]))),
  };
}
