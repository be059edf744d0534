import { affectedName } from "../report-format.ts";
import type { Affected, TlpLabel } from "../types.ts";
import type { CaseFlagKey, EmbargoAction, EmbargoState, ParticipantRole, Remediation, VexStatus } from "./types.ts";

/** Labels and pure rules of the case pages, apart from their markup. Everything here is plain text. */

export const FLAG_LABELS: Record<CaseFlagKey, { label: string; hint: string }> = {
  vendorAware: { label: "Vendor aware", hint: "the vendor knows about the vulnerability" },
  fixReady: { label: "Fix ready", hint: "a fix is available from the vendor" },
  fixDeployed: { label: "Fix deployed", hint: "the fix is deployed where the vendor can deploy it" },
  publicAware: { label: "Public aware", hint: "the public knows; ends an embargo early" },
  exploitPublic: { label: "Exploit public", hint: "exploit code is public; ends an embargo early" },
  attacksObserved: { label: "Attacks observed", hint: "attacks are seen in the wild; ends an embargo early" },
};

/** Flags a vendor may set for its own fix; every other flag is the coordinators'. */
export const VENDOR_FLAGS: readonly CaseFlagKey[] = ["fixReady", "fixDeployed"];

export const EMBARGO_STATE_LABELS: Record<EmbargoState, string> = {
  none: "No embargo",
  proposed: "Proposed",
  active: "Active",
  revise: "Revision proposed",
  exited: "Ended",
};

/** The embargo moves a coordinator may make from each state (the server enforces the same machine). */
export const EMBARGO_ACTIONS: Record<EmbargoState, readonly EmbargoAction[]> = {
  none: ["propose"],
  proposed: ["accept", "exit"],
  active: ["revise", "exit"],
  revise: ["accept", "exit"],
  exited: [],
};

/** The moves that carry a new end date. */
export const ACTIONS_WITH_DATE: readonly EmbargoAction[] = ["propose", "revise"];

export const EMBARGO_ACTION_LABELS: Record<EmbargoAction, string> = {
  propose: "Propose embargo",
  accept: "Accept embargo",
  revise: "Propose new end date",
  exit: "End embargo now",
};

export const EXIT_REASON_LABELS: Record<string, string> = {
  "public-aware": "the public became aware",
  "exploit-public": "an exploit became public",
  "attacks-observed": "attacks were observed",
  coordinator: "a coordinator ended it",
  published: "the advisory was published",
  expired: "its end date passed",
};

export const ROLE_LABELS: Record<ParticipantRole, string> = {
  coordinator: "Coordinator",
  reporter: "Reporter",
  vendor: "Vendor",
  operator: "Operator (observer)",
};

/** The role an organisation most likely takes in a case, to preselect in the add-participant form. */
export function defaultRoleFor(orgKind: string): ParticipantRole {
  if (orgKind === "vendor") return "vendor";
  if (orgKind === "operator") return "operator";
  if (orgKind === "government") return "coordinator";
  return "reporter";
}

export const VEX_STATUS_LABELS: Record<VexStatus, string> = {
  affected: "Affected",
  not_affected: "Not affected",
  fixed: "Fixed",
  under_investigation: "Under investigation",
};

/** `TLP:AMBER+STRICT` → class `tlp-amber-strict`. */
export const tlpClass = (tlp: TlpLabel): string => `tlp tlp-${tlp.toLowerCase().replace("+", "-")}`;

/**
 * The `endsAt` to send for a date (YYYY-MM-DD) and an optional UTC time (HH:MM). A date alone is sent
 * as it is: the server reads it as 12:00 UTC that day. Null when the date is missing or malformed.
 */
export function embargoEndInput(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  if (time === "") return date;
  if (!/^\d{2}:\d{2}$/.test(time)) return null;
  return `${date}T${time}:00Z`;
}

/** The instant an `embargoEndInput` value stands for, to check it lies in the future. */
export function embargoEndInstant(endsAt: string): number {
  return Date.parse(endsAt.length === 10 ? `${endsAt}T12:00:00Z` : endsAt);
}

/** Time left until `endsAt`, e.g. `12 days 3 h 4 min 5 s`; null once it has passed. */
export function countdown(endsAt: string, now: number): string | null {
  const left = Date.parse(endsAt) - now;
  if (Number.isNaN(left) || left <= 0) return null;
  const seconds = Math.floor(left / 1000);
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const parts = [
    days > 0 ? `${days} ${days === 1 ? "day" : "days"}` : null,
    days > 0 || hours > 0 ? `${hours} h` : null,
    `${minutes} min`,
    days === 0 ? `${seconds % 60} s` : null,
  ];
  return parts.filter((part) => part !== null).join(" ");
}

/** The viewer's local time with its zone name, e.g. `1 May 2026, 14:03 CEST`. */
export function formatLocal(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  // dateStyle/timeStyle cannot be combined with timeZoneName (a RangeError): the fields are spelled out.
  return new Intl.DateTimeFormat(undefined, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(date);
}

/** Where the remediation due date comes from, in words. */
export function remediationSource(remediation: Remediation): string {
  if (remediation.source === "kev") return "CISA KEV due date (known exploited: it wins over the SSVC policy)";
  if (remediation.source === "ssvc") {
    const outcome = remediation.ssvcOutcome ?? "unknown";
    const days = remediation.policyDays === null ? "" : `: ${remediation.policyDays} days`;
    return `SSVC policy for outcome “${outcome}”${days}`;
  }
  return remediation.ssvcOutcome
    ? `no due date: the SSVC policy sets none for outcome “${remediation.ssvcOutcome}”`
    : "no due date yet";
}

/** One affected product as text: the purl or CPE, or "vendor product", with its versions when given. */
export function affectedLabel(affected: Affected): string {
  const name = affectedName(affected);
  return affected.versions ? `${name} (${affected.versions})` : name;
}
