/**
 * Reader for the SSVC project's CSV export of a decision table. The header is `row` followed by one
 * column per decision point, labelled `<name> v<version>` plus ` (<namespace>)` outside `ssvc`;
 * cells hold value names in lower case. Rows are read against a known table, so each cell
 * resolves to a value key.
 */

import { fail, ok, type Result } from "../result.ts";
import { parseCsv } from "../text/csv.ts";
import { type DecisionPoint, decisionPointId, findValue } from "./decision-point.ts";
import type { DecisionTable } from "./decision-table.ts";

/** One CSV row resolved to value keys. */
export interface DecisionTableCsvRow {
  /** The `row` cell. */
  row: string;
  /** Input decision point id → value key. */
  inputs: Record<string, string>;
  /** The outcome value key. */
  outcome: string;
}

const LABEL = /^(.+) v(\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]*)?)(?: \(([^()]+)\))?$/;

/**
 * Read a decision-table CSV against `table`. Fails with `ssvc.csv_unknown_column` when a header
 * names a decision point the table lacks, `ssvc.csv_unknown_value` for a cell that is no value
 * name of its column (path: `row <n>`).
 */
export function parseDecisionTableCsv(text: string, table: DecisionTable): Result<DecisionTableCsvRow[]> {
  const csv = parseCsv(text);
  if (!csv.ok) return csv;
  const [header, ...records] = csv.value;
  if (header?.[0] !== "row") return fail("ssvc.csv_bad_header", 'the first column must be "row"', "header");
  const points = [...table.inputs, table.outcome];
  const columns: DecisionPoint[] = [];
  for (const label of header.slice(1)) {
    const match = LABEL.exec(label);
    const point = match
      ? points.find((p) => p.name === match[1] && p.version === match[2] && p.namespace === (match[3] ?? "ssvc"))
      : undefined;
    if (!point) return fail("ssvc.csv_unknown_column", `"${label}" is not a decision point of the table`, "header");
    if (columns.includes(point)) return fail("ssvc.csv_duplicate_column", `"${label}" appears twice`, "header");
    columns.push(point);
  }
  if (columns.length !== points.length)
    return fail("ssvc.csv_missing_column", "the CSV lacks some of the table's decision points", "header");
  const outcomeId = decisionPointId(table.outcome);
  const rows: DecisionTableCsvRow[] = [];
  for (const [index, record] of records.entries()) {
    if (record.length === 1 && record[0] === "") continue;
    const path = `row ${index + 1}`;
    if (record.length !== header.length) return fail("ssvc.csv_bad_row", `expected ${header.length} cells`, path);
    const row: DecisionTableCsvRow = { row: record[0]!, inputs: {}, outcome: "" };
    for (const [column, point] of columns.entries()) {
      const cell = record[column + 1]!;
      const value = findValue(point, cell);
      if (!value) return fail("ssvc.csv_unknown_value", `"${cell}" is not a value of ${point.name}`, path);
      const id = decisionPointId(point);
      if (id === outcomeId) row.outcome = value.key;
      else row.inputs[id] = value.key;
    }
    rows.push(row);
  }
  return ok(rows);
}
