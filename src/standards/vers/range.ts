/**
 * VERS semantics: ordering constraints by version, the validation rules of vers-spec clause 5.4,
 * the simplification procedure and the containment check of "How to parse and validate VERS".
 */
import { fail, ok, type Result, type StandardsIssue } from "../result.ts";
import type { VersComparator, VersConstraint, VersRange } from "./model.ts";
import type { VersScheme } from "./scheme.ts";
import { versTypeRule } from "./types.ts";

/** A constraint next to its version as the scheme parsed it. */
export interface ParsedConstraint {
  readonly constraint: VersConstraint;
  readonly value: unknown;
}

/** Tie-break for equal versions: the comparators' ASCII order (`!=` < `<` < `<=` < `=` < `>` < `>=`). */
const COMPARATOR_RANK: Readonly<Record<VersComparator, number>> = {
  "!=": 0,
  "<": 1,
  "<=": 2,
  "=": 3,
  ">": 4,
  ">=": 5,
  "*": 6,
};

function isStar(range: VersRange): boolean {
  return range.constraints.length === 1 && range.constraints[0]!.comparator === "*";
}

function isGreater(c: VersComparator): boolean {
  return c === ">" || c === ">=";
}

function isLess(c: VersComparator): boolean {
  return c === "<" || c === "<=";
}

/** Parse every constraint's version with the scheme; the first unreadable version is the error. */
export function parseConstraintVersions(range: VersRange, scheme: VersScheme): Result<ParsedConstraint[]> {
  const parsed: ParsedConstraint[] = [];
  for (const [index, constraint] of range.constraints.entries()) {
    if (constraint.comparator === "*") continue;
    const value = scheme.parse(constraint.version);
    if (!value.ok) {
      return fail(
        "vers.invalid_version",
        `'${constraint.version}' is not a valid ${range.scheme} version.`,
        `constraints/${index}`,
      );
    }
    parsed.push({ constraint, value: value.value });
  }
  return ok(parsed);
}

function compareParsed(scheme: VersScheme, a: ParsedConstraint, b: ParsedConstraint): number {
  return (
    scheme.compare(a.value, b.value) ||
    COMPARATOR_RANK[a.constraint.comparator] - COMPARATOR_RANK[b.constraint.comparator]
  );
}

/**
 * Sort the constraints by version (ties by comparator), keeping duplicates. Ranges of unregistered
 * or reserved types, which have no ordering, and `*` come back unchanged.
 */
export function sortVersConstraints(range: VersRange): Result<VersRange> {
  const scheme = versTypeRule(range.scheme)?.scheme;
  if (scheme === undefined || isStar(range)) return ok(range);
  const parsed = parseConstraintVersions(range, scheme);
  if (!parsed.ok) return parsed;
  const sorted = parsed.value.sort((a, b) => compareParsed(scheme, a, b));
  return ok({ scheme: range.scheme, constraints: sorted.map((p) => p.constraint) });
}

/** The clause 5.4 comparator-sequence rules on a sorted list; `undefined` when they hold. */
function sequenceIssue(constraints: readonly VersConstraint[]): StandardsIssue | undefined {
  const bounded = constraints.filter((c) => c.comparator !== "!=");
  for (let i = 0; i + 1 < bounded.length; i += 1) {
    const current = bounded[i]!.comparator;
    const next = bounded[i + 1]!.comparator;
    if (current === "=" && isLess(next)) {
      return { code: "vers.invalid_sequence", message: "An equality constraint cannot be followed by '<' or '<='." };
    }
  }
  const ranges = bounded.filter((c) => c.comparator !== "=");
  for (let i = 0; i + 1 < ranges.length; i += 1) {
    const current = ranges[i]!.comparator;
    const next = ranges[i + 1]!.comparator;
    if (isGreater(current) === isGreater(next)) {
      return {
        code: "vers.invalid_sequence",
        message: "Ignoring '!=' and equality, constraints must alternate between '>'/'>=' and '<'/'<='.",
      };
    }
  }
  return undefined;
}

/**
 * Every clause 5.4 problem of a range as written: unreadable versions, wrong order, duplicate
 * versions, invalid comparator sequences, and the rules of reserved and `all`/`none` types.
 */
