/**
 * CWE identifiers: `CWE-` followed by a positive decimal number without leading zeros, as in
 * CSAF 2.0 (`^CWE-[1-9]\d{0,5}$`) and CVE JSON 5 (`^CWE-[1-9][0-9]*$`).
 */
import { fail, ok, type Result } from "../result.ts";

/** A canonical CWE identifier such as `CWE-79`. */
export type CweId = `CWE-${number}`;

/** What {@link parseCweId} tolerates beyond the canonical form. */
export interface CweIdParseOptions {
  /**
   * Accept `cwe-79`, ` CWE-079 `, `79`: any case of the prefix, a missing prefix, leading zeros
   * and surrounding whitespace. Default false.
   */
  lenient?: boolean;
}

/** Largest number accepted: six digits, the CSAF 2.0 limit. */
const MAX_DIGITS = 6;
const CANONICAL = /^CWE-[1-9][0-9]{0,5}$/;
const LENIENT = /^(?:CWE-)?([0-9]+)$/i;

/**
 * Parse a CWE identifier. NVD's placeholders `NVD-CWE-Other` and `NVD-CWE-noinfo` are not CWE
 * entries and fail with `cwe.nvd_placeholder`, so callers can tell them from typos.
 */
export function parseCweId(text: unknown, options: CweIdParseOptions = {}): Result<CweId> {
  if (typeof text !== "string") return fail("cwe.not_a_string", "a CWE identifier must be a string");
  const input = options.lenient ? text.trim() : text;
  if (input === "") return fail("cwe.empty", "the CWE identifier is empty");
  if (/^NVD-CWE-(Other|noinfo)$/i.test(input.trim())) {
    return fail("cwe.nvd_placeholder", `${input.trim()} is an NVD placeholder, not a CWE entry`);
  }
  if (!options.lenient) {
    if (CANONICAL.test(input)) return ok(input as CweId);
    return fail("cwe.invalid_syntax", `not a CWE identifier (expected e.g. CWE-79): "${input}"`);
  }
  const match = LENIENT.exec(input);
  if (!match) return fail("cwe.invalid_syntax", `not a CWE identifier (expected e.g. CWE-79): "${input}"`);
  const digits = match[1]!.replace(/^0+/, "");
  if (digits === "") return fail("cwe.invalid_number", "CWE numbers start at 1");
  if (digits.length > MAX_DIGITS) return fail("cwe.invalid_number", `CWE numbers have at most ${MAX_DIGITS} digits`);
  return ok(`CWE-${digits}` as CweId);
}

/** The canonical identifier for a CWE number; fails for anything but an integer from 1 to 999999. */
export function toCweId(value: number): Result<CweId> {
  if (!Number.isInteger(value) || value < 1 || value >= 10 ** MAX_DIGITS) {
    return fail("cwe.invalid_number", `not a CWE number: ${value}`);
  }
  return ok(`CWE-${value}` as CweId);
}

/** The number of a canonical identifier (`CWE-79` → 79). */
export function cweNumber(id: CweId): number {
  return Number(id.slice(4));
}
