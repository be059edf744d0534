/**
 * SSVC selection lists (SSVC `SelectionList` schema 2.0.0, the shape CVE JSON 5.2 embeds as
 * `ssvcV2_0_0`): which values were selected for which decision points, when, and about what.
 */

import type { JsonObject } from "../json/index.ts";
import { fail, ok, type Result } from "../result.ts";
import { isRfc3339DateTime } from "../text/date-time.ts";
import { isSsvcKey, isSsvcVersion, SSVC_SCHEMA_VERSION } from "./decision-point.ts";
import type { DecisionOutcome, SsvcInputs } from "./evaluate.ts";
import { arrayAt, child, objectAt, onlyFields, optionalStringAt, stringAt } from "./json-fields.ts";
import { parseSsvcNamespace } from "./namespace.ts";

/** A selected value; only `key` is required. */
export interface SelectedValueRef {
  key: string;
  name?: string;
  definition?: string;
}

/** The values selected for one decision point. */
export interface Selection {
  namespace: string;
  key: string;
  version: string;
  name?: string;
  definition?: string;
  /** At least one; several express uncertainty. */
  values: SelectedValueRef[];
}

/** A link to material about the decision points or the selections. */
export interface SsvcReference {
  uri: string;
  summary: string;
}

/** An SSVC selection list. Member names follow the JSON. */
export interface SelectionList {
  schemaVersion: "2.0.0";
  /** RFC 3339 date-time of the selections. */
  timestamp: string;
  /** What was evaluated: CVE ids, advisory ids, … (unique). */
  target_ids?: string[];
  selections: Selection[];
  decision_point_resources?: SsvcReference[];
  references?: SsvcReference[];
}

/** Options for {@link selectionListFromOutcome}. */
export interface SelectionListOptions {
  /** When the selections were made: an RFC 3339 string or a Date (written in UTC). */
  timestamp: string | Date;
  targetIds?: readonly string[];
  references?: readonly SsvcReference[];
  decisionPointResources?: readonly SsvcReference[];
  /** Copy decision point and value names into the list (default true). */
  includeNames?: boolean;
  /** Copy definitions too (default false: they make the list long). */
  includeDefinitions?: boolean;
}

const URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/;

/**
 * The selection list recording an evaluation: every input value (given or derived) and the outcome,
 * each as a selection of its decision point.
 */
export function selectionListFromOutcome(outcome: DecisionOutcome, options: SelectionListOptions): SelectionList {
  const names = options.includeNames ?? true;
  const definitions = options.includeDefinitions ?? false;
  const selections = outcome.selections.map(({ decisionPoint, value }): Selection => {
    const selected: SelectedValueRef = { key: value.key };
    if (names) selected.name = value.name;
    if (definitions) selected.definition = value.definition;
    const selection: Selection = {
      namespace: decisionPoint.namespace,
      key: decisionPoint.key,
      version: decisionPoint.version,
      values: [selected],
    };
    if (names) selection.name = decisionPoint.name;
    if (definitions) selection.definition = decisionPoint.definition;
    return selection;
  });
  const timestamp = typeof options.timestamp === "string" ? options.timestamp : options.timestamp.toISOString();
  const list: SelectionList = { schemaVersion: SSVC_SCHEMA_VERSION, timestamp, selections };
  if (options.targetIds && options.targetIds.length > 0) list.target_ids = [...new Set(options.targetIds)];
  if (options.decisionPointResources?.length)
    list.decision_point_resources = options.decisionPointResources.map((r) => ({ ...r }));
  if (options.references?.length) list.references = options.references.map((r) => ({ ...r }));
  return list;
}

/** Inputs for evaluation from a selection list: decision point id → selected value keys. */
export function selectionInputs(list: SelectionList): SsvcInputs {
  const inputs: Record<string, string[]> = {};
  for (const selection of list.selections) {
    inputs[`${selection.namespace}:${selection.key}:${selection.version}`] = selection.values.map((value) => value.key);
  }
  return inputs;
}

/** Parse and check an SSVC selection list against the SelectionList 2.0.0 rules. */
export function parseSelectionList(json: unknown): Result<SelectionList> {
  const object = objectAt(json, "");
  if (!object.ok) return object;
  const o = object.value;
  const fields = onlyFields(
    o,
    ["timestamp", "schemaVersion", "target_ids", "selections", "decision_point_resources", "references"],
    "",
  );
  if (!fields.ok) return fields;
  const schemaVersion = stringAt(o, "schemaVersion", "");
  if (!schemaVersion.ok) return schemaVersion;
  if (schemaVersion.value !== SSVC_SCHEMA_VERSION) {
    return fail("ssvc.unsupported_schema_version", `schemaVersion must be ${SSVC_SCHEMA_VERSION}`, "/schemaVersion");
  }
  const timestamp = stringAt(o, "timestamp", "");
  if (!timestamp.ok) return timestamp;
  if (!isRfc3339DateTime(timestamp.value))
    return fail("ssvc.invalid_timestamp", "timestamp must be an RFC 3339 date-time", "/timestamp");
  const list: SelectionList = { schemaVersion: SSVC_SCHEMA_VERSION, timestamp: timestamp.value, selections: [] };

  if (o.target_ids !== undefined) {
    const ids = arrayAt(o, "target_ids", "", 1);
    if (!ids.ok) return ids;
    for (const [index, id] of ids.value.entries()) {
      if (typeof id !== "string")
        return fail("ssvc.invalid_type", "target ids are strings", child("/target_ids", index));
    }
    if (new Set(ids.value).size !== ids.value.length)
      return fail("ssvc.duplicate_target", "target ids must be unique", "/target_ids");
    list.target_ids = ids.value as string[];
  }
  const selections = arrayAt(o, "selections", "", 1);
  if (!selections.ok) return selections;
  for (const [index, item] of selections.value.entries()) {
    const selection = parseSelection(item, child("/selections", index));
    if (!selection.ok) return selection;
    list.selections.push(selection.value);
  }
  for (const field of ["decision_point_resources", "references"] as const) {
    if (o[field] === undefined) continue;
    const items = arrayAt(o, field, "", 1);
    if (!items.ok) return items;
    const references: SsvcReference[] = [];
    for (const [index, item] of items.value.entries()) {
      const reference = parseReference(item, child(`/${field}`, index));
      if (!reference.ok) return reference;
      references.push(reference.value);
    }
    list[field] = references;
  }
  return ok(list);
}

