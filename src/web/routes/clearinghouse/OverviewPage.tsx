import { useCallback, useId, useState } from "react";
import { ApiError } from "../../api.ts";
import { useSession } from "../../app/session-context.ts";
import { PageHeading } from "../../components/PageHeading.tsx";
import { Link } from "../../router.tsx";
import { errorText, useLoaded } from "../../use-loaded.ts";
import { listReports } from "./api.ts";
import { ADVISORIES_PATH, CASES_PATH, NEW_REPORT_PATH } from "./paths.ts";
import { ReportTable } from "./ReportTable.tsx";
import type { Page, Report, ReportView } from "./types.ts";

interface Queue {
  view: ReportView;
  page: Page<Report>;
}

/**
 * The clearinghouse's front page: the triage queue for coordinators, "my reports" for everyone else.
 * Which one is the server's decision: the queue answers 403 to whoever may not triage.
 */
export function OverviewPage({ title }: { title: string }) {
  const { api } = useSession();
  const listId = useId();
  const [more, setMore] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });

  const load = useCallback(async (): Promise<Queue> => {
    try {
      return { view: "triage", page: await listReports(api, "triage") };
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 403) throw error;
      return { view: "mine", page: await listReports(api, "mine") };
    }
  }, [api]);
  const { state, replace } = useLoaded(load);

  const loadMore = async (queue: Queue) => {
    setMore({ busy: true, error: null });
    try {
      const next = await listReports(api, queue.view, queue.page.nextCursor);
      replace({ view: queue.view, page: { items: [...queue.page.items, ...next.items], nextCursor: next.nextCursor } });
      setMore({ busy: false, error: null });
    } catch (error) {
      setMore({ busy: false, error: errorText(error) });
    }
  };

  const heading = state.kind === "ready" && state.value.view === "triage" ? "Triage queue" : "My reports";
  return (
    <>
      <PageHeading title={title} />
      <p className="lead">
        Coordinate vulnerability discovery, validation and remediation with vendors and critical-infrastructure
        operators.
      </p>
      <nav aria-label="Clearinghouse" className="sub-nav">
        <ul>
          <li>
            <Link to={NEW_REPORT_PATH} className="button">
              Submit a report
            </Link>
          </li>
          <li>
            <Link to={CASES_PATH}>Cases</Link>
          </li>
          <li>
            <Link to={ADVISORIES_PATH}>Advisories</Link>
          </li>
        </ul>
      </nav>
      <section aria-labelledby={listId}>
        <h2 id={listId}>{heading}</h2>
        {state.kind === "loading" ? (
          <p aria-busy="true">Loading reports…</p>
        ) : state.kind === "failed" ? (
          <p role="alert" className="error-message">
            The reports could not be loaded: {state.message}
          </p>
        ) : (
          <>
            <p className="hint">
              {state.value.view === "triage"
                ? "Open reports of every organisation, most urgent first: SSVC outcome, then KEV, then CVSS score."
                : "Reports your organisation submitted, newest first."}
            </p>
            {state.value.page.items.length === 0 ? (
              <p>
                {state.value.view === "triage" ? "No open reports." : "Your organisation has not submitted reports."}
              </p>
            ) : (
              <ReportTable reports={state.value.page.items} caption={heading} />
            )}
            {more.error ? (
              <p role="alert" className="error-message">
                More reports could not be loaded: {more.error}
              </p>
            ) : null}
            {state.value.page.nextCursor ? (
              <button
                type="button"
                className="button button-secondary"
                disabled={more.busy}
                onClick={() => void loadMore(state.value)}
              >
                {more.busy ? "Loading…" : "Show more reports"}
              </button>
            ) : null}
          </>
        )}
      </section>
    </>
  );
}
