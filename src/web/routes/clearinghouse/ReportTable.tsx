import { formatUtc } from "../../format.ts";
import { Link } from "../../router.tsx";
import { reportPagePath } from "./paths.ts";
import { provenanceLabel, scoreText, statusLabel } from "./report-format.ts";
import type { Report } from "./types.ts";

/** "In KEV" (and ransomware use) as a badge that reads as text. */
export function KevBadge({ report }: { report: Pick<Report, "kev"> }) {
  if (report.kev.length === 0) return <span className="hint">No</span>;
  const ransomware = report.kev.some((k) => k.knownRansomware);
  return <span className="badge badge-kev">In KEV{ransomware ? ", ransomware" : ""}</span>;
}

/** The SSVC coordinator-triage outcome the server computed, or a dash. */
export function SsvcOutcome({ report }: { report: Pick<Report, "ssvc"> }) {
  if (!report.ssvc) return <span className="hint">Not decided</span>;
  return <span className={`ssvc ssvc-${report.ssvc.outcome.toLowerCase()}`}>{report.ssvc.outcomeName}</span>;
}

/**
 * Reports as a table, in the order the server gave (the triage queue: SSVC outcome, KEV, CVSS).
 * Completeness shows only when the server sent it (coordinators).
 */
export function ReportTable({ reports, caption }: { reports: Report[]; caption: string }) {
  const withCompleteness = reports.some((r) => r.completeness !== null);
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Report</th>
            <th scope="col">Status</th>
            <th scope="col">SSVC</th>
            <th scope="col">KEV</th>
            <th scope="col">CVSS</th>
            <th scope="col">Provenance</th>
            {withCompleteness ? <th scope="col">Completeness</th> : null}
            <th scope="col">Submitted</th>
          </tr>
        </thead>
        <tbody>
          {reports.map((report) => (
            <tr key={report.id}>
              <th scope="row">
                <Link to={reportPagePath(report.id)}>{report.title}</Link>
              </th>
              <td>
                <span className={`status status-${report.status}`}>{statusLabel(report.status)}</span>
              </td>
              <td>
                <SsvcOutcome report={report} />
              </td>
              <td>
                <KevBadge report={report} />
              </td>
              <td>{scoreText(report.cvssScore)}</td>
              <td>{provenanceLabel(report.provenance.kind)}</td>
              {withCompleteness ? <td>{report.completeness ? `${report.completeness.score}%` : "—"}</td> : null}
              <td>{formatUtc(report.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
