import { formatUtc } from "../../../format.ts";
import type { TlpLabel } from "../types.ts";
import { EMBARGO_STATE_LABELS, FLAG_LABELS, tlpClass } from "./case-format.ts";
import { CASE_FLAG_KEYS, type CaseFlags, type Embargo } from "./types.ts";

/** Small read-only pieces the case list and the case page share. */

export function TlpBadge({ tlp }: { tlp: TlpLabel }) {
  return <span className={tlpClass(tlp)}>TLP:{tlp}</span>;
}

export function CaseStatusBadge({ status }: { status: "open" | "closed" }) {
  return <span className={`case-status case-status-${status}`}>{status === "open" ? "Open" : "Closed"}</span>;
}

/** The embargo's state and, while it has one, its end in UTC. */
export function EmbargoSummary({ embargo }: { embargo: Embargo }) {
  const end = embargo.state === "proposed" || embargo.state === "revise" ? embargo.proposedEndsAt : embargo.endsAt;
  return (
    <span className={`embargo embargo-${embargo.state}`}>
      {EMBARGO_STATE_LABELS[embargo.state]}
      {end && embargo.state !== "exited" ? <span className="embargo-end"> until {formatUtc(end)}</span> : null}
    </span>
  );
}

/** The flags that are set, by name; "none" when no flag is. */
export function SetFlags({ flags }: { flags: CaseFlags }) {
  const set = CASE_FLAG_KEYS.filter((key) => flags[key]);
  if (set.length === 0) return <span className="hint">None</span>;
  return (
    <ul className="flag-list">
      {set.map((key) => (
        <li key={key}>{FLAG_LABELS[key].label}</li>
      ))}
    </ul>
  );
}