function parseSelection(json: unknown, path: string): Result<Selection> {
  const object = objectAt(json, path);
  if (!object.ok) return object;
  const o = object.value;
  const fields = onlyFields(o, ["namespace", "key", "version", "name", "definition", "values"], path);
  if (!fields.ok) return fields;
  const namespace = stringAt(o, "namespace", path);
  if (!namespace.ok) return namespace;
  const ns = parseSsvcNamespace(namespace.value);
  if (!ns.ok) return fail(ns.error.code, ns.error.message, child(path, "namespace"));
  const key = stringAt(o, "key", path);
  if (!key.ok) return key;
  if (!isSsvcKey(key.value)) return fail("ssvc.invalid_key", `invalid key "${key.value}"`, child(path, "key"));
  const version = stringAt(o, "version", path);
  if (!version.ok) return version;
  if (!isSsvcVersion(version.value))
    return fail("ssvc.invalid_version", `invalid version "${version.value}"`, child(path, "version"));
  const selection: Selection = { namespace: namespace.value, key: key.value, version: version.value, values: [] };
  const described = describe(o, path);
  if (!described.ok) return described;
  Object.assign(selection, described.value);
  const values = arrayAt(o, "values", path, 1);
  if (!values.ok) return values;
  for (const [index, item] of values.value.entries()) {
    const valuePath = child(child(path, "values"), index);
    const value = objectAt(item, valuePath);
    if (!value.ok) return value;
    const valueFields = onlyFields(value.value, ["key", "name", "definition"], valuePath);
    if (!valueFields.ok) return valueFields;
    const valueKey = stringAt(value.value, "key", valuePath);
    if (!valueKey.ok) return valueKey;
    if (!isSsvcKey(valueKey.value))
      return fail("ssvc.invalid_key", `invalid value key "${valueKey.value}"`, child(valuePath, "key"));
    const valueDescribed = describe(value.value, valuePath);
    if (!valueDescribed.ok) return valueDescribed;
    selection.values.push({ key: valueKey.value, ...valueDescribed.value });
  }
  return ok(selection);
}

/** Optional non-empty `name` and `definition` members. */
function describe(o: JsonObject, path: string): Result<{ name?: string; definition?: string }> {
  const out: { name?: string; definition?: string } = {};
  for (const field of ["name", "definition"] as const) {
    const value = optionalStringAt(o, field, path);
    if (!value.ok) return value;
    if (value.value === undefined) continue;
    if (value.value === "") return fail("ssvc.empty_string", `${field} must not be empty`, child(path, field));
    out[field] = value.value;
  }
  return ok(out);
}

function parseReference(json: unknown, path: string): Result<SsvcReference> {
  const object = objectAt(json, path);
  if (!object.ok) return object;
  const fields = onlyFields(object.value, ["uri", "summary"], path);
  if (!fields.ok) return fields;
  const uri = stringAt(object.value, "uri", path);
  if (!uri.ok) return uri;
  if (!URI.test(uri.value))
    return fail("ssvc.invalid_uri", `"${uri.value}" is not an absolute URI`, child(path, "uri"));
  const summary = stringAt(object.value, "summary", path);
  if (!summary.ok) return summary;
  return ok({ uri: uri.value, summary: summary.value });
}

/** The JSON object for a selection list, members in the schema's order. */
export function emitSelectionList(list: SelectionList): JsonObject {
  const out: JsonObject = { schemaVersion: list.schemaVersion, timestamp: list.timestamp };
  if (list.target_ids) out.target_ids = [...list.target_ids];
  out.selections = list.selections.map((selection) => {
    const s: JsonObject = { namespace: selection.namespace, key: selection.key, version: selection.version };
    if (selection.name !== undefined) s.name = selection.name;
    if (selection.definition !== undefined) s.definition = selection.definition;
    s.values = selection.values.map((value) => {
      const v: JsonObject = { key: value.key };
      if (value.name !== undefined) v.name = value.name;
      if (value.definition !== undefined) v.definition = value.definition;
      return v;
    });
    return s;
  });
  if (list.decision_point_resources)
    out.decision_point_resources = list.decision_point_resources.map((r) => ({ uri: r.uri, summary: r.summary }));
  if (list.references) out.references = list.references.map((r) => ({ uri: r.uri, summary: r.summary }));
  return out;
}
