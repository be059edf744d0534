/**
 * The vers types this library knows: each maps to a version ordering, and a few carry extra rules
 * (reserved types, `all`/`none`, datetime's canonical spelling). A type missing here is valid but
 * unregistered: it parses, with a warning, and its constraints cannot be ordered.
 */
import { semver, VERSION_SCHEMES } from "../versions/index.ts";
import type { VersScheme } from "./scheme.ts";
import { alpm, conan, datetime, generic, gentoo, intdot, lexicographic, nginx, openssl } from "./schemes/index.ts";

/** What a vers type adds to the generic syntax. */
export interface VersTypeRule {
  /** Version ordering; absent for reserved types, whose constraints keep their written order. */
  readonly scheme?: VersScheme;
  /** `all` and `none`: `*` is the only valid constraint. */
  readonly starOnly?: boolean;
  /** `none` contains no version at all. */
  readonly empty?: boolean;
  /** `example` and `test` (valid, never registered) or `invalid` (always an error). */
  readonly reserved?: "example" | "test" | "invalid";
  /** A canonical-form problem of one raw (still percent-encoded) version, as a message. */
  canonicalIssue?(raw: string): string | undefined;
}

/** vers types backed by an OSV ecosystem's ordering from `standards/versions`. */
const ECOSYSTEM_TYPES = {
  apk: "Alpine",
  cargo: "crates.io",
  composer: "Packagist",
  cran: "CRAN",
  deb: "Debian",
  gem: "RubyGems",
  golang: "Go",
  hackage: "Hackage",
  hex: "Hex",
  maven: "Maven",
  npm: "npm",
  nuget: "NuGet",
  pub: "Pub",
  pypi: "PyPI",
  rpm: "Red Hat",
  swift: "SwiftURL",
} as const satisfies Record<string, keyof typeof VERSION_SCHEMES>;

const ecosystemRules = Object.fromEntries(
  Object.entries(ECOSYSTEM_TYPES).map(([type, ecosystem]) => [type, { scheme: VERSION_SCHEMES[ecosystem] }]),
);

/** Registered and reserved vers types. */
export const VERS_TYPES: Readonly<Record<string, VersTypeRule>> = {
  ...ecosystemRules,
  all: { starOnly: true },
  alpm: { scheme: alpm },
  conan: { scheme: conan },
  datetime: {
    scheme: datetime,
    // RFC 3339 allows 't' and 'z'; canonical vers does not. (Encoded colons fail the generic rule.)
    canonicalIssue: (raw) => (/[tz]/.test(raw) ? "datetime must use uppercase T and Z" : undefined),
  },
  example: { reserved: "example" },
  generic: { scheme: generic },
  gentoo: { scheme: gentoo },
  intdot: { scheme: intdot },
  invalid: { reserved: "invalid" },
  lexicographic: { scheme: lexicographic },
  nginx: { scheme: nginx },
  none: { starOnly: true, empty: true },
  openssl: { scheme: openssl },
  semver: { scheme: semver },
  test: { reserved: "test" },
};

/** The rule of a vers type, or `undefined` when the type is not registered. */
export function versTypeRule(type: string): VersTypeRule | undefined {
  return Object.hasOwn(VERS_TYPES, type) ? VERS_TYPES[type] : undefined;
}
