/**
 * NuGet ordering: SemVer 2.0 with up to four release components (the legacy `Revision`), pre-release
 * labels compared case-insensitively and build metadata ignored. The SemVer reader does the work; labels
 * are folded to lower case when read, so the canonical text is lower-case too.
 */

import type { VersionScheme } from "./scheme.ts";
import { compareSemver, formatSemver, readSemver, type SemverVersion } from "./semver.ts";

/** NuGet version ordering. */
export const nuget: VersionScheme<SemverVersion> = {
  name: "nuget",
  parse: (text) => readSemver(text, "NuGet", { foldCase: true }),
  compare: compareSemver,
  format: formatSemver,
};
