import { useId } from "react";
import { formatUtc, humanize } from "../../../format.ts";
import type { TimelineEntry } from "./types.ts";

/** What happened in the case, oldest first, as the server records it (plain text). */
export function TimelineSection({ timeline }: { timeline: TimelineEntry[] }) {
  const id = useId();
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Timeline</h2>
      {timeline.length === 0 ? (
        <p>Nothing recorded yet.</p>
      ) : (
        <ol className="timeline">
          {timeline.map((entry, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: entries have no id; the timeline only grows at its end
            <li key={index}>
              <time dateTime={entry.at}>{formatUtc(entry.at)}</time>{" "}
              <span className="timeline-kind">{humanize(entry.kind)}</span>
              {entry.actorName ? <span className="hint"> by {entry.actorName}</span> : null}
              <p className="prose">{entry.summary}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
