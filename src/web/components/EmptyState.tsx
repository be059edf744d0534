import { useId } from "react";
import { PageHeading } from "./PageHeading.tsx";

export interface EmptyStateProps {
  title: string;
  /** One or two sentences: what this module is for. */
  intro: string;
  /** What the module will hold, one item a line. */
  upcoming: string[];
  /** Why the page is empty now. */
  emptyText?: string;
  /** A standing note shown after the intro (e.g. a policy statement). */
  note?: string;
}

/** The page of a module that holds no data yet: what it is for and what will appear here. */
export function EmptyState({ title, intro, upcoming, emptyText, note }: EmptyStateProps) {
  const upcomingId = useId();
  const emptyId = useId();
  return (
    <>
      <PageHeading title={title} />
      <p className="lead">{intro}</p>
      {note ? <p className="note">{note}</p> : null}
      <section aria-labelledby={emptyId} className="empty-panel">
        <h2 id={emptyId}>Nothing here yet</h2>
        <p>{emptyText ?? "There are no records to show. They will appear here as this module is put to use."}</p>
      </section>
      <section aria-labelledby={upcomingId}>
        <h2 id={upcomingId}>What will be here</h2>
        <ul className="feature-list">
          {upcoming.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </section>
    </>
  );
}
