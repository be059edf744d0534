/**
 * Reader for MITRE's CWE CSV exports (cwe.mitre.org/data/downloads.html, one file per view, e.g.
 * `1000.csv`). Only the columns the catalogue needs are read; the relation column uses MITRE's
 * `::KEY:value:KEY:value::` mini-format, e.g. `::NATURE:ChildOf:CWE ID:319:VIEW ID:1000:ORDINAL:Primary::`.
 */
import { fail, ok, type Result } from "../result.ts";
import { parseCsv } from "../text/csv.ts";

/** CWE weakness abstraction levels, broadest first. */
export const CWE_ABSTRACTIONS = ["Pillar", "Class", "Base", "Variant", "Compound"] as const;

/** How abstract a weakness is. */
export type CweAbstraction = (typeof CWE_ABSTRACTIONS)[number];

/** CWE entry statuses. */
export const CWE_STATUSES = ["Stable", "Usable", "Draft", "Incomplete", "Deprecated", "Obsolete"] as const;

/** Maturity of a CWE entry. */
export type CweStatus = (typeof CWE_STATUSES)[number];

/** One `Related Weaknesses` entry: this weakness stands in `nature` to `cwe` within view `view`. */
export interface CweRelation {
  /** `ChildOf`, `PeerOf`, `CanPrecede`, `CanAlsoBe`, `Requires`, `StartsWith`, … */
  nature: string;
  /** The related weakness's number. */
  cwe: number;
  /** The view the relation belongs to (1000 = Research Concepts). */
  view: number;
  /** Chain the relation belongs to, for `StartsWith`. */
  chain?: number;
  /** `Primary` marks the main parent when there are several. */
  ordinal?: string;
}

/** The catalogue fields of one CSV row. */
export interface CweRecord {
  /** CWE number (`CWE-ID` column). */
  id: number;
  name: string;
  abstraction: CweAbstraction;
  status: CweStatus;
  relations: CweRelation[];
}

const REQUIRED_COLUMNS = ["CWE-ID", "Name", "Weakness Abstraction", "Status", "Related Weaknesses"] as const;

/** Parse a CWE view CSV export. Errors carry `row <n>` (1-based data row) or the column name as path. */
export function parseCweCsv(text: string): Result<CweRecord[]> {
  const table = parseCsv(text);
  if (!table.ok) return table;
  const [header, ...rows] = table.value;
  if (!header) return fail("cwe.csv_empty", "the CSV has no header row");
  const column = new Map(header.map((name, index) => [name, index]));
  for (const name of REQUIRED_COLUMNS) {
    if (!column.has(name)) return fail("cwe.csv_missing_column", `the CSV has no "${name}" column`, name);
  }
  const at = (row: string[], name: (typeof REQUIRED_COLUMNS)[number]): string => row[column.get(name)!] ?? "";
  const records: CweRecord[] = [];
  for (const [index, row] of rows.entries()) {
    const path = `row ${index + 1}`;
    if (row.length === 1 && row[0] === "") continue;
    const id = Number(at(row, "CWE-ID"));
    if (!/^[1-9][0-9]*$/.test(at(row, "CWE-ID")))
      return fail("cwe.csv_bad_id", "CWE-ID is not a positive number", path);
    const abstraction = at(row, "Weakness Abstraction");
    if (!isOneOf(CWE_ABSTRACTIONS, abstraction)) {
      return fail("cwe.csv_bad_abstraction", `unknown abstraction "${abstraction}"`, path);
    }
    const status = at(row, "Status");
    if (!isOneOf(CWE_STATUSES, status)) return fail("cwe.csv_bad_status", `unknown status "${status}"`, path);
    const relations = parseRelatedWeaknesses(at(row, "Related Weaknesses"));
    if (!relations.ok) return fail(relations.error.code, relations.error.message, path);
    records.push({ id, name: at(row, "Name"), abstraction, status, relations: relations.value });
  }
  return ok(records);
}

/** Parse one `Related Weaknesses` cell (empty → no relations). */
export function parseRelatedWeaknesses(cell: string): Result<CweRelation[]> {
  const relations: CweRelation[] = [];
  for (const entry of cell.split("::")) {
    if (entry === "") continue;
    const parts = entry.split(":");
    if (parts.length % 2 !== 0) return fail("cwe.csv_bad_relation", `malformed relation "${entry}"`);
    const fields = new Map<string, string>();
    for (let i = 0; i < parts.length; i += 2) fields.set(parts[i]!, parts[i + 1]!);
    const nature = fields.get("NATURE");
    const cwe = positive(fields.get("CWE ID"));
    const view = positive(fields.get("VIEW ID"));
    if (!nature || cwe === undefined || view === undefined) {
      return fail("cwe.csv_bad_relation", `relation lacks NATURE, CWE ID or VIEW ID: "${entry}"`);
    }
    const relation: CweRelation = { nature, cwe, view };
    const chain = positive(fields.get("CHAIN ID"));
    if (chain !== undefined) relation.chain = chain;
    const ordinal = fields.get("ORDINAL");
    if (ordinal) relation.ordinal = ordinal;
    relations.push(relation);
  }
  return ok(relations);
}

/** The parents of a record in one view: its `ChildOf` relations there, the `Primary` one first. */
export function cweParentsInView(record: CweRecord, view: number): number[] {
  const childOf = record.relations.filter((r) => r.nature === "ChildOf" && r.view === view);
  const primary = childOf.filter((r) => r.ordinal === "Primary");
  const others = childOf.filter((r) => r.ordinal !== "Primary");
  return [...primary, ...others].map((r) => r.cwe);
}

function positive(text: string | undefined): number | undefined {
  return text !== undefined && /^[1-9][0-9]*$/.test(text) ? Number(text) : undefined;
}

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}
