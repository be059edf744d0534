/**
 * Validation report for a PURL string: parse errors, plus warnings for what the spec says tools
 * should report without rejecting (an unregistered type, a non-canonical spelling).
 */
import type { StandardsIssue, ValidationReport } from "../result.ts";
import { formatPurl } from "./format.ts";
import { parsePurl } from "./parse.ts";
import { purlTypeRule } from "./types.ts";

/**
 * Validate a PURL string against the spec and its type definition. Like `canonicalizePurl` it
 * corrects case-only problems, and reports them (with any other spelling difference) as a
 * `purl.non_canonical` warning. Never throws.
 */
export function validatePurl(input: string): ValidationReport {
  const parsed = parsePurl(input, { lenient: true });
  if (!parsed.ok) return { valid: false, errors: [parsed.error], warnings: [] };
  const purl = parsed.value;
  const warnings: StandardsIssue[] = [];
  const rule = purlTypeRule(purl.type);
  if (rule === undefined) {
    warnings.push({ code: "purl.unregistered_type", message: `Type '${purl.type}' is not registered.`, path: "type" });
  } else if (rule.versionExpected && purl.version === undefined) {
    warnings.push({
      code: "purl.missing_version",
      message: `The ${purl.type} type definition expects a version.`,
      path: "version",
    });
  }
  const canonical = formatPurl(purl);
  if (canonical !== input) {
    warnings.push({ code: "purl.non_canonical", message: `The canonical form is '${canonical}'.` });
  }
  return { valid: true, errors: [], warnings };
}
