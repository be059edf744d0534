/**
 * Reading VERS strings: `parseVers` accepts only canonical input, as the vers-spec says parsing
 * must ("tools shall not correct or normalise invalid input"); `normalizeVers` reads leniently and
 * returns the constraints sorted, which is what the spec's "validate" tests expect.
 */
import { fail, ok, type Result } from "../result.ts";
import type { VersComparator, VersRange } from "./model.ts";
import { compileVers, sortVersConstraints, versRangeIssues } from "./range.ts";
import { parseVersSyntax } from "./syntax.ts";

/**
 * Parse a canonical VERS string. Beyond the syntax, a range of a known type must be sorted by
 * version, with unique versions and a valid comparator sequence (clause 5.4); versions are only
 * checked against the type's grammar where that order must be established (two or more).
 */
export function parseVers(input: string): Result<VersRange> {
  const parsed = parseVersSyntax(input, { canonical: true });
  if (!parsed.ok) return parsed;
  const issue = versRangeIssues(parsed.value)[0];
  if (issue !== undefined && !(issue.code === "vers.invalid_version" && parsed.value.constraints.length < 2)) {
    return { ok: false, error: issue };
  }
  return parsed;
}

const COMPARATORS: ReadonlySet<unknown> = new Set<VersComparator>(["=", "!=", "<", "<=", ">", ">=", "*"]);

/** A VERS string read leniently, or a range checked at run time (it may come from untyped JSON). */
function readRange(input: unknown): Result<VersRange> {
  if (typeof input === "string") return parseVersSyntax(input, { canonical: false });
  const candidate = (typeof input === "object" && input !== null ? input : {}) as Partial<VersRange>;
  const { scheme, constraints } = candidate;
  const wellFormed =
    typeof scheme === "string" &&
    Array.isArray(constraints) &&
    constraints.every(
      (c: unknown) =>
        typeof c === "object" &&
        c !== null &&
        COMPARATORS.has((c as { comparator?: unknown }).comparator) &&
        typeof (c as { version?: unknown }).version === "string",
    );
  return wellFormed
    ? ok(candidate as VersRange)
    : fail("vers.invalid_range", "A range is a VERS string or { scheme, constraints }.");
}

/**
 * Read a VERS string leniently (type case folded, Unicode versions accepted) or take a range, and
 * return it with its constraints sorted by version. Duplicates and redundant constraints are kept;
 * `simplifyVers` removes them.
 */
export function normalizeVers(input: string | VersRange): Result<VersRange> {
  const range = readRange(input);
  return range.ok ? sortVersConstraints(range.value) : range;
}

/** Whether `version` is in the range (a VERS string, read leniently, or a parsed range). */
export function versContains(range: string | VersRange, version: string): Result<boolean> {
  const read = readRange(range);
  if (!read.ok) return read;
  if (typeof version !== "string") return fail("vers.not_a_string", "A version must be a string.", "version");
  const compiled = compileVers(read.value);
  return compiled.ok ? compiled.value.contains(version) : compiled;
}
