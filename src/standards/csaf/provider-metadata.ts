/**
 * CSAF 2.0 provider metadata (`provider-metadata.json`, spec requirement 7): types, build, parse and validate
 * against the OASIS provider schema.
 */

import { fail, ok, type Result, type StandardsIssue, type ValidationReport } from "../result.ts";
import type { CsafTlpLabel } from "../tlp/index.ts";
import type { Publisher } from "./document-types.ts";
import { checkProviderSchema } from "./schema-validator.ts";

/** Role of the issuing party (spec section 7.2). */
export type ProviderRole = "csaf_publisher" | "csaf_provider" | "csaf_trusted_provider";

/** TLP label of a ROLIE feed in provider metadata: a TLP v1 label, or UNLABELED. */
export type FeedTlpLabel = CsafTlpLabel | "UNLABELED";

/** A ROLIE feed listed in provider metadata. */
export interface ProviderFeed {
  summary?: string;
  tlp_label: FeedTlpLabel;
  /** URL of the feed document (ends in `.json`). */
  url: string;
}

/** One distribution mechanism: a directory, ROLIE feeds, or both. */
export interface ProviderDistribution {
  directory_url?: string;
  rolie?: { categories?: string[]; feeds: ProviderFeed[]; services?: string[] };
}

/** An OpenPGP key used to sign the provider's documents. */
export interface OpenPgpKey {
  fingerprint?: string;
  url: string;
}

/** The provider metadata document. */
export interface ProviderMetadata {
  /** URL of this document; ends in `/provider-metadata.json`. */
  canonical_url: string;
  distributions?: ProviderDistribution[];
  last_updated: string;
  list_on_CSAF_aggregators: boolean;
  metadata_version: "2.0";
  mirror_on_CSAF_aggregators: boolean;
  public_openpgp_keys?: OpenPgpKey[];
  publisher: Publisher;
  role: ProviderRole;
}

/** What {@link buildProviderMetadata} needs; the rest has the schema's defaults. */
export interface ProviderMetadataInput {
  canonicalUrl: string;
  publisher: Publisher;
  /** RFC 3339 date-time of the last change. */
  lastUpdated: string;
  /** Default `csaf_provider`. */
  role?: ProviderRole;
  feeds?: ProviderFeed[];
  directoryUrl?: string;
  publicOpenpgpKeys?: OpenPgpKey[];
  /** Default true. */
  listOnAggregators?: boolean;
  /** Default true. */
  mirrorOnAggregators?: boolean;
}

/** Builds provider metadata; feeds and directory URL, when given, form one distribution entry. */
export function buildProviderMetadata(input: ProviderMetadataInput): ProviderMetadata {
  const distribution: ProviderDistribution = {};
  if (input.directoryUrl !== undefined) distribution.directory_url = input.directoryUrl;
  if (input.feeds !== undefined && input.feeds.length > 0) distribution.rolie = { feeds: input.feeds };
  const metadata: ProviderMetadata = {
    canonical_url: input.canonicalUrl,
    last_updated: input.lastUpdated,
    list_on_CSAF_aggregators: input.listOnAggregators ?? true,
    metadata_version: "2.0",
    mirror_on_CSAF_aggregators: input.mirrorOnAggregators ?? true,
    publisher: input.publisher,
    role: input.role ?? "csaf_provider",
  };
  if (Object.keys(distribution).length > 0) metadata.distributions = [distribution];
  if (input.publicOpenpgpKeys !== undefined && input.publicOpenpgpKeys.length > 0) {
    metadata.public_openpgp_keys = input.publicOpenpgpKeys;
  }
  return metadata;
}

/** Checks of requirement 15 on the listed feeds: one feed per TLP label, and at least one public feed. */
function feedWarnings(metadata: ProviderMetadata): StandardsIssue[] {
  const warnings: StandardsIssue[] = [];
  const labels = new Set<string>();
  metadata.distributions?.forEach((distribution, d) => {
    distribution.rolie?.feeds.forEach((feed, f) => {
      if (labels.has(feed.tlp_label)) {
        warnings.push({
          code: "csaf.duplicate_feed_tlp",
          message: `a second feed for TLP ${feed.tlp_label}: documents of one TLP label belong in a single feed`,
          path: `/distributions/${d}/rolie/feeds/${f}/tlp_label`,
        });
      }
      labels.add(feed.tlp_label);
    });
  });
  if (labels.size > 0 && !["WHITE", "GREEN", "UNLABELED"].some((l) => labels.has(l))) {
    warnings.push({
      code: "csaf.no_public_feed",
      message: "no TLP:WHITE, TLP:GREEN or unlabeled feed",
      path: "/distributions",
    });
  }
  return warnings;
}

/** Validates provider metadata: the OASIS schema (errors) and the ROLIE feed rules of requirement 15 (warnings). */
export function validateProviderMetadata(value: unknown): ValidationReport {
  const errors = checkProviderSchema(value).map(({ path, message }) => ({
    code: "csaf.provider_schema",
    message,
    path,
  }));
  if (errors.length > 0) return { valid: false, errors, warnings: [] };
  return { valid: true, errors: [], warnings: feedWarnings(value as ProviderMetadata) };
}

/** Accepts a JSON value that conforms to the provider metadata schema and returns it typed. */
export function parseProviderMetadata(value: unknown): Result<ProviderMetadata> {
  const first = checkProviderSchema(value)[0];
  return first === undefined ? ok(value as ProviderMetadata) : fail("csaf.provider_schema", first.message, first.path);
}
