/**
 * The one result shape every parser and validator in `standards/` returns.
 * Parsers never throw on bad input: they return `{ ok: false, error }` naming what is wrong and where.
 */

/** A problem with an input document or string. `path` is a JSON pointer or field name when one applies. */
export interface StandardsIssue {
  /** Stable machine code, e.g. `cvss.unknown_metric`, `purl.missing_type`. */
  code: string;
  /** One human sentence. */
  message: string;
  /** JSON pointer (`/document/tracking/id`), metric name, or line number, when there is one. */
  path?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: StandardsIssue };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: string, message: string, path?: string): Result<T> {
  return { ok: false, error: path === undefined ? { code, message } : { code, message, path } };
}

/** Outcome of validating a document: errors make it invalid, warnings do not. */
export interface ValidationReport {
  valid: boolean;
  errors: StandardsIssue[];
  warnings: StandardsIssue[];
}
