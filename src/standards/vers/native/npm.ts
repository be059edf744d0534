/**
 * npm (node-semver) ranges to vers constraints, in the flat form of the vers-spec conversion
 * tests: every comparator of every `||` alternative, later sorted by version.
 * - `^`, `~`, `x`-ranges and hyphen ranges expand to `>=lower` and `<upper` (upper without `-0`);
 * - a partial version without wildcards is padded with zeros (`>=1.1` is `>=1.1.0`, `2.1` is `2.1.0`);
 * - `*`, `x` or an empty range is `*`.
 * Two of these follow the vers-spec examples rather than node-semver: `>= 2.2.x` becomes
 * `>=2.2.0|<2.3.0` (node: `>=2.2.0`), and a bare `2.1` becomes `2.1.0` (node: `2.1.x`).
 */
import { fail, ok, type Result } from "../../result.ts";
import type { VersComparator, VersConstraint } from "../model.ts";

const PARTIAL = /^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$/;
const TOKEN = /^(~>|<=|>=|<|>|=|~|\^)?(.+)$/;
const HYPHEN = /^(\S+)\s+-\s+(\S+)$/;
const OPERATOR_SPACE = /(~>|<=|>=|<|>|=|~|\^)\s+/g;

/** A version with up to three numeric parts; `undefined` parts were missing or wildcards. */
interface Partial {
  readonly parts: readonly (number | undefined)[];
  readonly suffix: string;
  readonly wildcard: boolean;
}

const STAR: VersConstraint[] = [{ comparator: "*", version: "" }];

function readPartial(text: string): Partial | undefined {
  const m = PARTIAL.exec(text);
  if (!m) return undefined;
  const raw = [m[1], m[2], m[3]];
  const parts: (number | undefined)[] = [];
  let wildcard = false;
  for (const part of raw) {
    if (part === undefined || wildcard) break;
    if (/^[xX*]$/.test(part)) {
      wildcard = true;
      break;
    }
    parts.push(Number(part));
  }
  const suffix = `${m[4] ? `-${m[4]}` : ""}${m[5] ? `+${m[5]}` : ""}`;
  return { parts, suffix, wildcard };
}

function padded(p: Partial): string {
  return `${p.parts[0] ?? 0}.${p.parts[1] ?? 0}.${p.parts[2] ?? 0}${p.suffix}`;
}

function version(major: number, minor: number, patch: number): string {
  return `${major}.${minor}.${patch}`;
}

function caretUpper(p: Partial): string {
  const [major = 0, minor, patch] = p.parts;
  if (major > 0 || p.parts.length === 1) return version(major + 1, 0, 0);
  if ((minor ?? 0) > 0 || p.parts.length === 2) return version(0, (minor ?? 0) + 1, 0);
  return version(0, 0, (patch ?? 0) + 1);
}

/** The exclusive upper bound of `~1.2.3` and of the x-ranges `1.x` and `1.2.x`. */
function tildeUpper(p: Partial): string {
  const [major = 0, minor] = p.parts;
  return p.parts.length <= 1 ? version(major + 1, 0, 0) : version(major, (minor ?? 0) + 1, 0);
}

function range(lower: string, upper: string): VersConstraint[] {
  return [
    { comparator: ">=", version: lower },
    { comparator: "<", version: upper },
  ];
}

/** Constraints of one `op version` token, or `undefined` for an unreadable token. */
function tokenConstraints(token: string): VersConstraint[] | undefined {
  const m = TOKEN.exec(token);
  if (!m) return undefined;
  const operator = m[1] ?? "";
  const p = readPartial(m[2]!);
  if (p === undefined) return undefined;
  if (p.parts.length === 0) return STAR;
  if (operator === "^") return range(padded(p), caretUpper(p));
  if (operator === "~" || operator === "~>") return range(padded(p), tildeUpper(p));
  if (p.wildcard) {
    if (operator === "<") return [{ comparator: "<", version: padded(p) }];
    if (operator === "<=") return [{ comparator: "<", version: tildeUpper(p) }];
    if (operator === ">") return [{ comparator: ">=", version: tildeUpper(p) }];
    return range(padded(p), tildeUpper(p));
  }
  const comparator: VersComparator = operator === "" ? "=" : (operator as VersComparator);
  return [{ comparator, version: padded(p) }];
}

function clauseConstraints(clause: string): VersConstraint[] | undefined {
  const hyphen = HYPHEN.exec(clause);
  if (hyphen) {
    const low = readPartial(hyphen[1]!);
    const high = readPartial(hyphen[2]!);
    if (!low || !high || low.wildcard || high.wildcard) return undefined;
    const upper: VersConstraint =
      high.parts.length === 3
        ? { comparator: "<=", version: padded(high) }
        : { comparator: "<", version: tildeUpper(high) };
    return [{ comparator: ">=", version: padded(low) }, upper];
  }
  const out: VersConstraint[] = [];
  for (const token of clause.replace(OPERATOR_SPACE, "$1").split(/\s+/)) {
    const constraints = tokenConstraints(token);
    if (constraints === undefined) return undefined;
    if (constraints !== STAR) out.push(...constraints);
  }
  return out.length === 0 ? STAR : out;
}

/** Convert an npm range to flat vers constraints (unsorted). */
export function npmNativeConstraints(native: string): Result<VersConstraint[]> {
  const out: VersConstraint[] = [];
  for (const raw of native.split("||")) {
    const clause = raw.trim();
    const constraints = clause === "" ? STAR : clauseConstraints(clause);
    if (constraints === undefined) return fail("vers.invalid_native_range", `Cannot read npm range '${native}'.`);
    if (constraints === STAR) return ok(STAR);
    out.push(...constraints);
  }
  return ok(out);
}
