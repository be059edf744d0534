import type { AdvisoryRecord } from "../advisories/record.ts";

/**
 * Imports of advisory databases (OSV: go-vulndb, PyPA; CSAF; CVE 5.x records) and the KEV catalogue.
 * Each document is parsed and validated with the standards library, normalised into an
 * `AdvisoryRecord`, and written in its own transaction through the advisory service.
 */

export const IMPORT_KINDS = ["osv", "csaf", "cve5"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** A document that could not be imported: which file, which field, what is wrong. */
export interface ImportProblem {
  file: string;
  /** JSON pointer (or `line N` for YAML syntax) into the document; `(document)` when it is the whole. */
  field: string;
  message: string;
}

/** What an import did. */
export interface ImportSummary {
  kind: ImportKind | "kev";
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  problems: ImportProblem[];
  seconds: number;
  docsPerSecond: number;
}

/** A normaliser's answer: the record, or the field that made the document unusable. */
export type Normalized = { ok: true; value: AdvisoryRecord } | { ok: false; field: string; message: string };

export function rejected(field: string | undefined, message: string): Normalized {
  const named = field === undefined || field === "" ? "(document)" : field;
  // Schema messages often start with the pointer already: say it once.
  return {
    ok: false,
    field: named,
    message: message.startsWith(`${named} `) ? message.slice(named.length + 1) : message,
  };
}

/** A one-line title from free text: the first sentence or line, at most 200 characters. */
export function titleFrom(text: string): string {
  const first = text.trim().split(/\n|(?<=\.)\s/)[0] ?? "";
  return first.length > 200 ? `${first.slice(0, 197)}…` : first;
}

/** Summary text for lists and search: the description, at most 2,000 characters. */
export function summaryFrom(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > 2000 ? `${trimmed.slice(0, 1997)}…` : trimmed;
}

/** RFC 3339 text as UTC ISO-8601 (imports keep the source's instants). */
export function utc(time: string): string {
  return new Date(time).toISOString();
}
