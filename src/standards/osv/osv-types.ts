/**
 * OSV 1.7 (Open Source Vulnerability format, https://ossf.github.io/osv-schema/) document types.
 * Field names keep the wire spelling (snake_case) so a parsed document is the document itself.
 */
import type { JsonObject } from "../json/index.ts";

/** The OSV schema version this library writes and validates against. */
export const OSV_SCHEMA_VERSION = "1.7.0";

/** Severity scoring systems an OSV `severity[].type` may name. */
export const OSV_SEVERITY_TYPES = ["CVSS_V2", "CVSS_V3", "CVSS_V4", "Ubuntu"] as const;
/** An OSV severity scoring system. */
export type OsvSeverityType = (typeof OSV_SEVERITY_TYPES)[number];

/** Kinds of version range. */
export const OSV_RANGE_TYPES = ["GIT", "SEMVER", "ECOSYSTEM"] as const;
/** An OSV range type: GIT commits, SemVer 2.0 versions, or the ecosystem's own ordering. */
export type OsvRangeType = (typeof OSV_RANGE_TYPES)[number];

/** Reference kinds an OSV `references[].type` may name. */
export const OSV_REFERENCE_TYPES = [
  "ADVISORY",
  "ARTICLE",
  "DETECTION",
  "DISCUSSION",
  "REPORT",
  "FIX",
  "INTRODUCED",
  "GIT",
  "PACKAGE",
  "EVIDENCE",
  "WEB",
] as const;
/** An OSV reference type. */
export type OsvReferenceType = (typeof OSV_REFERENCE_TYPES)[number];

/** Roles an OSV `credits[].type` may name. */
export const OSV_CREDIT_TYPES = [
  "FINDER",
  "REPORTER",
  "ANALYST",
  "COORDINATOR",
  "REMEDIATION_DEVELOPER",
  "REMEDIATION_REVIEWER",
  "REMEDIATION_VERIFIER",
  "TOOL",
  "SPONSOR",
  "OTHER",
] as const;
/** An OSV credit role. */
export type OsvCreditType = (typeof OSV_CREDIT_TYPES)[number];

/** One OSV vulnerability entry (the top-level document). */
export interface OsvVulnerability {
  /** OSV schema version the entry follows, e.g. `1.7.0`. */
  schema_version?: string;
  /** Identifier in the home database, e.g. `GHSA-xxxx-xxxx-xxxx`, `GO-2024-3228`, `PYSEC-2021-1`. */
  id: string;
  /** RFC 3339 UTC time of the last change. */
  modified: string;
  /** RFC 3339 UTC time of first publication. */
  published?: string;
  /** RFC 3339 UTC time the entry was withdrawn; present only for withdrawn entries. */
  withdrawn?: string;
  /** IDs of the same vulnerability in other databases. */
  aliases?: string[] | null;
  /** IDs of closely related but distinct vulnerabilities. */
  related?: string[];
  /** IDs of upstream vulnerabilities this entry derives from (OSV 1.7). */
  upstream?: string[];
  /** One-line summary. */
  summary?: string;
  /** Full description, CommonMark. */
  details?: string;
  /** Severity scores for the whole entry (exclusive with per-package severity). */
  severity?: OsvSeverity[] | null;
  /** Affected packages and their version ranges. */
  affected?: OsvAffected[] | null;
  /** Links to advisories, fixes, reports. */
  references?: OsvReference[] | null;
  /** People and organisations credited. */
  credits?: OsvCredit[];
  /** Free-form data from the producing database. */
  database_specific?: JsonObject;
}

/** A severity score: a CVSS vector for the CVSS types, a word for `Ubuntu`. */
export interface OsvSeverity {
  /** Scoring system. */
  type: OsvSeverityType;
  /** Vector string or rating. */
  score: string;
}

/** One affected package and the versions of it that are affected. */
export interface OsvAffected {
  /** The package; absent only for entries described purely by GIT ranges. */
  package?: OsvPackage;
  /** Per-package severity (only when the entry has no top-level severity). */
  severity?: OsvSeverity[] | null;
  /** Affected version ranges. */
  ranges?: OsvRange[];
  /** Explicitly enumerated affected versions. */
  versions?: string[];
  /** Free-form data interpreted per ecosystem (e.g. Go `imports`). */
  ecosystem_specific?: JsonObject;
  /** Free-form data from the producing database. */
  database_specific?: JsonObject;
}

/** Names a package within an ecosystem. */
export interface OsvPackage {
  /** Ecosystem, optionally with a `:suffix` (e.g. `Debian:12`, `Ubuntu:22.04:LTS`). */
  ecosystem: string;
  /** Package name as the ecosystem spells it. */
  name: string;
  /** Package URL without version, when known. */
  purl?: string;
}

/** A version range as an ordered list of events. Evaluating it belongs to `standards/versions`. */
export interface OsvRange {
  /** How versions in `events` are ordered. */
  type: OsvRangeType;
  /** Repository URL; required for GIT ranges. */
  repo?: string;
  /** Boundary events; at least one `introduced`. */
  events: OsvEvent[];
  /** Free-form data from the producing database. */
  database_specific?: JsonObject;
}

/** One range boundary: exactly one of the four keys is set. */
export type OsvEvent = { introduced: string } | { fixed: string } | { last_affected: string } | { limit: string };

/** A link with its kind. */
export interface OsvReference {
  /** Kind of link. */
  type: OsvReferenceType;
  /** Absolute URL. */
  url: string;
}

/** Someone credited for the finding or the fix. */
export interface OsvCredit {
  /** Name of the person or organisation. */
  name: string;
  /** Ways to reach them (URLs, `mailto:` addresses). */
  contact?: string[];
  /** Their role. */
  type?: OsvCreditType;
}

/** Field order of every OSV object, used to emit members in the order the specification lists them. */
export const OSV_FIELD_ORDER: readonly string[] = [
  "schema_version",
  "id",
  "modified",
  "published",
  "withdrawn",
  "aliases",
  "related",
  "upstream",
  "summary",
  "details",
  "severity",
  "affected",
  "references",
  "credits",
  "package",
  "ecosystem",
  "name",
  "purl",
  "type",
  "score",
  "repo",
  "ranges",
  "events",
  "introduced",
  "fixed",
  "last_affected",
  "limit",
  "versions",
  "url",
  "contact",
  "ecosystem_specific",
  "database_specific",
];