export function versRangeIssues(range: VersRange): StandardsIssue[] {
  const rule = versTypeRule(range.scheme);
  if (rule?.reserved === "invalid") {
    return [{ code: "vers.invalid_type", message: "The 'invalid' type is always invalid.", path: "type" }];
  }
  if (rule?.starOnly && !isStar(range)) {
    return [
      { code: "vers.star_only", message: `'vers:${range.scheme}/*' is the only valid form.`, path: "constraints" },
    ];
  }
  if (rule?.scheme === undefined || isStar(range)) return [];
  const parsed = parseConstraintVersions(range, rule.scheme);
  if (!parsed.ok) return [parsed.error];
  const issues: StandardsIssue[] = [];
  const values = parsed.value;
  for (let i = 0; i + 1 < values.length; i += 1) {
    const order = rule.scheme.compare(values[i]!.value, values[i + 1]!.value);
    if (order > 0) {
      issues.push({
        code: "vers.unsorted",
        message: "Constraints are not sorted by version.",
        path: `constraints/${i + 1}`,
      });
      return issues;
    }
    if (order === 0) {
      const version = values[i + 1]!.constraint.version;
      issues.push({
        code: "vers.duplicate_version",
        message: `Version '${version}' appears more than once.`,
        path: `constraints/${i + 1}`,
      });
      return issues;
    }
  }
  const sequence = sequenceIssue(range.constraints);
  if (sequence) issues.push(sequence);
  return issues;
}

/**
 * Remove redundant constraints with the vers-spec simplification procedure, after sorting and
 * dropping exact duplicates. Unregistered and reserved types come back unchanged.
 */
export function simplifyVers(range: VersRange): Result<VersRange> {
  const sorted = sortVersConstraints(range);
  if (!sorted.ok) return sorted;
  const scheme = versTypeRule(range.scheme)?.scheme;
  if (scheme === undefined || sorted.value.constraints.length <= 1) return sorted;
  const unique = sorted.value.constraints.filter(
    (c, i, all) => i === 0 || c.comparator !== all[i - 1]!.comparator || c.version !== all[i - 1]!.version,
  );
  const unequal = unique.filter((c) => c.comparator === "!=");
  const kept: VersConstraint[] = [];
  for (const c of unique) {
    if (c.comparator === "!=") continue;
    const top = kept[kept.length - 1];
    // '>'/'>=' already open the range upwards: a later '>', '>=' or '=' adds nothing.
    if (top && isGreater(top.comparator) && (isGreater(c.comparator) || c.comparator === "=")) continue;
    // A later '<'/'<=' covers every earlier '=', '<' and '<=' in a row.
    while (kept.length > 0 && isLess(c.comparator)) {
      const last = kept[kept.length - 1]!.comparator;
      if (last !== "=" && !isLess(last)) break;
      kept.pop();
    }
    kept.push(c);
  }
  return sortVersConstraints({ scheme: range.scheme, constraints: [...unequal, ...kept] });
}

/** A range compiled once (versions parsed) for repeated membership checks. */
export interface CompiledVers {
  readonly range: VersRange;
  /** Whether `version` is in the range; an unreadable version is an error. */
  contains(version: string): Result<boolean>;
}

/** Compile a range for membership checks: sort it and parse its versions once. */
export function compileVers(range: VersRange): Result<CompiledVers> {
  const rule = versTypeRule(range.scheme);
  if (rule?.reserved === "invalid") return fail("vers.invalid_type", "The 'invalid' type is always invalid.", "type");
  if (isStar(range)) {
    const all = ok(rule?.empty !== true);
    return ok({ range, contains: () => all });
  }
  const scheme = rule?.scheme;
  if (scheme === undefined) {
    return fail("vers.unordered_type", `No version ordering is known for vers type '${range.scheme}'.`, "type");
  }
  const parsed = parseConstraintVersions(range, scheme);
  if (!parsed.ok) return parsed;
  const sorted = parsed.value.sort((a, b) => compareParsed(scheme, a, b));
  const equal = sorted.filter(
    (p) => p.constraint.comparator === "=" || p.constraint.comparator === "<=" || p.constraint.comparator === ">=",
  );
  const excluded = sorted.filter((p) => p.constraint.comparator === "!=");
  const bounds = sorted.filter((p) => p.constraint.comparator !== "=" && p.constraint.comparator !== "!=");
  return ok({
    range,
    contains(version) {
      const tested = scheme.parse(version);
      if (!tested.ok)
        return fail("vers.invalid_version", `'${version}' is not a valid ${range.scheme} version.`, "version");
      const v = tested.value;
      if (equal.some((p) => scheme.compare(v, p.value) === 0)) return ok(true);
      if (excluded.some((p) => scheme.compare(v, p.value) === 0)) return ok(false);
      if (bounds.length === 0) return ok(false);
      const first = bounds[0]!;
      if (isLess(first.constraint.comparator) && scheme.compare(v, first.value) < 0) return ok(true);
      const last = bounds[bounds.length - 1]!;
      if (isGreater(last.constraint.comparator) && scheme.compare(v, last.value) > 0) return ok(true);
      for (let i = 0; i + 1 < bounds.length; i += 1) {
        const low = bounds[i]!;
        const high = bounds[i + 1]!;
        if (
          isGreater(low.constraint.comparator) &&
          isLess(high.constraint.comparator) &&
          scheme.compare(v, low.value) > 0 &&
          scheme.compare(v, high.value) < 0
        ) {
          return ok(true);
        }
      }
      return ok(false);
    },
  });
}
