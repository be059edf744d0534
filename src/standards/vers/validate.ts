/**
 * Validation report for a VERS string: syntax and clause 5.4 errors, plus the warnings the spec
 * asks for (unregistered or reserved type) and a non-canonical spelling.
 */
import type { StandardsIssue, ValidationReport } from "../result.ts";
import { normalizeVers } from "./parse.ts";
import { versRangeIssues } from "./range.ts";
import { formatVers, parseVersSyntax } from "./syntax.ts";
import { versTypeRule } from "./types.ts";

/** Validate a VERS string; the input is read leniently so that every problem is reported. Never throws. */
export function validateVers(input: string): ValidationReport {
  const parsed = parseVersSyntax(input, { canonical: false });
  if (!parsed.ok) return { valid: false, errors: [parsed.error], warnings: [] };
  const range = parsed.value;
  const errors = versRangeIssues(range);
  const warnings: StandardsIssue[] = [];
  const rule = versTypeRule(range.scheme);
  if (rule === undefined || rule.reserved === "example" || rule.reserved === "test") {
    warnings.push({
      code: "vers.unregistered_type",
      message: `Type '${range.scheme}' is not registered.`,
      path: "type",
    });
  }
  const canonical = parseVersSyntax(input, { canonical: true });
  const normalized = normalizeVers(range);
  if (!canonical.ok) warnings.push(canonical.error);
  else if (normalized.ok && formatVers(normalized.value) !== input) {
    warnings.push({
      code: "vers.non_canonical",
      message: `Sorted, the range reads '${formatVers(normalized.value)}'.`,
    });
  }
  return { valid: errors.length === 0, errors, warnings };
}
