/** Shared JSON plumbing for the document standards (OSV, CVE JSON 5, CycloneDX, SPDX). */
export { findNonJson, isJsonObject, type JsonObject, type JsonValue, parseJsonText } from "./json-value.ts";
export { type FormatCheckers, type SchemaDraft, SchemaValidator, schemaIssues } from "./schema-validation.ts";
export { stringifyStable } from "./stable-json.ts";
