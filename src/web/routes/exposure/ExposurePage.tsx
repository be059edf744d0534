import { EmptyState } from "../../components/EmptyState.tsx";
import type { ModulePageProps } from "../module-page-props.ts";

/** Operator inventories matched against advisories; notices and remediation. */
export function ExposurePage({ link }: ModulePageProps) {
  return (
    <EmptyState
      title={link.title}
      intro="Find which critical-infrastructure operators run affected software, tell them, and track their remediation."
      upcoming={[
        "Asset inventories uploaded as CycloneDX or SPDX software bills of materials",
        "Matches of advisories against inventories, using each ecosystem's version ranges",
        "Notices to exposed operators, with TLP marking, acknowledgement and due dates",
        "Remediation reports per notice",
        "Indicator sharing over TAXII 2.1",
      ]}
      emptyText="No inventories or notices are visible to you yet."
    />
  );
}
