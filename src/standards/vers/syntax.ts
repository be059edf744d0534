/**
 * VERS string syntax: split, decode and encode, as the vers-spec "How to parse" section describes.
 * Ordering and the constraint-sequence rules live in `range.ts`; this module only needs the string.
 */
import { fail, ok, type Result } from "../result.ts";
import type { VersComparator, VersConstraint, VersRange } from "./model.ts";
import { versTypeRule } from "./types.ts";

/** Characters the spec says a version must percent-encode. */
const MUST_ENCODE = /[<>=!*|%]/;
const TYPE = /^[a-z][a-z0-9.-]*$/;
const LENIENT_TYPE = /^[A-Za-z][A-Za-z0-9.-]*$/;
const TRIPLET = /%[0-9A-Fa-f]{2}/g;
const LOWER_HEX_TRIPLET = /%(?:[a-f][0-9A-Fa-f]|[0-9A-F][a-f])/;
/** A triplet for printable ASCII that a canonical version writes literally (e.g. `%3A` for ':'). */
const NEEDLESS_TRIPLET = /%(?:2[2-46-9B-F]|3[0-9ABF]|[4-6][0-9A-F]|7[0-9ABDE])/i;
const UTF8 = new TextEncoder();

/** How strictly `parseVersSyntax` reads. */
export interface VersSyntaxOptions {
  /**
   * Canonical mode: the type must be lowercase, versions ASCII with uppercase hex triplets and
   * the type's own spelling rules (datetime's `T`/`Z`). The lenient mode (for `normalizeVers`)
   * folds the type's case and accepts any Unicode text.
   */
  readonly canonical: boolean;
}

function hasWhitespace(input: string): boolean {
  for (let i = 0; i < input.length; i += 1) {
    const code = input.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** True when the string has a lone UTF-16 surrogate, which has no UTF-8 form to percent-encode. */
function hasLoneSurrogate(input: string): boolean {
  for (let i = 0; i < input.length; i += 1) {
    const code = input.charCodeAt(i);
    if (code < 0xd800 || code > 0xdfff) continue;
    const next = input.charCodeAt(i + 1);
    if (code >= 0xdc00 || !(next >= 0xdc00 && next <= 0xdfff)) return true;
    i += 1;
  }
  return false;
}

function isAscii(input: string): boolean {
  for (let i = 0; i < input.length; i += 1) if (input.charCodeAt(i) > 0x7e) return false;
  return true;
}

/** Decode percent-encoding once; `undefined` for a malformed triplet or non-UTF-8 octets. */
function decodeVersion(raw: string): string | undefined {
  if (!raw.includes("%")) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

function readComparator(segment: string): [VersComparator, number] {
  const two = segment.slice(0, 2);
  if (two === ">=" || two === "<=" || two === "!=") return [two, 2];
  const one = segment.charAt(0);
  if (one === "<" || one === ">") return [one, 1];
  return ["=", 0];
}

/** Parse the syntax of a VERS string (no ordering checks). Never throws. */
export function parseVersSyntax(input: string, options: VersSyntaxOptions): Result<VersRange> {
  if (typeof input !== "string") return fail("vers.not_a_string", "A VERS must be a string.");
  if (hasWhitespace(input)) return fail("vers.whitespace", "Whitespace is not permitted in a VERS.");
  if (hasLoneSurrogate(input)) return fail("vers.invalid_character", "A VERS must not contain lone surrogates.");
  const colon = input.indexOf(":");
  if (colon < 0) return fail("vers.missing_scheme", "A VERS starts with 'vers:'.", "scheme");
  const uri = input.slice(0, colon);
  if (uri !== "vers" && (options.canonical || uri.toLowerCase() !== "vers")) {
    return fail("vers.invalid_scheme", "The URI scheme of a VERS is 'vers'.", "scheme");
  }
  const slash = input.indexOf("/", colon + 1);
  if (slash < 0) return fail("vers.missing_constraints", "A VERS needs '/' and constraints after the type.");
  const type = input.slice(colon + 1, slash);
  if (!(options.canonical ? TYPE : LENIENT_TYPE).test(type)) {
    return fail(
      "vers.invalid_type",
      "A VERS type is a lowercase letter followed by letters, digits, '.' or '-'.",
      "type",
    );
  }
  const scheme = type.toLowerCase();
  const canonicalIssue = options.canonical ? versTypeRule(scheme)?.canonicalIssue : undefined;
  const text = input.slice(slash + 1);
  if (text === "") return fail("vers.missing_constraints", "A VERS needs at least one constraint.", "constraints");
  if (text === "*") return ok({ scheme, constraints: [{ comparator: "*", version: "" }] });
  if (text.startsWith("|")) return fail("vers.leading_pipe", "A leading pipe is not permitted.", "constraints");
  if (text.endsWith("|")) return fail("vers.trailing_pipe", "A trailing pipe is not permitted.", "constraints");

  const constraints: VersConstraint[] = [];
  for (const segment of text.split("|")) {
    if (segment === "") return fail("vers.consecutive_pipes", "Consecutive pipes are not permitted.", "constraints");
    if (segment.startsWith("=")) {
      return fail("vers.explicit_equality", "Equality is a bare version, without a leading '='.", "constraints");
    }
    const [comparator, length] = readComparator(segment);
    const raw = segment.slice(length);
    if (raw === "") return fail("vers.empty_version", `Constraint '${segment}' has no version.`, "constraints");
    const issue = canonicalIssue?.(raw);
    if (issue !== undefined) return fail("vers.non_canonical_version", issue, "constraints");
    const version = decodeVersion(raw);
    if (version === undefined) {
      return fail("vers.invalid_encoding", `Invalid percent-encoding in version '${raw}'.`, "constraints");
    }
    if (MUST_ENCODE.test(raw.replace(TRIPLET, ""))) {
      return fail(
        "vers.unencoded_character",
        `Version '${raw}' must percent-encode any of < > = ! * | %, and '*' stands alone.`,
        "constraints",
      );
    }
    if (options.canonical && !isAscii(raw)) {
      return fail("vers.invalid_character", `Version '${raw}' must be ASCII (percent-encode the rest).`, "constraints");
    }
    if (options.canonical && LOWER_HEX_TRIPLET.test(raw)) {
      return fail("vers.non_canonical_encoding", "Percent-encoding in a version uses uppercase hex.", "constraints");
    }
    if (options.canonical && NEEDLESS_TRIPLET.test(raw)) {
      return fail(
        "vers.non_canonical_encoding",
        "Only < > = ! * | %, space and non-ASCII characters are percent-encoded in a version.",
        "constraints",
      );
    }
    constraints.push({ comparator, version });
  }
  return ok({ scheme, constraints });
}

function encodeChar(char: string): string {
  let out = "";
  for (const byte of UTF8.encode(char)) out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  return out;
}

/** Percent-encode a decoded version for a canonical VERS string. */
export function encodeVersVersion(version: string): string {
  // Printable ASCII stays literal except the characters the spec reserves.
  return version.replace(/[<>=!*|%]|[^\u0021-\u007e]/gu, encodeChar);
}

/** Format a range as a VERS string, keeping the order of its constraints. */
export function formatVers(range: VersRange): string {
  const parts = range.constraints.map((c) =>
    c.comparator === "*" ? "*" : `${c.comparator === "=" ? "" : c.comparator}${encodeVersVersion(c.version)}`,
  );
  return `vers:${range.scheme}/${parts.join("|")}`;
}
