/**
 * JSON-schema validation for CSAF documents and provider metadata: Ajv (draft 2020-12) with ajv-formats, each
 * schema compiled once, on first use. The schemas are bundled modules, so validation does no I/O.
 */

import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { CsafCvssVersion } from "./cvss-json.ts";
import { CVSS_SCHEMA_IDS, cvssSchema } from "./cvss-schemas.ts";
import csafSchema from "./schemas/csaf-json-schema.json" with { type: "json" };
import providerSchema from "./schemas/provider-json-schema.json" with { type: "json" };

/** One schema violation: where (JSON pointer) and what. */
export interface SchemaViolation {
  path: string;
  message: string;
}

/** A compiled schema: returns the violations of a value, empty when it conforms. */
export type SchemaCheck = (value: unknown) => SchemaViolation[];

/** `$id` of the CSAF 2.0 schema. */
export const CSAF_SCHEMA_ID = csafSchema.$id;
/** `$id` of the CSAF 2.0 provider metadata schema. */
export const PROVIDER_SCHEMA_ID = providerSchema.$id;

type Json = unknown;

/** The "strict" variant of a schema (test 6.2.20): every object schema with properties forbids other keys. */
function strictVariant(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(strictVariant);
  if (schema === null || typeof schema !== "object") return schema;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(schema)) {
    // Property names and enum values are data, not sub-schemas.
    out[key] =
      key === "properties" || key === "$defs"
        ? Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, strictVariant(v)]))
        : key === "enum" || key === "required" || key === "examples"
          ? value
          : strictVariant(value);
  }
  if ("properties" in out && !("additionalProperties" in out)) out.additionalProperties = false;
  return out;
}

function newAjv(strict: boolean): Ajv2020 {
  // Strict mode holds for every schema here; `logger: false` keeps Ajv from writing to the console.
  const ajv = new Ajv2020({ allErrors: true, strict: true, logger: false });
  addFormats.default(ajv);
  const variant = strict ? strictVariant : (schema: Json) => schema;
  for (const version of Object.keys(CVSS_SCHEMA_IDS) as CsafCvssVersion[]) {
    ajv.addSchema(variant(cvssSchema(version)) as object);
  }
  ajv.addSchema(variant(csafSchema) as object);
  return ajv;
}

function toViolation(error: ErrorObject): SchemaViolation {
  const params = error.params as Record<string, unknown>;
  const extra = params.missingProperty ?? params.additionalProperty;
  const path = typeof extra === "string" ? `${error.instancePath}/${extra}` : error.instancePath;
  const message =
    error.keyword === "additionalProperties" ? "is not defined in the schema" : (error.message ?? error.keyword);
  return { path, message };
}

/** Wraps a schema in a check that compiles it on first call. */
export function lazySchemaCheck(compile: () => ValidateFunction): SchemaCheck {
  let validate: ValidateFunction | undefined;
  return (value) => {
    validate ??= compile();
    if (validate(value)) return [];
    return (validate.errors ?? []).map(toViolation);
  };
}

let ajv: Ajv2020 | undefined;
let strictAjv: Ajv2020 | undefined;

/** The shared Ajv instance with the CSAF, CVSS and provider schemas; other modules compile their schemas in it. */
export function csafAjv(): Ajv2020 {
  if (ajv === undefined) {
    ajv = newAjv(false);
    ajv.addSchema(providerSchema);
  }
  return ajv;
}

/** Violations of the CSAF 2.0 schema. */
export const checkCsafSchema: SchemaCheck = lazySchemaCheck(() => csafAjv().getSchema(CSAF_SCHEMA_ID)!);

/** Violations of the strict CSAF 2.0 schema: the base schema plus "no undefined properties" (test 6.2.20). */
export const checkCsafStrictSchema: SchemaCheck = lazySchemaCheck(() => {
  strictAjv ??= newAjv(true);
  return strictAjv.getSchema(CSAF_SCHEMA_ID)!;
});

/** Violations of the CSAF 2.0 provider metadata schema. */
export const checkProviderSchema: SchemaCheck = lazySchemaCheck(() => csafAjv().getSchema(PROVIDER_SCHEMA_ID)!);
