/**
 * The version ordering a vers type needs. It has the same shape as `VersionScheme` of
 * `standards/versions` (parse once, compare parsed values), so those schemes plug in unchanged.
 */
import type { Result } from "../result.ts";

/** Ordering of the versions of one vers type. */
export interface VersScheme<V = unknown> {
  /** Short stable name of the rules, e.g. `alpm`, `gentoo`. */
  readonly name: string;
  /** Read a version; text the scheme cannot order is an error, never a throw. */
  parse(text: string): Result<V>;
  /** Negative, zero or positive as `a` sorts before, equal to or after `b`. */
  compare(a: V, b: V): number;
}
