import { EmptyState } from "../../components/EmptyState.tsx";
import type { ModulePageProps } from "../module-page-props.ts";

/** The voluntary pre-release evaluation framework. */
export function FrameworkPage({ link }: ModulePageProps) {
  return (
    <EmptyState
      title={link.title}
      intro="AI developers may voluntarily give the government pre-release access to a model for cybersecurity evaluation within a 30-day review window."
      note="Participation is voluntary. Nothing in this system licenses, permits, approves or blocks a release; a developer may release at any time."
      upcoming={[
        "Participation agreements of enrolled developers",
        "The model registry, with declared training compute",
        "Engagements and their 30-calendar-day window, counted from the day access is granted",
        "Signed determinations (covered, not covered, insufficient evidence) with their aggregate results",
      ]}
      emptyText="No agreements, models or engagements are visible to you yet."
    />
  );
}
