import type { Affected, ProvenanceKind, ReportStatus } from "./types.ts";

/** Display helpers of the clearinghouse pages. They build plain strings only; React renders them as text. */

const STATUS_LABELS: Record<ReportStatus, string> = {
  received: "Received",
  incomplete: "Incomplete",
  invalid: "Invalid",
  valid: "Valid",
  accepted: "Accepted",
  deferred: "Deferred",
  closed: "Closed",
};

const PROVENANCE_LABELS: Record<ProvenanceKind, string> = {
  human: "Human",
  ai_assisted: "AI-assisted",
  ai_autonomous: "AI-autonomous",
};

export const statusLabel = (status: ReportStatus): string => STATUS_LABELS[status] ?? status;

export const provenanceLabel = (kind: ProvenanceKind): string => PROVENANCE_LABELS[kind] ?? kind;

/** `pkg:pypi/jinja2`, `cpe:2.3:a:…`, or `Acme Router` — what an affected entry names. */
export function affectedName(affected: Affected): string {
  if (affected.kind === "purl") return affected.purl;
  if (affected.kind === "cpe") return affected.cpe;
  return `${affected.vendor} ${affected.product}`;
}

const AFFECTED_KIND_LABELS: Record<Affected["kind"], string> = {
  purl: "Package URL",
  cpe: "CPE",
  product: "Vendor and product",
};

export const affectedKindLabel = (kind: Affected["kind"]): string => AFFECTED_KIND_LABELS[kind] ?? kind;

/** `9.8 (critical)`; `—` without a score. */
export function scoreText(score: number | null | undefined, severity?: string | null): string {
  if (score === null || score === undefined) return "—";
  const fixed = score.toFixed(1);
  return severity ? `${fixed} (${severity.toLowerCase()})` : fixed;
}

/** `1.2 MB`, `512 bytes`. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
