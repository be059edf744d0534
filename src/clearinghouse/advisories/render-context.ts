import { createHash } from "node:crypto";
import type { RevisionHistoryItem } from "../../standards/csaf/index.ts";

/** Who publishes: the clearinghouse as CSAF publisher, CVE Numbering Authority and STIX identity. */
export interface PublisherInfo {
  name: string;
  /** URL naming the publisher (CSAF `publisher.namespace`). */
  namespace: string;
  /** Public base URL of this deployment: feeds and document links hang below it. */
  baseUrl: string;
  /** CVE Services organisation UUID and short name of our CNA. */
  cnaOrgId: string;
  cnaShortName: string;
}

/** Facts the renderers need besides the draft. */
export interface RenderMeta {
  /** Our advisory id, e.g. `AICC-2026-0001`. */
  id: string;
  /** 1 for the first publication, then one more per revision. */
  revision: number;
  /** RFC 3339 UTC. */
  published: string;
  modified: string;
  /** CSAF revision history of the earlier publications (empty for the first). */
  history: RevisionHistoryItem[];
  publisher: PublisherInfo;
}

/**
 * OSV reserves id prefixes for registered databases; others write `x_`. Our OSV documents are
 * therefore `x_AICC-2026-0001`, and the OSV API answers to both spellings.
 */
export function osvIdFor(advisoryId: string): string {
  return `x_${advisoryId}`;
}

/** The page of an advisory on this deployment (a reference every format can carry). */
export function advisoryPageUrl(meta: Pick<RenderMeta, "id" | "publisher">): string {
  return `${meta.publisher.baseUrl}/clearinghouse/advisories/${encodeURIComponent(meta.id)}`;
}

/**
 * A stable stand-in for our CVE Services organisation id until one is configured: CVE records
 * require a version-4-shaped UUID, so it is one, made from the SHA-256 of the base URL.
 */
function cnaOrgIdFor(base: string): string {
  const hex = createHash("sha256").update(`aicc-cna:${base}`).digest("hex");
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The publisher of a deployment at `baseUrl` (its public URL). */
export function publisherFor(baseUrl: string): PublisherInfo {
  const base = baseUrl.replace(/\/+$/, "");
  return {
    name: "AI Cyber Clearinghouse",
    namespace: base,
    baseUrl: base,
    cnaOrgId: cnaOrgIdFor(base),
    cnaShortName: "AICC",
  };
}
