import { type ReactNode, useCallback, useId } from "react";
import { useSession } from "../../app/session-context.ts";
import { PageHeading } from "../../components/PageHeading.tsx";
import { formatUtc } from "../../format.ts";
import { Link } from "../../router.tsx";
import { useLoaded } from "../../use-loaded.ts";
import { AttachmentsSection } from "./AttachmentsSection.tsx";
import { getReport } from "./api.ts";
import { TlpBadge } from "./cases/CaseBadges.tsx";
import { DuplicatesPanel } from "./DuplicatesPanel.tsx";
import { OpenCaseForm } from "./OpenCaseForm.tsx";
import { CLEARINGHOUSE_PATH, reportPagePath } from "./paths.ts";
import { KevBadge, SsvcOutcome } from "./ReportTable.tsx";
import { affectedKindLabel, affectedName, provenanceLabel, scoreText, statusLabel } from "./report-format.ts";
import { TransitionForm } from "./TransitionForm.tsx";
import { isTlpLabel, type ReportDetail } from "./types.ts";

/** A titled part of the report page (h2 with its labelled section). */
function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="report-section">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** Reporter-written text, shown verbatim (line breaks kept), or a note that there is none. */
function Prose({ text, empty }: { text: string; empty: string }) {
  return text.trim() === "" ? <p className="hint">{empty}</p> : <p className="prose">{text}</p>;
}

