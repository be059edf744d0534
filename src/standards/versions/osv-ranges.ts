/**
 * Is a package version affected by one OSV `affected[]` entry? Follows the OSV schema's evaluation
 * pseudocode: a version is affected when it is listed in `versions`, or lies in any range. Within a
 * range, events are sorted by version ("0" as introduced sorts first); walking them, `introduced` at or
 * below the version opens the range, `fixed` at or below closes it, `last_affected` below closes it;
 * `limit` events cap the range (the version must be below at least one; "*" is infinity).
 * SEMVER ranges use SemVer whatever the ecosystem; ECOSYSTEM ranges use the package's ecosystem; GIT
 * ranges need the commit graph, so they are reported as unsupported rather than guessed.
 *
 * Input types are structural so that `standards/osv`'s document types fit them without a dependency.
 */
import { fail, ok, type Result } from "../result.ts";
import { resolveEcosystem } from "./ecosystems.ts";
import type { VersionScheme } from "./scheme.ts";
import { semver } from "./semver.ts";

/** One range event; a valid event sets exactly one key. */
export interface OsvEventInput {
  readonly introduced?: string;
  readonly fixed?: string;
  readonly last_affected?: string;
  readonly limit?: string;
}

/** One `affected[].ranges[]` item. */
export interface OsvRangeInput {
  readonly type: string;
  readonly repo?: string;
  readonly events: readonly OsvEventInput[];
}

/** The parts of an `affected[]` entry that decide which versions it covers. */
export interface OsvAffectedInput {
  readonly package?: { readonly ecosystem: string; readonly name?: string };
  readonly ranges?: readonly OsvRangeInput[];
  readonly versions?: readonly string[];
}

/** The answer for one version. */
export type OsvVerdict =
  | { readonly status: "affected"; readonly via: "versions" }
  | { readonly status: "affected"; readonly via: "range"; readonly range: number }
  | { readonly status: "not_affected" }
  /** No evaluable range includes the version, but these ranges (GIT, or of an unordered ecosystem) might. */
  | { readonly status: "undetermined"; readonly ranges: readonly number[] };

/** An `affected[]` entry prepared for evaluating many versions. */
export interface CompiledOsvAffected {
  evaluate(version: string): Result<OsvVerdict>;
}

type EventKind = "introduced" | "fixed" | "last_affected" | "limit";
const KINDS: readonly EventKind[] = ["introduced", "fixed", "last_affected", "limit"];
// At equal versions an introduced event is applied first, so `introduced X, fixed X` covers nothing.
const TIE_ORDER: Readonly<Record<EventKind, number>> = { introduced: 0, fixed: 1, last_affected: 2, limit: 3 };

interface CompiledEvent {
  readonly kind: EventKind;
  /** Parsed version; undefined for introduced "0" and limit "*". */
  readonly version: unknown;
}

interface CompiledRange {
  readonly index: number;
  readonly scheme: VersionScheme;
  /** introduced/fixed/last_affected events, sorted. */
  readonly events: readonly CompiledEvent[];
  /** Parsed limits; empty means no limit ("*" included). */
  readonly limits: readonly unknown[];
  readonly unlimited: boolean;
}

function eventKind(event: OsvEventInput, path: string): Result<[EventKind, string]> {
  const set = KINDS.filter((k) => (event as Record<string, unknown>)[k] !== undefined);
  if (set.length !== 1)
    return fail(
      "versions.osv_invalid_event",
      "An event must set exactly one of introduced, fixed, last_affected, limit.",
      path,
    );
  const kind = set[0] as EventKind;
  const value = event[kind];
  if (typeof value !== "string")
    return fail("versions.osv_invalid_event", `The ${kind} version must be a string.`, `${path}/${kind}`);
  return { ok: true, value: [kind, value] };
}

function compileRange(range: OsvRangeInput, index: number, scheme: VersionScheme): Result<CompiledRange> {
  const events: CompiledEvent[] = [];
  const limits: unknown[] = [];
  let unlimited = true;
  let introduced = false;
  for (const [j, event] of range.events.entries()) {
    const path = `/ranges/${index}/events/${j}`;
    const read = eventKind(event, path);
    if (!read.ok) return read;
    const [kind, text] = read.value;
    introduced ||= kind === "introduced";
    if ((kind === "introduced" && text === "0") || (kind === "limit" && text === "*")) {
      if (kind === "introduced") events.push({ kind, version: undefined });
      continue;
    }
    const parsed = scheme.parse(text);
    if (!parsed.ok) return fail(parsed.error.code, parsed.error.message, `${path}/${kind}`);
    if (kind === "limit") {
      unlimited = false;
      limits.push(parsed.value);
    } else events.push({ kind, version: parsed.value });
  }
  if (!introduced)
    return fail(
      "versions.osv_missing_introduced",
      "A range needs at least one introduced event.",
      `/ranges/${index}/events`,
    );
  // A "*" limit is infinity: with one present, every version is below some limit.
  if (range.events.some((e) => e.limit === "*")) unlimited = true;
  events.sort((x, y) => {
    if (x.version === undefined || y.version === undefined) {
      return x.version === y.version ? 0 : x.version === undefined ? -1 : 1;
    }
    return scheme.compare(x.version, y.version) || TIE_ORDER[x.kind] - TIE_ORDER[y.kind];
  });
  return { ok: true, value: { index, scheme, events, limits, unlimited } };
}

