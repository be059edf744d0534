/**
 * Hackage (Haskell PVP) ordering, as `Data.Version`: a version is a list of numbers compared element by
 * element, and a list that is a proper prefix of the other is smaller (1.0 < 1.0.0). GHC uses it too.
 */
import { compareLexicographic, splitDigitRuns } from "./numeric.ts";
import { emptyVersion, invalidVersion, type VersionScheme } from "./scheme.ts";

/** A parsed Hackage version: its components as digit strings without leading zeros. */
export interface HackageVersion {
  readonly components: readonly string[];
}

/** Hackage and GHC version ordering. */
export const hackage: VersionScheme<HackageVersion> = {
  name: "hackage",
  parse(text) {
    if (text.trim() === "") return emptyVersion("Hackage");
    const components = splitDigitRuns(text, ".");
    if (components === undefined) return invalidVersion("Hackage", text, "expected numbers separated by dots");
    return { ok: true, value: { components } };
  },
  compare: (a, b) => compareLexicographic(a.components, b.components),
  format: (v) => v.components.join("."),
};
