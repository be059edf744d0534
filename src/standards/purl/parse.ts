/**
 * Parse a PURL string, right to left as the purl-spec "How to parse" section describes:
 * subpath, qualifiers, scheme, type, version, name, namespace. This is a hot path (SBOM imports,
 * matching), so it avoids per-segment allocations beyond the decoded strings themselves.
 */
import { fail, ok, type Result } from "../result.ts";
import { percentDecode } from "./encoding.ts";
import type { PackageUrl } from "./model.ts";
import { finishPurl, isSkippedSubpathSegment, normalizeQualifierKey, normalizeType } from "./normalize.ts";
import { purlTypeRule } from "./types.ts";

const SLASH = 47;

/** Options for `parsePurl`. */
export interface PurlParseOptions {
  /**
   * Correct rather than reject what only needs case folding: qualifier keys starting with an
   * uppercase letter (`?Arch=x86`). This is the "validate" behaviour of the purl-spec tests.
   */
  readonly lenient?: boolean;
}

/**
 * True when the string has raw whitespace or control characters (never in a URL) or a lone UTF-16
 * surrogate (no UTF-8 form to percent-encode).
 */
function hasForbiddenCharacter(input: string): boolean {
  for (let i = 0; i < input.length; i += 1) {
    const code = input.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f) return true;
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = input.charCodeAt(i + 1);
      if (code >= 0xdc00 || !(next >= 0xdc00 && next <= 0xdfff)) return true;
      i += 1;
    }
  }
  return false;
}

function badEncoding(field: string): Result<never> {
  return fail("purl.invalid_encoding", "Invalid percent-encoding (or the octets are not UTF-8).", field);
}

function parseSubpath(raw: string): Result<string[]> {
  const segments: string[] = [];
  for (const part of raw.split("/")) {
    const decoded = percentDecode(part);
    if (decoded === undefined) return badEncoding("subpath");
    if (isSkippedSubpathSegment(decoded)) continue;
    if (decoded.includes("/")) {
      return fail("purl.invalid_subpath", "A subpath segment must not contain an encoded '/'.", "subpath");
    }
    segments.push(decoded);
  }
  return ok(segments);
}

function parseQualifiers(raw: string, lenient: boolean): Result<Record<string, string>> {
  const qualifiers: Record<string, string> = {};
  for (const pair of raw.split("&")) {
    const eq = pair.indexOf("=");
    // A pair with an empty value is the same as no pair at all.
    if (eq < 0 || eq === pair.length - 1) continue;
    const rawKey = pair.slice(0, eq);
    const key = normalizeQualifierKey(rawKey, lenient);
    if (key === undefined) {
      return fail(
        "purl.invalid_qualifier_key",
        `Qualifier key '${rawKey}' must start with a lowercase letter and hold only letters, digits, '.', '-' or '_'.`,
        "qualifiers",
      );
    }
    if (Object.hasOwn(qualifiers, key)) {
      return fail("purl.duplicate_qualifier", `Qualifier '${key}' appears more than once.`, "qualifiers");
    }
    const value = percentDecode(pair.slice(eq + 1));
    if (value === undefined) return badEncoding("qualifiers");
    qualifiers[key] = value;
  }
  return ok(qualifiers);
}

/** Parse and normalise a PURL string. Never throws; errors carry a `purl.*` code and the component. */
export function parsePurl(input: string, options?: PurlParseOptions): Result<PackageUrl> {
  if (typeof input !== "string") return fail("purl.not_a_string", "A PURL must be a string.");
  if (hasForbiddenCharacter(input)) {
    return fail("purl.invalid_character", "A PURL must not contain whitespace, control characters or lone surrogates.");
  }
  let end = input.length;

  let subpath: string[] = [];
  const hash = input.lastIndexOf("#");
  if (hash >= 0) {
    const parsed = parseSubpath(input.slice(hash + 1));
    if (!parsed.ok) return parsed;
    subpath = parsed.value;
    end = hash;
  }

  let qualifiers: Record<string, string> = {};
  const question = input.lastIndexOf("?", end - 1);
  if (question >= 0) {
    const parsed = parseQualifiers(input.slice(question + 1, end), options?.lenient === true);
    if (!parsed.ok) return parsed;
    qualifiers = parsed.value;
    end = question;
  }

  const colon = input.indexOf(":");
  if (colon < 0 || colon >= end) return fail("purl.missing_scheme", "A PURL starts with the scheme 'pkg:'.", "scheme");
  if (colon !== 3 || input.slice(0, 3).toLowerCase() !== "pkg") {
    return fail("purl.invalid_scheme", "The scheme of a PURL is 'pkg'.", "scheme");
  }
  // Parsers accept and drop slashes after the scheme, as in 'pkg://npm/x'.
  let start = colon + 1;
  while (input.charCodeAt(start) === SLASH) start += 1;
  const slash = input.indexOf("/", start);
  if (slash < 0 || slash >= end) {
    return fail("purl.missing_name", "A PURL needs a type and a name separated by '/'.", "name");
  }
  // Registered lowercase types, by far the most common, skip the character check.
  let type = input.slice(start, slash);
  let rule = purlTypeRule(type);
  if (rule === undefined) {
    const normalized = normalizeType(type);
    if (!normalized.ok) return normalized;
    type = normalized.value;
    rule = purlTypeRule(type);
  }

  let version = "";
  // The version separator is the last '@' with no '/' after it, so 'pkg:npm/@scope/name' has none.
  const at = input.lastIndexOf("@", end - 1);
  const slashAfterAt = at > slash ? input.indexOf("/", at) : -1;
  if (at > slash && (slashAfterAt < 0 || slashAfterAt >= end)) {
    // 'type/namespace/@1.0' has an empty name: the slash before '@' is not a trailing one.
    if (input.charCodeAt(at - 1) === SLASH) return fail("purl.missing_name", "The name is required.", "name");
    const decoded = percentDecode(input.slice(at + 1, end));
    if (decoded === undefined) return badEncoding("version");
    version = decoded;
    end = at;
  }

  const segments: string[] = [];
  for (const part of input.slice(slash + 1, end).split("/")) {
    if (part === "") continue;
    const decoded = percentDecode(part);
    if (decoded === undefined) return badEncoding("name");
    segments.push(decoded);
  }
  const name = segments.pop() ?? "";
  for (const segment of segments) {
    if (segment.includes("/")) {
      return fail("purl.invalid_namespace", "A namespace segment must not contain an encoded '/'.", "namespace");
    }
  }
  if (rule?.nameIsPath && name.includes("/")) {
    return fail("purl.invalid_name", "A name segment must not contain an encoded '/'.", "name");
  }

  return finishPurl({ type, namespace: segments, name: [name], version, qualifiers, subpath }, rule);
}
