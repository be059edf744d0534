/**
 * Pub (Dart) ordering, as pub_semver's `Version.compareTo`: SemVer precedence first, then build metadata,
 * which Pub does not ignore: a version without build sorts before the same version with one, and builds
 * compare identifier by identifier like pre-releases.
 */

import type { Ordering, VersionScheme } from "./scheme.ts";
import { compareIdentifiers, compareSemver, formatSemver, readSemver, type SemverVersion } from "./semver.ts";

function comparePub(a: SemverVersion, b: SemverVersion): Ordering {
  const r = compareSemver(a, b);
  if (r !== 0) return r;
  if (a.build.length === 0 || b.build.length === 0)
    return a.build.length === b.build.length ? 0 : a.build.length === 0 ? -1 : 1;
  return compareIdentifiers(a.build, b.build);
}

/** Pub version ordering. */
export const pub: VersionScheme<SemverVersion> = {
  name: "pub",
  parse: (text) => readSemver(text, "Pub"),
  compare: comparePub,
  format: formatSemver,
};
