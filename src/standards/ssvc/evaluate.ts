/**
 * Evaluating decision tables: a selection of input values → the outcome value. Inputs are named by
 * decision point id (`ssvc:E:1.1.0`) or, when unambiguous, by bare key (`E`); values by key (`A`)
 * or name (`Active`, any case). A missing input can be derived through another table whose outcome
 * it is (Human Impact from Safety Impact and Mission Impact, Utility from Automatable and Value
 * Density), when such tables are passed in `derive`.
 */
import { fail, ok, type Result } from "../result.ts";
import { type DecisionPoint, type DecisionPointValue, decisionPointId, findValue } from "./decision-point.ts";
import { type DecisionTable, decisionTableId } from "./decision-table.ts";

/** Selected values per decision point: one value, or several when the answer is uncertain. */
export type SsvcInputs = Readonly<Record<string, string | readonly string[]>>;

/** A decision point with the value chosen for it. */
export interface SelectedValue {
  decisionPoint: DecisionPoint;
  value: DecisionPointValue;
}

/** The result of evaluating a table on one value per input. */
export interface DecisionOutcome {
  /** Id of the table evaluated (`namespace:key:version`). */
  table: string;
  outcome: DecisionPoint;
  value: DecisionPointValue;
  /**
   * Every value that led to the outcome, in evaluation order: given inputs, values derived through
   * helper tables (after the inputs they came from), and last the outcome itself.
   */
  selections: SelectedValue[];
}

/** Options for evaluation. */
export interface EvaluateOptions {
  /** Tables that may derive a missing input (matched by their outcome decision point). */
  derive?: readonly DecisionTable[];
}

/** Derivation chains deeper than this are treated as a cycle. */
const MAX_DEPTH = 8;

/** One evaluated table: its possible outcome keys and, per input, the keys used and where they came from. */
interface Evaluation {
  table: DecisionTable;
  outcomeKeys: string[];
  columns: { point: DecisionPoint; keys: string[]; derived?: Evaluation }[];
}

/**
 * Evaluate `table` on exactly one value per input. Errors: `ssvc.unknown_decision_point`,
 * `ssvc.ambiguous_decision_point`, `ssvc.duplicate_input`, `ssvc.unknown_value`,
 * `ssvc.missing_value`, `ssvc.multiple_values`, `ssvc.no_matching_row`.
 */
export function evaluateDecisionTable(
  table: DecisionTable,
  inputs: SsvcInputs,
  options: EvaluateOptions = {},
): Result<DecisionOutcome> {
  const helpers = options.derive ?? [];
  const given = resolveInputs([table, ...helpers], inputs);
  if (!given.ok) return given;
  for (const [id, keys] of given.value) {
    if (keys.length > 1) return fail("ssvc.multiple_values", `${id} has several values; use possibleOutcomes`, id);
  }
  const evaluation = evaluate(table, given.value, helpers, false, 0);
  if (!evaluation.ok) return evaluation;
  const key = evaluation.value.outcomeKeys[0]!;
  const selections: SelectedValue[] = [];
  collectSelections(evaluation.value, selections, new Set());
  const value = table.outcome.values.find((v) => v.key === key)!;
  selections.push({ decisionPoint: table.outcome, value });
  return ok({ table: decisionTableId(table), outcome: table.outcome, value, selections });
}

/**
 * Every outcome value the table can give for the selection, in the outcome's value order. An input
 * may list several values, and a missing input (that no helper derives) counts as any value.
 */
export function possibleOutcomes(
  table: DecisionTable,
  inputs: SsvcInputs,
  options: EvaluateOptions = {},
): Result<DecisionPointValue[]> {
  const helpers = options.derive ?? [];
  const given = resolveInputs([table, ...helpers], inputs);
  if (!given.ok) return given;
  const evaluation = evaluate(table, given.value, helpers, true, 0);
  if (!evaluation.ok) return evaluation;
  const keys = new Set(evaluation.value.outcomeKeys);
  return ok(table.outcome.values.filter((value) => keys.has(value.key)));
}

