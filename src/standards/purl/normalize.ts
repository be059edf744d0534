/**
 * The normalisation step shared by `parsePurl` and `buildPurl`: both turn their input into decoded
 * parts, then this module applies the generic component rules and the per-type rules.
 */
import { fail, ok, type Result } from "../result.ts";
import type { PackageUrl } from "./model.ts";
import { type PurlTypeRule, purlTypeRule } from "./types.ts";

/** Decoded components before the type rules run. */
export interface RawPurlParts {
  /** Already validated and lowercased by `normalizeType`. */
  readonly type: string;
  /** Decoded, non-empty namespace segments. */
  readonly namespace: readonly string[];
  /** Decoded name segments: one for ordinary types, the repository path for `nameIsPath` types. */
  readonly name: readonly string[];
  /** Decoded version; empty means absent. */
  readonly version: string;
  /** Validated lowercase keys, decoded non-empty values, in any order. */
  readonly qualifiers: Readonly<Record<string, string>>;
  /** Decoded, non-empty subpath segments other than `.` and `..`. */
  readonly subpath: readonly string[];
}

const TYPE = /^[A-Za-z][A-Za-z0-9.-]*$/;
/**
 * The canonical grammar wants a lowercase first letter; the purl-spec parse tests fold later
 * letters but reject an uppercase first one, while validation ("correct the input") folds any.
 */
const QUALIFIER_KEY = /^[a-z][A-Za-z0-9._-]*$/;
const LENIENT_QUALIFIER_KEY = /^[A-Za-z][A-Za-z0-9._-]*$/;

/** Validate a type and return its canonical (lowercase) form. */
export function normalizeType(raw: string): Result<string> {
  if (raw === "") return fail("purl.missing_type", "The type is required.", "type");
  if (!TYPE.test(raw)) {
    return fail("purl.invalid_type", "A type is an ASCII letter followed by letters, digits, '.' or '-'.", "type");
  }
  return ok(raw.toLowerCase());
}

/** The canonical form of a qualifier key, or `undefined` when the key is not allowed. */
export function normalizeQualifierKey(raw: string, lenient = false): string | undefined {
  return (lenient ? LENIENT_QUALIFIER_KEY : QUALIFIER_KEY).test(raw) ? raw.toLowerCase() : undefined;
}

/** A subpath segment that the spec says to drop rather than reject. */
export function isSkippedSubpathSegment(segment: string): boolean {
  return segment === "" || segment === "." || segment === "..";
}

/** Qualifiers in key order, or `undefined` when there are none; reuses the object when already sorted. */
function sortedQualifiers(qualifiers: Readonly<Record<string, string>>): Readonly<Record<string, string>> | undefined {
  const keys = Object.keys(qualifiers);
  if (keys.length === 0) return undefined;
  let sorted = true;
  for (let i = 1; i < keys.length; i += 1) if (keys[i - 1]! > keys[i]!) sorted = false;
  if (sorted) return qualifiers;
  keys.sort();
  const out: Record<string, string> = {};
  for (const key of keys) out[key] = qualifiers[key]!;
  return out;
}

/** Apply the generic and type-specific rules and assemble the normalised Package URL. */
export function finishPurl(
  parts: RawPurlParts,
  rule: PurlTypeRule | undefined = purlTypeRule(parts.type),
): Result<PackageUrl> {
  let namespaceSegments = parts.namespace;
  let nameSegments = parts.name;
  if (rule?.nameIsPath) {
    // The namespace is the first path segment only; everything after it is the name.
    const all = [...namespaceSegments, ...nameSegments];
    namespaceSegments = all.length > 1 ? all.slice(0, 1) : [];
    nameSegments = all.length > 1 ? all.slice(1) : all;
  }

  let name = nameSegments.length === 1 ? nameSegments[0]! : nameSegments.join("/");
  if (name === "") return fail("purl.missing_name", "The name is required.", "name");
  let namespace = namespaceSegments.length > 0 ? namespaceSegments.join("/") : undefined;
  if (namespace !== undefined && rule?.lowerNamespace) namespace = namespace.toLowerCase();
  if (rule?.namespace === "required" && namespace === undefined) {
    return fail("purl.namespace_required", `A ${parts.type} PURL requires a namespace.`, "namespace");
  }
  if (rule?.namespace === "prohibited" && namespace !== undefined) {
    return fail("purl.namespace_prohibited", `A ${parts.type} PURL has no namespace.`, "namespace");
  }

  if (rule?.lowerName) name = name.toLowerCase();
  if (rule?.normalizeName) name = rule.normalizeName(name, namespace, parts.qualifiers);

  let version = parts.version === "" ? undefined : parts.version;
  if (version !== undefined && rule?.lowerVersion) version = version.toLowerCase();

  let subpath = parts.subpath.length > 0 ? parts.subpath.join("/") : undefined;
  if (subpath !== undefined && rule?.lowerSubpath) subpath = subpath.toLowerCase();

  if (rule?.requiredQualifiers) {
    for (const key of rule.requiredQualifiers) {
      if (!Object.hasOwn(parts.qualifiers, key)) {
        return fail("purl.missing_qualifier", `A ${parts.type} PURL requires the '${key}' qualifier.`, "qualifiers");
      }
    }
  }

  // Built in component order; absent components are left out rather than set to undefined.
  const purl: { -readonly [K in keyof PackageUrl]: PackageUrl[K] } =
    namespace === undefined ? { type: parts.type, name } : { type: parts.type, namespace, name };
  if (version !== undefined) purl.version = version;
  const qualifiers = sortedQualifiers(parts.qualifiers);
  if (qualifiers !== undefined) purl.qualifiers = qualifiers;
  if (subpath !== undefined) purl.subpath = subpath;

  const problem = rule?.check?.(purl);
  return problem ? { ok: false, error: problem } : ok(purl);
}
