import { useCallback, useId } from "react";
import { useSession } from "../../../app/session-context.ts";
import { PageHeading } from "../../../components/PageHeading.tsx";
import { formatUtc } from "../../../format.ts";
import { Link } from "../../../router.tsx";
import { useCursorPages } from "../../../use-cursor-pages.ts";
import { CLEARINGHOUSE_PATH, casePagePath } from "../paths.ts";
import { listCases } from "./api.ts";
import { CaseStatusBadge, EmbargoSummary, SetFlags, TlpBadge } from "./CaseBadges.tsx";

/** The cases the caller may read (the server filters them), newest first, a page at a time. */
export function CasesListPage() {
  const { api } = useSession();
  const captionId = useId();
  const fetchPage = useCallback((cursor: string | null) => listCases(api, cursor), [api]);
  const { items: cases, nextCursor, loading, error, more } = useCursorPages(fetchPage);

  return (
    <>
      <PageHeading title="Cases" />
      <p className="lead">
        Coordination cases: the vulnerability, its participants, the embargo, vendor statements and the advisory. You
        see the cases your organisation takes part in.
      </p>
      <p>
        <Link to={CLEARINGHOUSE_PATH}>Back to the clearinghouse</Link>
      </p>
      {error ? (
        <p role="alert" className="error-message">
          The cases could not be loaded: {error}
        </p>
      ) : null}
      {cases === null ? (
        error ? null : (
          <p aria-busy="true">Loading cases…</p>
        )
      ) : cases.length === 0 ? (
        <p>There are no cases you take part in.</p>
      ) : (
        <div className="table-wrap">
          <table className="table case-table" aria-describedby={captionId}>
            <caption id={captionId} className="visually-hidden">
              Cases you may read
            </caption>
            <thead>
              <tr>
                <th scope="col">Case</th>
                <th scope="col">Status</th>
                <th scope="col">TLP</th>
                <th scope="col">Embargo</th>
                <th scope="col">Flags</th>
                <th scope="col">Remediation due</th>
                <th scope="col">Participants</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((item) => (
                <tr key={item.id}>
                  <th scope="row">
                    <Link to={casePagePath(item.id)}>{item.title}</Link>
                    <span className="case-id">{item.id}</span>
                  </th>
                  <td>
                    <CaseStatusBadge status={item.status} />
                  </td>
                  <td>
                    <TlpBadge tlp={item.tlp} />
                  </td>
                  <td>
                    <EmbargoSummary embargo={item.embargo} />
                  </td>
                  <td>
                    <SetFlags flags={item.flags} />
                  </td>
                  <td>{item.remediation.dueAt ? formatUtc(item.remediation.dueAt) : "—"}</td>
                  <td>{item.participantCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextCursor ? (
        <button type="button" className="button button-secondary" disabled={loading} onClick={more}>
          {loading ? "Loading…" : "Show more cases"}
        </button>
      ) : null}
    </>
  );
}