/** One report: every field as text, server-computed scores, files, history; coordinators also triage here. */
export function ReportPage({ reportId }: { reportId: string }) {
  const { api } = useSession();
  const load = useCallback(() => getReport(api, reportId), [api, reportId]);
  const { state, reload } = useLoaded(load);

  if (state.kind === "loading") return <p aria-busy="true">Loading the report…</p>;
  if (state.kind === "failed") {
    return (
      <>
        <PageHeading title={state.status === 404 ? "Report not found" : "Report not available"} />
        <p role="alert" className="error-message">
          {state.status === 404
            ? "There is no report with this id that you can read."
            : `The report could not be loaded: ${state.message}`}
        </p>
        <p>
          <Link to={CLEARINGHOUSE_PATH}>Back to the clearinghouse</Link>
        </p>
      </>
    );
  }
  const report = state.value;
  // The server sends completeness only to those who triage: the same people get the triage controls.
  const triages = report.completeness !== null;
  return (
    <>
      <PageHeading title={report.title} />
      <p className="report-meta">
        <span className={`status status-${report.status}`}>{statusLabel(report.status)}</span>
        {isTlpLabel(report.tlp) ? <TlpBadge tlp={report.tlp} /> : <span>TLP:{report.tlp}</span>}
        <span>Submitted {formatUtc(report.createdAt)}</span>
        <span>
          Id <code>{report.id}</code>
        </span>
      </p>
      <p>
        <Link to={CLEARINGHOUSE_PATH}>Back to the clearinghouse</Link>
      </p>
      {report.duplicateOf ? (
        <p className="note">
          Closed as a duplicate of <Link to={reportPagePath(report.duplicateOf)}>{report.duplicateOf}</Link>.
        </p>
      ) : null}
      <Section title="Description">
        <Prose text={report.description} empty="No description." />
      </Section>
      <ReportFacts report={report} />
      {report.completeness ? (
        <Section title="Completeness">
          <p>
            {report.completeness.score}% complete.{" "}
            {report.completeness.missing.length === 0
              ? "Nothing is missing."
              : `Missing: ${report.completeness.missing.join(", ")}.`}
          </p>
        </Section>
      ) : null}
      {report.evidence ? (
        <Section title="Reproduction evidence">
          <dl className="details">
            <dt>Reproduced</dt>
            <dd>{report.evidence.reproduced ? "Yes" : "No"}</dd>
            <dt>Method</dt>
            <dd className="prose">{report.evidence.method ?? "—"}</dd>
            <dt>Environment</dt>
            <dd className="prose">{report.evidence.environment || "—"}</dd>
            {report.evidence.attachmentSha256 ? (
              <>
                <dt>Evidence file</dt>
                <dd>
                  <code>{report.evidence.attachmentSha256}</code>
                </dd>
              </>
            ) : null}
            <dt>Recorded</dt>
            <dd>{formatUtc(report.evidence.at)}</dd>
          </dl>
        </Section>
      ) : null}
      <AttachmentsSection report={report} onAttached={reload} />
      {triages ? (
        <>
          <TransitionForm report={report} onDone={reload} />
          <DuplicatesPanel report={report} onMerged={reload} />
          <OpenCaseForm report={report} />
        </>
      ) : null}
      <Section title="History">
        {report.events.length === 0 ? (
          <p>No events.</p>
        ) : (
          <ol className="timeline">
            {report.events.map((event, index) => (
              // Events have no id; their order is fixed (oldest first), so the index is stable.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <li key={index}>
                <span className="timeline-at">{formatUtc(event.at)}</span>{" "}
                <span className="timeline-kind">{event.kind.replaceAll("_", " ")}</span>
                {event.fromStatus || event.toStatus ? (
                  <span>
                    {" "}
                    ({event.fromStatus ?? "new"} → {event.toStatus ?? event.fromStatus})
                  </span>
                ) : null}
                {event.note ? <p className="prose">{event.note}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </Section>
    </>
  );
}

/** Affected products, classification and scores, impact, reproduction, disclosure, credit, provenance. */
function ReportFacts({ report }: { report: ReportDetail }) {
  const { provenance, disclosure, credit } = report;
  return (
    <>
      <Section title="Affected products">
        <ul className="affected-list">
          {report.affected.map((affected, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the list is the report's own, in its order
            <li key={index}>
              <span className="hint">{affectedKindLabel(affected.kind)}:</span> <code>{affectedName(affected)}</code>
              {affected.versions ? <span> – versions {affected.versions}</span> : null}
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Classification and scores">
        <dl className="details">
          <dt>CWE</dt>
          <dd>{report.cwes.join(", ") || "—"}</dd>
          <dt>CVE</dt>
          <dd>{report.cveIds.join(", ") || "—"}</dd>
          <dt>SSVC (coordinator triage)</dt>
          <dd>
            <SsvcOutcome report={report} />
          </dd>
          <dt>Known exploited (KEV)</dt>
          <dd>
            <KevBadge report={report} />
            {report.kev.map((k) => (
              <span key={k.cveId} className="kev-fact">
                {" "}
                {k.cveId}: added {k.dateAdded}
                {k.dueDate ? `, federal due date ${k.dueDate}` : ""}
              </span>
            ))}
          </dd>
        </dl>
        {report.cvss.length === 0 ? (
          <p className="hint">No CVSS vector was given.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption>CVSS, scored by the server</caption>
              <thead>
                <tr>
                  <th scope="col">Vector</th>
                  <th scope="col">Version</th>
                  <th scope="col">Score</th>
                </tr>
              </thead>
              <tbody>
                {report.cvss.map((c) => (
                  <tr key={c.vector}>
                    <th scope="row">
                      <code>{c.vector}</code>
                    </th>
                    <td>{c.version}</td>
                    <td>{scoreText(c.score, c.severity)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
      <Section title="Impact">
        <Prose text={report.impact} empty="No impact statement." />
      </Section>
      <Section title="Reproduction">
        <Prose text={report.reproduction} empty="No reproduction steps." />
      </Section>
      <Section title="Provenance">
        <dl className="details">
          <dt>Found by</dt>
          <dd>{provenanceLabel(provenance.kind)}</dd>
          {provenance.kind !== "human" ? (
            <>
              <dt>Model</dt>
              <dd>
                {provenance.model ?? "—"} {provenance.modelVersion ? `(version ${provenance.modelVersion})` : ""}
              </dd>
              <dt>Developer</dt>
              <dd>{provenance.developerOrg ?? "—"}</dd>
              <dt>Run id</dt>
              <dd>{provenance.runId ?? "—"}</dd>
              <dt>Transcript SHA-256</dt>
              <dd>
                <code>{provenance.transcriptSha256 ?? "—"}</code>
              </dd>
              <dt>Verified by</dt>
              <dd>{provenance.verifiedBy ?? "Nobody yet"}</dd>
            </>
          ) : null}
        </dl>
      </Section>
      <Section title="Disclosure and credit">
        <dl className="details">
          <dt>Preferred disclosure date</dt>
          <dd>{disclosure.preferredDate ? `${disclosure.preferredDate} (UTC)` : "None given"}</dd>
          <dt>Already public</dt>
          <dd>{disclosure.alreadyPublic ? "Yes" : "No"}</dd>
          <dt>Notes</dt>
          <dd className="prose">{disclosure.notes || "—"}</dd>
          <dt>Credit</dt>
          <dd>{credit?.name ? `${credit.name}${credit.public === false ? " (not public)" : ""}` : "None"}</dd>
        </dl>
      </Section>
    </>
  );
}
