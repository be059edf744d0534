import { EmptyState } from "../../components/EmptyState.tsx";
import type { ModulePageProps } from "../module-page-props.ts";

/** The executive order's taskings and the Tech Force cyber pathways. */
export function ProgramsPage({ link }: ModulePageProps) {
  return (
    <EmptyState
      title={link.title}
      intro="Track the executive order's taskings to agencies and the Tech Force pathways for cybersecurity professionals."
      upcoming={[
        "Taskings with their owner agencies and 30- and 60-day deadlines",
        "Guidance on AI-enabled cyber-defence tools (CISA, OMB, ONCD)",
        "Tech Force hiring and placement pathways",
      ]}
      emptyText="No taskings or pathways are recorded yet."
    />
  );
}
