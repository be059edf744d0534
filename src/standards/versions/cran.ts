/**
 * CRAN ordering, as R's `package_version`: numbers separated by `.` or `-` (which weigh the same),
 * compared element by element, with a proper prefix smaller (0.1.0 < 0.1.0.0). Bioconductor uses it too.
 */
import { compareLexicographic, splitDigitRuns } from "./numeric.ts";
import { emptyVersion, invalidVersion, type VersionScheme } from "./scheme.ts";

/** A parsed R package version: its components as digit strings without leading zeros. */
export interface CranVersion {
  readonly components: readonly string[];
}

/** CRAN and Bioconductor version ordering. */
export const cran: VersionScheme<CranVersion> = {
  name: "cran",
  parse(text) {
    if (text.trim() === "") return emptyVersion("CRAN");
    const components = splitDigitRuns(text, ".-");
    if (components === undefined) return invalidVersion("CRAN", text, "expected numbers separated by '.' or '-'");
    return { ok: true, value: { components } };
  },
  compare: (a, b) => compareLexicographic(a.components, b.components),
  format: (v) => v.components.join("."),
};
