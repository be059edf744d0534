import { EmptyState } from "../../components/EmptyState.tsx";
import type { ModulePageProps } from "../module-page-props.ts";

/** Vulnerability coordination: reports, cases, embargoes, vendor statements and advisories. */
export function ClearinghousePage({ link }: ModulePageProps) {
  return (
    <EmptyState
      title={link.title}
      intro="Coordinate vulnerability discovery, validation and remediation with vendors and critical-infrastructure operators."
      upcoming={[
        "Reports from people and AI systems, with their provenance (model, version, run, transcript hash)",
        "Proposed duplicates and validation with reproduction evidence, SSVC and CVSS scores",
        "Cases with participants, embargo dates and their time zone, and the case flags",
        "Vendor statements (VEX) and remediation tracking",
        "Published advisories as CSAF 2.0, OSV and CVE JSON 5.x",
      ]}
      emptyText="No reports or cases are visible to you yet."
    />
  );
}
