import { useCallback, useId, useState } from "react";
import { useSession } from "../../app/session-context.ts";
import { formatUtc } from "../../format.ts";
import { Link } from "../../router.tsx";
import { errorText, useLoaded } from "../../use-loaded.ts";
import { listDuplicates, mergeReport } from "./api.ts";
import { advisoryPagePath, reportPagePath } from "./paths.ts";
import type { DuplicateCandidate, ReportDetail } from "./types.ts";

/** Which report of a pair is the duplicate: the later one; the earlier reporter keeps the credit. */
function mergeDirection(report: ReportDetail, candidate: DuplicateCandidate) {
  const candidateIsEarlier = candidate.createdAt < report.createdAt;
  return candidateIsEarlier
    ? { duplicateId: report.id, originalId: candidate.id, label: "Merge this report into it" }
    : { duplicateId: candidate.id, originalId: report.id, label: "Merge it into this report" };
}

/** A merge button that asks once more in place, keeping keyboard focus on the buttons. */
function MergeControl({
  label,
  name,
  busy,
  onConfirm,
}: {
  label: string;
  /** The candidate's title, so that each button names its candidate for screen readers. */
  name: string;
  busy: boolean;
  onConfirm: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" className="button button-secondary" onClick={() => setConfirming(true)}>
        {label}
        <span className="visually-hidden"> ({name})</span>
      </button>
    );
  }
  return (
    <span className="confirm">
      {/* biome-ignore lint/a11y/noAutofocus: focus follows the button that replaced the one just pressed */}
      <button type="button" className="button button-danger" disabled={busy} onClick={onConfirm} autoFocus>
        Confirm: {label.toLowerCase()}
        <span className="visually-hidden"> ({name})</span>
      </button>
      <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </span>
  );
}

/** Ranked duplicate candidates with the reasons they were proposed, and merging (coordinators). */
export function DuplicatesPanel({ report, onMerged }: { report: ReportDetail; onMerged: () => Promise<void> }) {
  const { api } = useSession();
  const id = useId();
  const load = useCallback(() => listDuplicates(api, report.id), [api, report.id]);
  const { state, reload } = useLoaded(load);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: "done" | "error"; text: string } | null>(null);

  const merge = async (candidate: DuplicateCandidate) => {
    const { duplicateId, originalId } = mergeDirection(report, candidate);
    setBusy(true);
    setMessage(null);
    try {
      await mergeReport(api, duplicateId, originalId, "");
      setMessage({ kind: "done", text: `Merged: ${duplicateId} is closed as a duplicate of ${originalId}.` });
      await Promise.all([onMerged(), reload()]);
    } catch (error) {
      setMessage({ kind: "error", text: `The reports were not merged: ${errorText(error)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={`${id}-title`} className="report-section">
      <h2 id={`${id}-title`}>Duplicate candidates</h2>
      <p
        role={message?.kind === "error" ? "alert" : "status"}
        className={message?.kind === "error" ? "error-message" : message ? "status-message" : "visually-hidden"}
      >
        {message?.text ?? ""}
      </p>
      {state.kind === "loading" ? (
        <p aria-busy="true">Looking for duplicates…</p>
      ) : state.kind === "failed" ? (
        <p role="alert" className="error-message">
          The candidates could not be loaded: {state.message}
        </p>
      ) : state.value.length === 0 ? (
        <p>No likely duplicates among stored reports and advisories.</p>
      ) : (
        <ol className="candidate-list">
          {state.value.map((candidate) => (
            <li key={`${candidate.kind}:${candidate.id}`} className="candidate">
              <p className="candidate-title">
                <span className="hint">{candidate.kind === "report" ? "Report" : "Advisory"}:</span>{" "}
                <Link to={candidate.kind === "report" ? reportPagePath(candidate.id) : advisoryPagePath(candidate.id)}>
                  {candidate.title}
                </Link>{" "}
                <span className="hint">
                  score {candidate.score.toFixed(2)}, {formatUtc(candidate.createdAt)}
                </span>
                {candidate.suggestMerge ? <span className="badge badge-suggested">Likely duplicate</span> : null}
              </p>
              <ul className="reasons">
                {candidate.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
              {candidate.kind === "report" && report.duplicateOf === null ? (
                <MergeControl
                  label={mergeDirection(report, candidate).label}
                  name={candidate.title}
                  busy={busy}
                  onConfirm={() => void merge(candidate)}
                />
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
