/**
 * OSV readers (JSON text, YAML text, an in-memory value) and the stable JSON writer.
 * A document is accepted when it is plain JSON data and the OSV schema holds.
 */
import { isPair, isScalar, parseDocument, visit } from "yaml";
import { findNonJson, parseJsonText, stringifyStable } from "../json/index.ts";
import { fail, ok, type Result } from "../result.ts";
import { OSV_FIELD_ORDER, type OsvVulnerability } from "./osv-types.ts";
import { osvSchemaErrors } from "./osv-validate.ts";

/** Free-form members whose YAML numbers and booleans are data, not version strings. */
const FREE_FORM_KEYS = new Set(["database_specific", "ecosystem_specific"]);

/**
 * Accept an already-decoded value as an OSV document. The value itself is returned, typed, not a
 * copy. Fails with `osv.not_json` for non-JSON members and `osv.schema_<keyword>` for schema errors.
 */
export function parseOsvValue(value: unknown): Result<OsvVulnerability> {
  const nonJson = findNonJson(value);
  if (nonJson !== undefined) return fail("osv.not_json", `${nonJson} is not a JSON value`, nonJson);
  const [first] = osvSchemaErrors(value);
  if (first) return { ok: false, error: first };
  return ok(value as OsvVulnerability);
}

/** Parse OSV JSON text (`osv.invalid_json` on a syntax error). */
export function parseOsvJson(text: string): Result<OsvVulnerability> {
  const parsed = parseJsonText(text, "osv");
  return parsed.ok ? parseOsvValue(parsed.value) : parsed;
}

/**
 * Parse OSV YAML text, as the PyPA advisory database publishes it (`osv.invalid_yaml` on a syntax
 * error, a duplicate key or several documents). Unquoted scalars that YAML would read as numbers
 * (`versions: [1.10]`) keep their source text, since every OSV field outside the free-form
 * `*_specific` objects is a string and `1.10` is not `1.1`.
 */
export function parseOsvYaml(text: string): Result<OsvVulnerability> {
  if (typeof text !== "string") return fail("osv.invalid_yaml", "input is not a string");
  let value: unknown;
  try {
    const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
    const [error] = doc.errors;
    if (error) {
      const line = error.linePos?.[0].line;
      return fail(
        "osv.invalid_yaml",
        `not valid YAML: ${error.message.split("\n")[0]}`,
        line ? `line ${line}` : undefined,
      );
    }
    visit(doc, {
      Scalar(_key, node, path) {
        if (typeof node.value !== "number" || node.source === undefined) return;
        const freeForm = path.some(
          (ancestor) => isPair(ancestor) && isScalar(ancestor.key) && FREE_FORM_KEYS.has(String(ancestor.key.value)),
        );
        if (!freeForm) node.value = node.source;
      },
    });
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // The yaml package throws on alias bombs and some malformed trees rather than reporting them.
    return fail("osv.invalid_yaml", `not valid YAML: ${(error as Error).message}`);
  }
  return parseOsvValue(value);
}

/**
 * Emit an OSV document as stable JSON: two-space indent, members in the specification's order
 * (free-form members sorted), trailing newline. `parseOsvJson(emitOsvJson(v))` gives back `v`.
 */
export function emitOsvJson(osv: OsvVulnerability): string {
  return stringifyStable(osv, OSV_FIELD_ORDER);
}
