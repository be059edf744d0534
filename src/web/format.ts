import type { Clearance, OrgKind } from "./api-types.ts";

/** Display helpers. Every value shown is rendered by React as text; nothing here builds HTML. */

const CLEARANCE_LABELS: Record<Clearance, string> = {
  none: "No clearance",
  cui: "CUI",
  secret: "Secret",
  top_secret: "Top Secret",
};

const ORG_KIND_LABELS: Record<OrgKind, string> = {
  government: "Government",
  ai_developer: "AI developer",
  vendor: "Vendor",
  operator: "Infrastructure operator",
  researcher: "Independent researcher",
};

export const clearanceLabel = (clearance: Clearance): string => CLEARANCE_LABELS[clearance] ?? clearance;

export const orgKindLabel = (kind: OrgKind): string => ORG_KIND_LABELS[kind] ?? kind;

/** `benchmark_custodian` → `benchmark custodian`. */
export const humanize = (value: string): string => value.replaceAll("_", " ");

/** A UTC timestamp with its zone, e.g. `2026-05-01 14:03 UTC`; `—` when absent or unreadable. */
export function formatUtc(iso: string | null | undefined): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
