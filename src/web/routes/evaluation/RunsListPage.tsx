import { useCallback } from "react";
import { useSession } from "../../app/session-context.ts";
import { PageHeading } from "../../components/PageHeading.tsx";
import { formatUtc } from "../../format.ts";
import { Link } from "../../router.tsx";
import { useCursorPages } from "../../use-cursor-pages.ts";
import { listRuns, runPagePath } from "./api.ts";
import { interval, percent } from "./format.ts";

/** Evaluation runs, newest first, with progress, errors and the primary score's 95% interval. */
export function RunsListPage({ title }: { title: string }) {
  const { api } = useSession();
  const fetchPage = useCallback((cursor: string | null) => listRuns(api, cursor), [api]);
  const { items: runs, nextCursor, loading, error, more } = useCursorPages(fetchPage);

  return (
    <>
      <PageHeading title={title} />
      <p className="lead">
        Runs of models on cyber-capability tasks. Scores are shown with their 95% intervals; infrastructure failures are
        counted apart and never scored as misses.
      </p>
      {error ? (
        <p role="alert" className="error-message">
          The runs could not be loaded: {error}
        </p>
      ) : null}
      {runs === null ? (
        error ? null : (
          <p aria-busy="true">Loading runs…</p>
        )
      ) : runs.length === 0 ? (
        <p>No evaluation runs yet. Start one with `aicc eval run`.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Evaluation runs, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Run</th>
                <th scope="col">Task</th>
                <th scope="col">Model</th>
                <th scope="col">Status</th>
                <th scope="col">Done</th>
                <th scope="col">Errors</th>
                <th scope="col">Score (95% interval)</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.id}>
                  <th scope="row">
                    <Link to={runPagePath(run.id)}>{run.id}</Link>
                  </th>
                  <td>{run.task}</td>
                  <td>{run.model}</td>
                  <td>{run.status}</td>
                  <td>
                    {run.done} / {run.total}
                  </td>
                  <td>{run.errors}</td>
                  <td>
                    {run.accuracy ? `${percent(run.accuracy.mean)} ${interval(run.accuracy.ci95)}` : "not scored yet"}
                  </td>
                  <td>{formatUtc(run.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextCursor ? (
        <button type="button" className="button" disabled={loading} onClick={more}>
          {loading ? "Loading…" : "Show more runs"}
        </button>
      ) : null}
    </>
  );
}