function inRange(range: CompiledRange, version: unknown): boolean {
  const { scheme } = range;
  if (!range.unlimited && !range.limits.some((limit) => scheme.compare(version, limit) < 0)) return false;
  let vulnerable = false;
  for (const event of range.events) {
    const r = event.version === undefined ? 1 : scheme.compare(version, event.version);
    if (event.kind === "introduced" && r >= 0) vulnerable = true;
    else if (event.kind === "fixed" && r >= 0) vulnerable = false;
    else if (event.kind === "last_affected" && r > 0) vulnerable = false;
  }
  return vulnerable;
}

/** The scheme ECOSYSTEM ranges use; undefined for an unordered ecosystem, whose ranges stay undetermined. */
function ecosystemScheme(affected: OsvAffectedInput): Result<VersionScheme | undefined> {
  const name = affected.package?.ecosystem;
  if (name === undefined)
    return fail("versions.unknown_ecosystem", "An ECOSYSTEM range needs package.ecosystem.", "/package/ecosystem");
  const resolved = resolveEcosystem(name);
  if (resolved.ok) return ok(resolved.value.scheme);
  if (resolved.error.code === "versions.unordered_ecosystem") return ok(undefined);
  return fail(resolved.error.code, resolved.error.message, "/package/ecosystem");
}

/** The scheme a range is evaluated with; undefined when it cannot be evaluated without guessing. */
function rangeScheme(
  affected: OsvAffectedInput,
  range: OsvRangeInput,
  index: number,
): Result<VersionScheme | undefined> {
  if (range.type === "GIT") return ok(undefined);
  if (range.type === "SEMVER") return ok(semver);
  if (range.type === "ECOSYSTEM") return ecosystemScheme(affected);
  return fail(
    "versions.osv_unknown_range_type",
    `Unknown range type ${JSON.stringify(range.type)}.`,
    `/ranges/${index}/type`,
  );
}

/** Checks an `affected[]` entry once (range types, events, event versions) for repeated evaluation. */
export function compileOsvAffected(affected: OsvAffectedInput): Result<CompiledOsvAffected> {
  const listed = new Set(affected.versions ?? []);
  const ranges: CompiledRange[] = [];
  const undetermined: number[] = [];
  for (const [index, range] of (affected.ranges ?? []).entries()) {
    const scheme = rangeScheme(affected, range, index);
    if (!scheme.ok) return scheme;
    if (scheme.value === undefined) {
      undetermined.push(index);
      continue;
    }
    const compiled = compileRange(range, index, scheme.value);
    if (!compiled.ok) return compiled;
    ranges.push(compiled.value);
  }
  const parsedBy = new Map<VersionScheme, Result<unknown>>();
  return {
    ok: true,
    value: {
      evaluate(version: string): Result<OsvVerdict> {
        if (listed.has(version)) return { ok: true, value: { status: "affected", via: "versions" } };
        parsedBy.clear();
        for (const range of ranges) {
          let parsed = parsedBy.get(range.scheme);
          if (parsed === undefined) {
            parsed = range.scheme.parse(version);
            parsedBy.set(range.scheme, parsed);
          }
          if (!parsed.ok) return fail(parsed.error.code, parsed.error.message, "version");
          if (inRange(range, parsed.value))
            return { ok: true, value: { status: "affected", via: "range", range: range.index } };
        }
        if (undetermined.length > 0) return { ok: true, value: { status: "undetermined", ranges: undetermined } };
        return { ok: true, value: { status: "not_affected" } };
      },
    },
  };
}

/** Is `version` affected by the `affected[]` entry? Errors name the malformed part of the entry. */
export function evaluateOsvAffected(affected: OsvAffectedInput, version: string): Result<OsvVerdict> {
  const compiled = compileOsvAffected(affected);
  return compiled.ok ? compiled.value.evaluate(version) : compiled;
}
