import { EmptyState } from "../../components/EmptyState.tsx";
import type { ModulePageProps } from "../module-page-props.ts";

/** Administration of users, organisations and the audit log. */
export function AdminPage({ link }: ModulePageProps) {
  return (
    <EmptyState
      title={link.title}
      intro="Manage who may use aicc and check that its records are intact."
      upcoming={[
        "Organisations, users, roles and clearances",
        "Need-to-know grants for sealed benchmark suites",
        "The hash-chained audit log and its verification",
        "System status: database, job queue and workers",
      ]}
      emptyText="Administration screens are not available yet; use the aicc command line."
    />
  );
}
