import { useCallback, useId } from "react";
import { useSession } from "../../../app/session-context.ts";
import { PageHeading } from "../../../components/PageHeading.tsx";
import { formatUtc } from "../../../format.ts";
import { Link } from "../../../router.tsx";
import { useLoaded } from "../../../use-loaded.ts";
import { NotFoundPage } from "../../not-found/NotFoundPage.tsx";
import { CASES_PATH, casePagePath, reportPagePath } from "../paths.ts";
import { statusLabel } from "../report-format.ts";
import type { ReportStatus } from "../types.ts";
import { getCase } from "./api.ts";
import { CaseStatusBadge, TlpBadge } from "./CaseBadges.tsx";
import { remediationSource } from "./case-format.ts";
import { EmbargoPanel } from "./EmbargoPanel.tsx";
import { FlagsPanel } from "./FlagsPanel.tsx";
import { MessagesSection } from "./MessagesSection.tsx";
import { ParticipantsSection } from "./ParticipantsSection.tsx";
import { PublishPanel } from "./PublishPanel.tsx";
import { StatementsSection } from "./StatementsSection.tsx";
import { TimelineSection } from "./TimelineSection.tsx";
import type { CaseDetail, Remediation } from "./types.ts";
import { VulnerabilitiesSection } from "./VulnerabilitiesSection.tsx";

function RemediationPanel({ remediation }: { remediation: Remediation }) {
  const id = useId();
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Remediation</h2>
      <dl className="details">
        <dt>Due</dt>
        <dd>{remediation.dueAt ? <strong>{formatUtc(remediation.dueAt)}</strong> : "No due date"}</dd>
        <dt>Source</dt>
        <dd>{remediationSource(remediation)}</dd>
      </dl>
    </section>
  );
}

/** The loaded case: state at the top and at the side, then people, facts, statements and talk. */
function CaseView({
  detail,
  onChanged,
  reload,
}: {
  detail: CaseDetail;
  onChanged: (next: CaseDetail) => void;
  reload: () => Promise<void>;
}) {
  const summaryId = useId();
  return (
    <>
      <p className="breadcrumb">
        <Link to={CASES_PATH}>Cases</Link> › <code>{detail.id}</code>
      </p>
      <PageHeading title={detail.title} />
      <div className="case-header">
        <TlpBadge tlp={detail.tlp} />
        <CaseStatusBadge status={detail.status} />
        <span className="hint">
          Opened {formatUtc(detail.createdAt)} · updated {formatUtc(detail.updatedAt)}
        </span>
      </div>
      <section aria-labelledby={summaryId}>
        <h2 id={summaryId} className="visually-hidden">
          Summary
        </h2>
        <p className="prose case-summary">{detail.summary}</p>
        {detail.reports.length > 0 ? (
          <p>
            Reports:{" "}
            {detail.reports.map((report, index) => (
              <span key={report.id}>
                {index > 0 ? ", " : null}
                <Link to={reportPagePath(report.id)}>{report.title}</Link>{" "}
                <span className="hint">({statusLabel(report.status as ReportStatus)})</span>
              </span>
            ))}
          </p>
        ) : null}
      </section>
      <div className="case-grid">
        <div className="case-side">
          <EmbargoPanel detail={detail} onChanged={onChanged} />
          <FlagsPanel detail={detail} onChanged={onChanged} />
          <RemediationPanel remediation={detail.remediation} />
          <PublishPanel detail={detail} onPublished={reload} />
        </div>
        <div>
          <ParticipantsSection detail={detail} onChanged={onChanged} />
          <VulnerabilitiesSection vulnerabilities={detail.vulnerabilities} />
        </div>
      </div>
      <StatementsSection detail={detail} onChanged={onChanged} />
      <MessagesSection detail={detail} />
      <TimelineSection timeline={detail.timeline} />
    </>
  );
}

/** One coordination case, VINCE-like. Every change answers with the whole case, which replaces the shown one. */
export function CasePage({ caseId }: { caseId: string }) {
  const { api } = useSession();
  const load = useCallback(() => getCase(api, caseId), [api, caseId]);
  const { state, reload, replace } = useLoaded(load);

  if (state.kind === "loading") {
    return (
      <p aria-busy="true" className="loading">
        Loading the case…
      </p>
    );
  }
  // An unreadable case answers 404 like an unknown one; the page says the same.
  if (state.kind === "failed" && state.status === 404) return <NotFoundPage path={casePagePath(caseId)} />;
  if (state.kind === "failed") {
    return (
      <>
        <PageHeading title="Case" />
        <p role="alert" className="error-message">
          The case could not be loaded: {state.message}
        </p>
      </>
    );
  }
  return <CaseView detail={state.value} onChanged={replace} reload={reload} />;
}
