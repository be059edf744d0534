/** OSV 1.7: types, readers (JSON, YAML, value), stable writer, schema validation, GHSA conversion. */
export {
  GHSA_ECOSYSTEMS,
  type GhsaAdvisory,
  type GhsaToOsvOptions,
  type GhsaVulnerability,
  ghsaToOsv,
} from "./ghsa-to-osv.ts";
export { emitOsvJson, parseOsvJson, parseOsvValue, parseOsvYaml } from "./osv-parse.ts";
export {
  OSV_CREDIT_TYPES,
  OSV_FIELD_ORDER,
  OSV_RANGE_TYPES,
  OSV_REFERENCE_TYPES,
  OSV_SCHEMA_VERSION,
  OSV_SEVERITY_TYPES,
  type OsvAffected,
  type OsvCredit,
  type OsvCreditType,
  type OsvEvent,
  type OsvPackage,
  type OsvRange,
  type OsvRangeType,
  type OsvReference,
  type OsvReferenceType,
  type OsvSeverity,
  type OsvSeverityType,
  type OsvVulnerability,
} from "./osv-types.ts";
export { validateOsv } from "./osv-validate.ts";
