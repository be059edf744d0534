/** `validateCsaf`: the one entry point for CSAF 2.0 conformance (JSON schema + mandatory + optional tests). */

import type { StandardsIssue, ValidationReport } from "../result.ts";
import { buildContext, type CheckContext, type CsafCheck, MANDATORY_CHECKS, OPTIONAL_CHECKS } from "./checks/index.ts";
import type { CsafDocument } from "./document-types.ts";
import { checkCsafSchema } from "./schema-validator.ts";

/** An issue of a CSAF document, with the spec test it comes from. */
export interface CsafIssue extends StandardsIssue {
  /** Spec test number (`6.1.1`, `6.1.27.9`, `6.2.13`, …) or `schema` for other JSON-schema violations. */
  test: string;
}

/** Outcome of {@link validateCsaf}: mandatory test failures are errors, optional test failures warnings. */
export interface CsafValidationReport extends ValidationReport {
  errors: CsafIssue[];
  warnings: CsafIssue[];
}

/** Options of {@link validateCsaf}. */
export interface CsafValidateOptions {
  /** Run the optional tests (6.2.x) as warnings; default true. */
  optional?: boolean;
}

// Schema violations inside a CVSS object are test 6.1.8 ("valid according to the referenced schema").
const CVSS_OBJECT = /^\/vulnerabilities\/\d+\/scores\/\d+\/cvss_v[23](\/|$)/;

function schemaIssues(value: unknown): CsafIssue[] {
  const seen = new Set<string>();
  const issues: CsafIssue[] = [];
  for (const { path, message } of checkCsafSchema(value)) {
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(
      CVSS_OBJECT.test(path)
        ? { code: "csaf.invalid_cvss", message: `CVSS object ${message}`, path, test: "6.1.8" }
        : { code: "csaf.schema", message, path, test: "schema" },
    );
  }
  return issues;
}

function runChecks(checks: readonly CsafCheck[], ctx: CheckContext): CsafIssue[] {
  const issues: CsafIssue[] = [];
  for (const check of checks) {
    check.run(ctx, (path, message) => {
      issues.push({ code: `csaf.${check.reason}`, message: `${check.title}: ${message}`, path, test: check.id });
    });
  }
  return issues;
}

/**
 * Validates a JSON value as a CSAF 2.0 document: the OASIS JSON schema, then every mandatory test of section 6.1
 * (errors) and every optional test of section 6.2 (warnings). The tests rely on the shape the schema guarantees,
 * so a value that fails the schema gets only its schema errors. Never throws on any input.
 */
export function validateCsaf(value: unknown, options: CsafValidateOptions = {}): CsafValidationReport {
  const schemaErrors = schemaIssues(value);
  if (schemaErrors.length > 0) return { valid: false, errors: schemaErrors, warnings: [] };
  const ctx = buildContext(value as CsafDocument);
  const errors = runChecks(MANDATORY_CHECKS, ctx);
  const warnings = options.optional === false ? [] : runChecks(OPTIONAL_CHECKS, ctx);
  return { valid: errors.length === 0, errors, warnings };
}
