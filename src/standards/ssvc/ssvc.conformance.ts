/**
 * SSVC conformance. Every row of every table the SSVC project publishes (JSON mapping rows and
 * CSV rows) is a case: its inputs must give its outcome through our evaluator on the built-in
 * (embedded) table. A third suite checks the embedded tables equal the published JSON.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { type ConformanceSuite, SuiteTally } from "../conformance-suite.ts";
import { builtinDecisionTable } from "./builtin.ts";
import { decisionPointId } from "./decision-point.ts";
import { type DecisionTable, decisionTableId, emitDecisionTable, parseDecisionTable } from "./decision-table.ts";
import { evaluateDecisionTable } from "./evaluate.ts";
import { parseDecisionTableCsv } from "./table-csv.ts";

/** Files under `<dir>/ssvc/<kind>/<namespace>/` with the given extension, as relative paths. */
async function listFiles(dir: string, kind: string, extension: string): Promise<string[]> {
  const root = path.join(dir, "ssvc", kind);
  const files: string[] = [];
  for (const namespace of (await readdir(root)).sort()) {
    for (const file of (await readdir(path.join(root, namespace))).sort()) {
      if (file.endsWith(extension)) files.push(path.join(namespace, file));
    }
  }
  return files;
}

/** The published table in `<dir>/ssvc/decision_tables/<file>`, parsed by our parser. */
async function publishedTable(dir: string, file: string): Promise<DecisionTable> {
  const parsed = parseDecisionTable(
    JSON.parse(await readFile(path.join(dir, "ssvc", "decision_tables", file), "utf8")),
  );
  if (!parsed.ok) throw new Error(`${file}: ${parsed.error.code} ${parsed.error.message} at ${parsed.error.path}`);
  return parsed.value;
}

/** Check one row: inputs → expected outcome key through the embedded table. */
function checkRow(
  tally: SuiteTally,
  id: string,
  table: DecisionTable | undefined,
  inputs: Record<string, string>,
  expected: string,
): void {
  if (!table) {
    tally.check(id, false, "no built-in table");
    return;
  }
  const result = evaluateDecisionTable(table, inputs);
  if (!result.ok) tally.check(id, false, `${result.error.code}: ${result.error.message}`);
  else tally.check(id, result.value.value.key === expected, `got ${result.value.value.key}, expected ${expected}`);
}

/** Suites `ssvc-decision-tables`, `ssvc-csv` and `ssvc-embedded-tables`. */
export const suites: ConformanceSuite[] = [
  {
    suite: "ssvc-decision-tables",
    required: true,
    async run(dir) {
      const tally = new SuiteTally();
      for (const file of await listFiles(dir, "decision_tables", ".json")) {
        const published = await publishedTable(dir, file);
        const table = builtinDecisionTable(decisionTableId(published));
        const ids = published.inputs.map((point) => decisionPointId(point));
        for (const [index, row] of published.rows.entries()) {
          const inputs = Object.fromEntries(ids.map((id, column) => [id, row[column]!]));
          checkRow(tally, `${file}#${index}`, table, inputs, row[row.length - 1]!);
        }
      }
      return tally.outcome();
    },
  },
  {
    suite: "ssvc-csv",
    required: true,
    async run(dir) {
      const tally = new SuiteTally();
      for (const file of await listFiles(dir, "csv", ".csv")) {
        // The CSV of table `x_1_0_0.csv` sits beside the JSON `x_1_0_0.json`, which names the table.
        const published = await publishedTable(dir, file.replace(/\.csv$/, ".json"));
        const table = builtinDecisionTable(decisionTableId(published));
        const rows = parseDecisionTableCsv(
          await readFile(path.join(dir, "ssvc", "csv", file), "utf8"),
          table ?? published,
        );
        if (!rows.ok) {
          tally.check(file, false, `${rows.error.code}: ${rows.error.message}`);
          continue;
        }
        for (const row of rows.value) checkRow(tally, `${file}#${row.row}`, table, row.inputs, row.outcome);
      }
      return tally.outcome();
    },
  },
  {
    suite: "ssvc-embedded-tables",
    required: true,
    async run(dir) {
      const tally = new SuiteTally();
      for (const file of await listFiles(dir, "decision_tables", ".json")) {
        const text = await readFile(path.join(dir, "ssvc", "decision_tables", file), "utf8");
        const published = parseDecisionTable(JSON.parse(text));
        const table = published.ok ? builtinDecisionTable(decisionTableId(published.value)) : undefined;
        // Emitting the embedded table must give back the published JSON exactly (key order aside).
        const same = table !== undefined && canonical(emitDecisionTable(table)) === canonical(JSON.parse(text));
        tally.check(file, same, table ? "embedded table differs from the published JSON" : "not embedded");
      }
      return tally.outcome();
    },
  },
];

/** JSON text with object keys sorted, so key order does not matter in comparisons. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
