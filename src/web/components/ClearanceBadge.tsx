import type { Clearance } from "../api-types.ts";
import { clearanceLabel } from "../format.ts";

/** The user's clearance, as a coloured badge that also reads as text ("Clearance: Secret"). */
export function ClearanceBadge({ clearance }: { clearance: Clearance }) {
  return (
    <span className={`badge badge-clearance badge-${clearance.replace("_", "-")}`}>
      <span className="badge-label">Clearance:</span> {clearanceLabel(clearance)}
    </span>
  );
}
