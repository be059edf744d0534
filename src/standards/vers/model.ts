/**
 * The shapes of a VERS version range (vers-spec, ECMA draft clause 5):
 * `vers:<type>/<constraint>|<constraint>|...`.
 */

/** A constraint comparator. `=` stands for the bare-version equality constraint; `*` matches every version. */
export type VersComparator = "=" | "!=" | "<" | "<=" | ">" | ">=" | "*";

/** One `comparator + version` segment; `version` is decoded (no percent-encoding) and "" for `*`. */
export interface VersConstraint {
  readonly comparator: VersComparator;
  readonly version: string;
}

/** A parsed version range. `scheme` is the vers type (`npm`, `pypi`, ...), lowercase. */
export interface VersRange {
  readonly scheme: string;
  readonly constraints: readonly VersConstraint[];
}
