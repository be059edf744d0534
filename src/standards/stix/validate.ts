/**
 * STIX 2.1 validation: the OASIS JSON schemas (draft 2020-12, vendored) decide validity; issues
 * are reported per object against that object's own schema so they name the member at fault.
 * A few rules the schemas cannot express are added: `modified` not before `created` (error),
 * references that do not resolve inside the bundle and non-deterministic software ids (warnings).
 */

import type { CodeOptions, ErrorObject, ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { isJsonObject, type JsonObject, schemaIssues } from "../json/index.ts";
import type { StandardsIssue, ValidationReport } from "../result.ts";
import { isStixId, scoId } from "./identifiers.ts";
import { STIX_SCHEMAS } from "./schema-set.ts";
import { isPredefinedMarking } from "./tlp-markings.ts";

const SCHEMA_BASE = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";

/** Object types with their own schema, by folder. */
const TYPE_SCHEMAS: Readonly<Record<string, string>> = Object.fromEntries(
  STIX_SCHEMAS.map((schema) => String((schema as { $id?: unknown }).$id ?? ""))
    .filter(
      (id) =>
        /\/(sdos|sros|observables)\/[a-z0-9-]+\.json$/.test(id) ||
        /common\/(marking-definition|language-content|extension-definition)\.json$/.test(id),
    )
    .map((id) => [id.slice(id.lastIndexOf("/") + 1, -".json".length), id]),
);

/**
 * The STIX type pattern `^([a-z][a-z0-9]*)+(-[a-z0-9]+)*\-?$` backtracks exponentially on input
 * like "aaaa…!" (seconds at 30 characters). `([a-z][a-z0-9]*)+` matches exactly what
 * `[a-z][a-z0-9]*` matches, so that equivalent linear form is used instead.
 */
const SAFE_PATTERNS: ReadonlyMap<string, string> = new Map([
  ["^([a-z][a-z0-9]*)+(-[a-z0-9]+)*\\-?$", "^[a-z][a-z0-9]*(-[a-z0-9]+)*-?$"],
]);

const regExp: NonNullable<CodeOptions["regExp"]> = Object.assign(
  (pattern: string) => new RegExp(SAFE_PATTERNS.get(pattern) ?? pattern),
  {
    code: "new RegExp",
  },
);

/** Loose `idn-hostname` check (ajv-formats has none): dot-separated labels of letters, digits and hyphens, any script. */
function isIdnHostname(value: string): boolean {
  return (
    value.length <= 253 &&
    value.split(".").every((label) => /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u.test(label))
  );
}

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

/** The compiled validator for a schema `$id`, built on first use. */
function validator(id: string): ValidateFunction {
  const cached = compiled.get(id);
  if (cached) return cached;
  if (!ajv) {
    // Patterns such as `\-` outside a class are not valid with the `u` flag, so patterns compile without it.
    ajv = new Ajv2020({
      allErrors: true,
      strict: false,
      validateFormats: true,
      unicodeRegExp: false,
      code: { regExp },
    });
    addFormatsModule.default(ajv);
    ajv.addFormat("idn-hostname", { type: "string", validate: isIdnHostname });
    for (const schema of STIX_SCHEMAS) ajv.addSchema(schema as object);
  }
  const check = ajv.getSchema(id);
  // A missing schema is a bug in this module, not bad input.
  if (!check) throw new Error(`stix: no schema ${id}`);
  compiled.set(id, check);
  return check;
}

function run(id: string, value: unknown, prefix: string): StandardsIssue[] {
  const check = validator(id);
  if (check(value)) return [];
  return withPrefix(schemaIssues(check.errors as ErrorObject[], "stix"), prefix);
}

function withPrefix(issues: StandardsIssue[], prefix: string): StandardsIssue[] {
  if (prefix === "") return issues;
  return issues.map((issue) => {
    const path = issue.path === "/" || issue.path === undefined ? prefix : `${prefix}${issue.path}`;
    return { ...issue, path, message: issue.message.replace(/^\S+/, path) };
  });
}

/** Schema issues of one object: against its type's schema, or the custom-object rules for other types. */
function objectIssues(object: unknown, prefix: string): StandardsIssue[] {
  const type = isJsonObject(object) ? object.type : undefined;
  const schemaId = typeof type === "string" && Object.hasOwn(TYPE_SCHEMAS, type) ? TYPE_SCHEMAS[type]! : undefined;
  if (schemaId) return run(schemaId, object, prefix);
  // A custom object is valid exactly when a bundle holding only it is: it must match one, and
  // only one, of the domain-object core and the cyber-observable core.
  const wrapped = { type: "bundle", id: "bundle--00000000-0000-4000-8000-000000000000", objects: [object] };
  if (run(`${SCHEMA_BASE}common/bundle.json`, wrapped, "").length === 0) return [];
  const looksLikeSdo = isJsonObject(object) && object.created !== undefined;
  const core = run(`${SCHEMA_BASE}common/${looksLikeSdo ? "core" : "cyber-observable-core"}.json`, object, prefix);
  if (core.length > 0) return core;
  const path = prefix || "/";
  const message = `${path} is a custom object that matches both the domain-object and the cyber-observable core, which the bundle schema rejects`;
  return [{ code: "stix.ambiguous_custom_object", message, path }];
}

/** `modified` must not be earlier than `created` (STIX 2.1 §3.2). */
function timeIssues(object: JsonObject, prefix: string): StandardsIssue[] {
  const { created, modified } = object;
  if (typeof created !== "string" || typeof modified !== "string") return [];
  const a = Date.parse(created);
  const b = Date.parse(modified);
  if (Number.isNaN(a) || Number.isNaN(b) || b >= a) return [];
  return [
    {
      code: "stix.modified_before_created",
      message: `${prefix}/modified is earlier than created`,
      path: `${prefix}/modified`,
    },
  ];
}

/** Validate one STIX 2.1 object (SDO, SRO, SCO, marking definition, …). */
export function validateStixObject(json: unknown): ValidationReport {
  const errors = objectIssues(json, "");
  if (isJsonObject(json)) errors.push(...timeIssues(json, ""));
  const warnings = isJsonObject(json) ? scoWarnings(json, "") : [];
  return { valid: errors.length === 0, errors, warnings };
}

/** Options for {@link validateStixBundle}. */
export interface StixBundleValidationOptions {
  /**
   * Also run the official bundle schema over the whole bundle. Same verdict, but it compiles every
   * object schema on first use and reports noisily; conformance runs use it as a cross-check.
   */
  wholeBundleSchema?: boolean;
}

/**
 * The bundle envelope rules of the bundle schema: `type` is `bundle`, `id` a `bundle--` identifier,
 * `objects` (optional) a non-empty array. Checked directly so the large bundle schema, which pulls
 * in every object schema, is only compiled when a custom object needs it.
 */
function envelopeIssues(json: unknown): StandardsIssue[] {
  if (!isJsonObject(json)) return [{ code: "stix.schema_type", message: "/ must be object", path: "/" }];
  const issues: StandardsIssue[] = [];
  if (json.type === undefined)
    issues.push({ code: "stix.schema_required", message: "/type is required", path: "/type" });
  else if (json.type !== "bundle")
    issues.push({ code: "stix.schema_enum", message: '/type must be one of "bundle"', path: "/type" });
  if (json.id === undefined) issues.push({ code: "stix.schema_required", message: "/id is required", path: "/id" });
  else if (!isStixId(json.id, "bundle"))
    issues.push({ code: "stix.schema_pattern", message: "/id must be a bundle--<uuid> identifier", path: "/id" });
  if (json.objects !== undefined && (!Array.isArray(json.objects) || json.objects.length === 0)) {
    issues.push({ code: "stix.schema_minItems", message: "/objects must be a non-empty array", path: "/objects" });
  }
  return issues;
}

/**
 * Validate a STIX 2.1 bundle and every object in it. The bundle schema accepts an object of a
 * specification type exactly when that type's own schema does (its other branches fail on `type`),
 * so each object is checked against its own schema: the same verdict as the bundle schema, with
 * issues that name the member at fault. (One deliberate difference: `extension-definition`, a STIX
 * 2.1 meta object the bundle schema leaves out of its list, is checked against its own schema.)
 */
export function validateStixBundle(json: unknown, options: StixBundleValidationOptions = {}): ValidationReport {
  const errors = envelopeIssues(json);
  // Cross-check: the whole-bundle schema must agree; its (noisy) issues are added only when it does not.
  if (options.wholeBundleSchema) {
    const whole = run(`${SCHEMA_BASE}common/bundle.json`, json, "");
    if (whole.length > 0) errors.push(...whole);
  }
  const objects = isJsonObject(json) && Array.isArray(json.objects) ? json.objects : [];
  for (const [index, object] of objects.entries()) {
    errors.push(...objectIssues(object, `/objects/${index}`));
    if (isJsonObject(object)) errors.push(...timeIssues(object, `/objects/${index}`));
  }
  const warnings = referenceWarnings(objects);
  for (const [index, object] of objects.entries())
    if (isJsonObject(object)) warnings.push(...scoWarnings(object, `/objects/${index}`));
  return { valid: errors.length === 0, errors, warnings };
}

/** Members that hold references to other objects. */
const REFERENCE_MEMBERS = ["created_by_ref", "source_ref", "target_ref", "sighting_of_ref"] as const;

/** References to objects the bundle does not carry (allowed, but worth a warning); predefined TLP 1.0 markings are fine. */
function referenceWarnings(objects: readonly unknown[]): StandardsIssue[] {
  const ids = new Set(
    objects.map((object) => (isJsonObject(object) ? object.id : undefined)).filter((id) => typeof id === "string"),
  );
  const warnings: StandardsIssue[] = [];
  const seen = new Set<string>();
  for (const [index, object] of objects.entries()) {
    if (!isJsonObject(object)) continue;
    const version = `${String(object.id)} ${String(object.modified ?? "")}`;
    if (seen.has(version)) {
      warnings.push({
        code: "stix.duplicate_object",
        message: `/objects/${index} repeats an earlier object`,
        path: `/objects/${index}`,
      });
    }
    seen.add(version);
    const refs: [string, unknown][] = REFERENCE_MEMBERS.map((member) => [member, object[member]]);
    if (Array.isArray(object.object_marking_refs)) {
      for (const [i, ref] of object.object_marking_refs.entries()) refs.push([`object_marking_refs/${i}`, ref]);
    }
    for (const [member, ref] of refs) {
      if (!isStixId(ref) || ids.has(ref) || isPredefinedMarking(ref)) continue;
      const path = `/objects/${index}/${member}`;
      warnings.push({
        code: "stix.unresolved_reference",
        message: `${path} refers to ${ref}, which the bundle does not carry`,
        path,
      });
    }
  }
  return warnings;
}

/** A software object's id should be the UUIDv5 of its ID contributing properties. */
function scoWarnings(object: JsonObject, prefix: string): StandardsIssue[] {
  if (object.type !== "software" || typeof object.id !== "string") return [];
  const contributing: Record<string, unknown> = {};
  for (const member of ["name", "cpe", "swid", "vendor", "version"])
    if (object[member] !== undefined) contributing[member] = object[member];
  if (object.id === scoId("software", contributing)) return [];
  return [
    {
      code: "stix.sco_id_not_deterministic",
      message: `${prefix}/id is not the UUIDv5 of its ID contributing properties`,
      path: `${prefix}/id`,
    },
  ];
}
