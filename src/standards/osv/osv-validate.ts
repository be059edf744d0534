/**
 * OSV validation: the vendored OSV JSON Schema decides validity; a few checks the schema cannot
 * express are reported as warnings.
 */
import type { AnySchemaObject } from "ajv";
import { SchemaValidator } from "../json/index.ts";
import type { StandardsIssue, ValidationReport } from "../result.ts";
import type { OsvVulnerability } from "./osv-types.ts";
import osvSchema from "./schema/osv-schema.json" with { type: "json" };

const validator = new SchemaValidator("osv", "2020-12", [osvSchema as AnySchemaObject]);

/** SemVer 2.0.0 as semver.org defines it (no leading `v`, build metadata allowed). */
const SEMVER_2 =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

const EVENT_KINDS = ["introduced", "fixed", "last_affected", "limit"] as const;

/** Schema errors of `value` as an OSV document (empty when valid); used by the parsers. */
export function osvSchemaErrors(value: unknown): StandardsIssue[] {
  return validator.validate(value);
}

/**
 * Validate `value` as an OSV document. Errors come from the OSV schema (`osv.schema_<keyword>`);
 * warnings flag what the schema allows but the specification advises against.
 */
export function validateOsv(value: unknown): ValidationReport {
  const errors = validator.validate(value);
  const warnings = errors.length === 0 ? osvWarnings(value as OsvVulnerability) : [];
  return { valid: errors.length === 0, errors, warnings };
}

function osvWarnings(osv: OsvVulnerability): StandardsIssue[] {
  const warnings: StandardsIssue[] = [];
  if (osv.published !== undefined && Date.parse(osv.modified) < Date.parse(osv.published)) {
    warnings.push({
      code: "osv.modified_before_published",
      message: "modified is earlier than published",
      path: "/modified",
    });
  }
  const aliases = osv.aliases ?? [];
  aliases.forEach((alias, i) => {
    if (aliases.indexOf(alias) !== i) {
      warnings.push({ code: "osv.duplicate_alias", message: `alias ${alias} is listed twice`, path: `/aliases/${i}` });
    }
  });
  (osv.affected ?? []).forEach((affected, a) => {
    (affected.ranges ?? []).forEach((range, r) => {
      if (range.type !== "GIT" && affected.package === undefined) {
        const message = `a ${range.type} range needs affected[].package to say what it ranges over`;
        warnings.push({ code: "osv.range_without_package", message, path: `/affected/${a}/ranges/${r}` });
      }
      if (range.type !== "SEMVER") return;
      range.events.forEach((event, e) => {
        const kind = EVENT_KINDS.find((k) => k in event);
        const version = kind === undefined ? undefined : (event as Record<string, unknown>)[kind];
        if (typeof version !== "string" || (kind === "introduced" && version === "0") || SEMVER_2.test(version)) return;
        const message = `SEMVER range event ${kind} "${version}" is not a SemVer 2.0 version`;
        warnings.push({
          code: "osv.invalid_semver_event",
          message,
          path: `/affected/${a}/ranges/${r}/events/${e}/${kind}`,
        });
      });
    });
  });
  return warnings;
}