/** Map each named input to its decision point id and value keys, checking both against the tables. */
function resolveInputs(tables: readonly DecisionTable[], inputs: SsvcInputs): Result<Map<string, string[]>> {
  if (typeof inputs !== "object" || inputs === null || Array.isArray(inputs)) {
    return fail("ssvc.invalid_type", "inputs must be an object of decision point → value(s)");
  }
  const universe = new Map<string, DecisionPoint>();
  for (const table of tables) {
    for (const point of [...table.inputs, table.outcome]) universe.set(decisionPointId(point), point);
  }
  const resolved = new Map<string, string[]>();
  for (const [name, raw] of Object.entries(inputs)) {
    const point = lookup(universe, name);
    if (!point.ok) return point;
    const id = decisionPointId(point.value);
    if (resolved.has(id)) return fail("ssvc.duplicate_input", `${id} is given more than once`, name);
    const list: unknown[] = typeof raw === "string" ? [raw] : Array.isArray(raw) ? raw : [raw];
    if (list.length === 0) return fail("ssvc.missing_value", `no value given for ${id}`, name);
    const keys: string[] = [];
    for (const item of list) {
      const value = typeof item === "string" ? findValue(point.value, item) : undefined;
      if (!value)
        return fail("ssvc.unknown_value", `${JSON.stringify(item) ?? "undefined"} is not a value of ${id}`, name);
      if (!keys.includes(value.key)) keys.push(value.key);
    }
    resolved.set(id, keys);
  }
  return ok(resolved);
}

function lookup(universe: ReadonlyMap<string, DecisionPoint>, name: string): Result<DecisionPoint> {
  const exact = universe.get(name);
  if (exact) return ok(exact);
  const byKey = [...universe.values()].filter((point) => point.key === name);
  if (byKey.length === 1) return ok(byKey[0]!);
  if (byKey.length > 1) return fail("ssvc.ambiguous_decision_point", `"${name}" matches several decision points`, name);
  return fail("ssvc.unknown_decision_point", `"${name}" is not a decision point of this table`, name);
}

/** Evaluate one table; `anyWhenMissing` lets an underived missing input stand for all its values. */
function evaluate(
  table: DecisionTable,
  given: ReadonlyMap<string, string[]>,
  helpers: readonly DecisionTable[],
  anyWhenMissing: boolean,
  depth: number,
): Result<Evaluation> {
  if (depth > MAX_DEPTH)
    return fail("ssvc.derivation_cycle", `deriving inputs of ${decisionTableId(table)} does not end`);
  const columns: Evaluation["columns"] = [];
  for (const point of table.inputs) {
    const id = decisionPointId(point);
    const keys = given.get(id);
    if (keys) {
      columns.push({ point, keys });
      continue;
    }
    const helper = helpers.find((candidate) => candidate !== table && decisionPointId(candidate.outcome) === id);
    if (helper) {
      const derived = evaluate(helper, given, helpers, anyWhenMissing, depth + 1);
      if (!derived.ok) return derived;
      columns.push({ point, keys: derived.value.outcomeKeys, derived: derived.value });
    } else if (anyWhenMissing) {
      columns.push({ point, keys: point.values.map((value) => value.key) });
    } else {
      return fail("ssvc.missing_value", `no value given for ${id}`, id);
    }
  }
  const outcomeKeys = matchRows(
    table,
    columns.map((column) => column.keys),
  );
  if (outcomeKeys.length === 0) {
    return fail("ssvc.no_matching_row", `${decisionTableId(table)} has no row for this combination of values`);
  }
  return ok({ table, outcomeKeys, columns });
}

/** Outcome keys of the rows whose every input value is among the allowed keys, in outcome order. */
function matchRows(table: DecisionTable, allowed: readonly string[][]): string[] {
  if (allowed.every((keys) => keys.length === 1)) {
    const row = rowIndex(table).get(allowed.map((keys) => keys[0]).join("\u0000"));
    return row === undefined ? [] : [row[row.length - 1]!];
  }
  const sets = allowed.map((keys) => new Set(keys));
  const found = new Set<string>();
  for (const row of table.rows) {
    if (sets.every((set, column) => set.has(row[column]!))) found.add(row[row.length - 1]!);
  }
  return table.outcome.values.map((value) => value.key).filter((key) => found.has(key));
}

const indexes = new WeakMap<DecisionTable, Map<string, readonly string[]>>();

/** Input combination → row, built once per table object. */
function rowIndex(table: DecisionTable): Map<string, readonly string[]> {
  let index = indexes.get(table);
  if (!index) {
    index = new Map(table.rows.map((row) => [row.slice(0, -1).join("\u0000"), row]));
    indexes.set(table, index);
  }
  return index;
}

/** Flatten an evaluation into selected values: each derived value after the inputs it came from. */
function collectSelections(evaluation: Evaluation, out: SelectedValue[], seen: Set<string>): void {
  for (const column of evaluation.columns) {
    if (column.derived) collectSelections(column.derived, out, seen);
    const id = decisionPointId(column.point);
    if (seen.has(id)) continue;
    seen.add(id);
    const value = column.point.values.find((v) => v.key === column.keys[0])!;
    out.push({ decisionPoint: column.point, value });
  }
}
