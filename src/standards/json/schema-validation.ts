/**
 * JSON Schema validation through Ajv, with Ajv's errors turned into our stable issue shape.
 * Each standard compiles its vendored schema once, on first use, so importing a standard's
 * module stays cheap.
 */
import { Ajv, type AnySchemaObject, type ErrorObject, type Options, type ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { StandardsIssue } from "../result.ts";
import { canonicalJson } from "./stable-json.ts";

/** JSON Schema dialect of a vendored schema. */
export type SchemaDraft = "draft-07" | "2020-12";

/** Extra format checkers a schema needs beyond those of ajv-formats. */
export type FormatCheckers = Record<string, (value: string) => boolean>;

/** Most issues one report carries: a badly broken document should not produce megabytes of errors. */
const MAX_ISSUES = 50;

/**
 * Ajv checks `uniqueItems` by deep-comparing every pair of items, which takes seconds on a
 * 5,000-component BOM. Vendored schemas are loaded with `uniqueItems` renamed to this keyword,
 * which compares canonical JSON strings in one pass and reports the same error.
 */
const UNIQUE_ITEMS = "aiccUniqueItems";

const ajvOptions: Options = {
  allErrors: true,
  // The vendored schemas carry annotation keywords (e.g. CycloneDX `meta:enum`) that strict mode rejects.
  strict: false,
  // Formats are asserted: OSV timestamps, CVE URIs and CycloneDX timestamps are part of validity.
  validateFormats: true,
};

/**
 * A validator over one or more schemas that reference each other by `$id`. `schemas[0]` is the
 * root document; `validate(value)` checks against it and `validateAt(pointer, value)` against a
 * sub-schema such as `#/definitions/cnaPublishedContainer`.
 */
export class SchemaValidator {
  readonly #draft: SchemaDraft;
  readonly #schemas: readonly AnySchemaObject[];
  readonly #formats: FormatCheckers;
  readonly #area: string;
  #ajv: Ajv | Ajv2020 | undefined;
  readonly #compiled = new Map<string, ValidateFunction>();

  /** `area` prefixes issue codes: `<area>.schema_<keyword>`. */
  constructor(area: string, draft: SchemaDraft, schemas: readonly AnySchemaObject[], formats: FormatCheckers = {}) {
    this.#area = area;
    this.#draft = draft;
    this.#schemas = schemas;
    this.#formats = formats;
  }

  /** Issues for `value` against the root schema; empty when valid. */
  validate(value: unknown): StandardsIssue[] {
    return this.validateAt("", value);
  }

  /** Issues for `value` against the sub-schema at JSON pointer fragment `pointer` (e.g. `#/definitions/x`). */
  validateAt(pointer: string, value: unknown): StandardsIssue[] {
    const check = this.#compile(pointer);
    return check(value) ? [] : schemaIssues(check.errors, this.#area);
  }

  #compile(pointer: string): ValidateFunction {
    const cached = this.#compiled.get(pointer);
    if (cached) return cached;
    const ajv = this.#instance();
    const rootId = this.#schemas[0]?.$id;
    if (typeof rootId !== "string") throw new Error(`${this.#area}: vendored root schema has no $id`);
    const check = ajv.getSchema(`${rootId}${pointer}`);
    // A missing pointer is a programming error in this library, not bad input.
    if (!check) throw new Error(`${this.#area}: no schema at ${rootId}${pointer}`);
    this.#compiled.set(pointer, check);
    return check;
  }

  #instance(): Ajv | Ajv2020 {
    if (this.#ajv) return this.#ajv;
    const ajv = this.#draft === "2020-12" ? new Ajv2020(ajvOptions) : new Ajv(ajvOptions);
    addFormatsModule.default(ajv);
    for (const [name, check] of Object.entries(this.#formats)) ajv.addFormat(name, { type: "string", validate: check });
    ajv.addKeyword({
      keyword: UNIQUE_ITEMS,
      type: "array",
      schemaType: "boolean",
      errors: true,
      validate: uniqueItems,
    });
    for (const schema of this.#schemas) ajv.addSchema(renameUniqueItems(schema) as AnySchemaObject);
    this.#ajv = ajv;
    return ajv;
  }
}

/** Ajv `validate` keyword: items must be pairwise distinct JSON values. */
function uniqueItems(enabled: boolean, data: unknown[]): boolean {
  if (!enabled) return true;
  const seen = new Map<string, number>();
  for (const [j, item] of data.entries()) {
    const key = canonicalJson(item);
    const i = seen.get(key);
    if (i !== undefined) {
      const message = `must NOT have duplicate items (items ## ${i} and ${j} are identical)`;
      uniqueItems.errors = [{ keyword: "uniqueItems", message, params: { i, j } }];
      return false;
    }
    seen.set(key, j);
  }
  return true;
}
uniqueItems.errors = [] as Partial<ErrorObject>[];

/** Deep copy of a schema with every `uniqueItems` keyword renamed (property names inside `properties` are left alone). */
function renameUniqueItems(node: unknown, inPropertyMap = false): unknown {
  if (Array.isArray(node)) return node.map((item) => renameUniqueItems(item));
  if (typeof node !== "object" || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    const renamed = !inPropertyMap && key === "uniqueItems" ? UNIQUE_ITEMS : key;
    const isPropertyMap =
      !inPropertyMap &&
      (key === "properties" || key === "patternProperties" || key === "definitions" || key === "$defs");
    out[renamed] = renameUniqueItems(value, isPropertyMap);
  }
  return out;
}

/**
 * Convert Ajv errors to issues: code `<area>.schema_<keyword>`, path a JSON pointer to the member
 * at fault. The most specific errors come first: under `oneOf`/`anyOf` Ajv reports every branch's
 * failure, and the deepest concrete one (a bad pattern on `fixed`) names the problem better than a
 * sibling branch's "introduced is required".
 */
export function schemaIssues(errors: readonly ErrorObject[] | null | undefined, area: string): StandardsIssue[] {
  const issues: StandardsIssue[] = [];
  const seen = new Set<string>();
  const ranked = [...(errors ?? [])].sort((a, b) => specificity(b) - specificity(a));
  for (const error of ranked) {
    const issue = toIssue(error, area);
    const key = `${issue.code} ${issue.path} ${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
    if (issues.length >= MAX_ISSUES) break;
  }
  return issues;
}

const VAGUE_KEYWORDS = new Set(["required", "oneOf", "anyOf", "allOf", "if", "not", "contains"]);

function specificity(error: ErrorObject): number {
  const depth = error.instancePath === "" ? 0 : error.instancePath.split("/").length - 1;
  return depth * 2 + (VAGUE_KEYWORDS.has(error.keyword) ? 0 : 1);
}

function toIssue(error: ErrorObject, area: string): StandardsIssue {
  const params = error.params as Record<string, unknown>;
  let path = error.instancePath;
  let detail = error.message ?? "is invalid";
  // Point at the missing or unexpected member itself, not at its parent.
  if (error.keyword === "required" && typeof params.missingProperty === "string") {
    path = `${path}/${escapePointer(params.missingProperty)}`;
    detail = "is required";
  } else if (error.keyword === "additionalProperties" && typeof params.additionalProperty === "string") {
    path = `${path}/${escapePointer(params.additionalProperty)}`;
    detail = "is not allowed here";
  } else if (error.keyword === "enum" && Array.isArray(params.allowedValues) && params.allowedValues.length <= 12) {
    detail = `must be one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
  }
  return {
    code: `${area}.schema_${error.keyword.replace(/[^A-Za-z0-9]+/g, "_")}`,
    message: `${path || "/"} ${detail}`,
    path: path || "/",
  };
}

function escapePointer(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}
