import { useCallback, useId } from "react";
import type { RunDetail, ScorerSummary } from "../../../evaluation/runner/viewer-model.ts";
import { useSession } from "../../app/session-context.ts";
import { PageHeading } from "../../components/PageHeading.tsx";
import { formatUtc } from "../../format.ts";
import { Link } from "../../router.tsx";
import { useLoaded } from "../../use-loaded.ts";
import { EVALUATION_PATH, getRun, runLogHref } from "./api.ts";
import { interval, intervalMethod, percent } from "./format.ts";
import { SamplesSection } from "./SamplesSection.tsx";
import { type ChartRow, ScoreChart } from "./ScoreChart.tsx";

/** The chart's rows of one scorer: overall, then each category. */
function chartRows(summary: ScorerSummary): ChartRow[] {
  if (!summary.accuracy) return [];
  return [
    { label: `${summary.scorer} (all)`, mean: summary.accuracy.mean, ci95: summary.accuracy.ci95 },
    ...summary.byCategory.map((c) => ({ label: c.category, mean: c.mean, ci95: c.ci95 })),
  ];
}

function ScorerResults({ summary }: { summary: ScorerSummary }) {
  const headingId = useId();
  const { accuracy } = summary;
  return (
    <section aria-labelledby={headingId} className="panel">
      <h3 id={headingId}>Scorer {summary.scorer}</h3>
      {accuracy === null ? (
        <p>Nothing is scored yet.</p>
      ) : (
        <>
          <ScoreChart
            title={`Accuracy of ${summary.scorer} with 95% intervals, overall and per category`}
            rows={chartRows(summary)}
          />
          <div className="table-wrap">
            <table className="table" data-testid={`scores-${summary.scorer}`}>
              <caption>Accuracy of {summary.scorer}: the numbers of the chart</caption>
              <thead>
                <tr>
                  <th scope="col">Samples</th>
                  <th scope="col">n</th>
                  <th scope="col">Accuracy</th>
                  <th scope="col">Standard error</th>
                  <th scope="col">95% interval</th>
                  <th scope="col">Method</th>
                </tr>
              </thead>
              <tbody>
                {[{ category: "All", ...accuracy }, ...summary.byCategory].map((row) => (
                  <tr key={row.category}>
                    <th scope="row">{row.category}</th>
                    <td>{row.n}</td>
                    <td>{percent(row.mean)}</td>
                    <td>{row.stderr === null ? "—" : percent(row.stderr)}</td>
                    <td>{interval(row.ci95)}</td>
                    <td>{intervalMethod(row.interval)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <dl className="details">
            {summary.wilson95 ? (
              <>
                <dt>Wilson 95% interval</dt>
                <dd>{interval(summary.wilson95)}</dd>
              </>
            ) : null}
            {summary.categoryBootstrap ? (
              <>
                <dt>Clustered bootstrap by category</dt>
                <dd>
                  {interval(summary.categoryBootstrap.ci95)}, standard error {percent(summary.categoryBootstrap.stderr)}{" "}
                  ({summary.categoryBootstrap.clusters} categories as clusters)
                </dd>
              </>
            ) : null}
          </dl>
        </>
      )}
    </section>
  );
}

function Counts({ title, counts, none }: { title: string; counts: Record<string, number>; none: string }) {
  const entries = Object.entries(counts);
  return (
    <>
      <dt>{title}</dt>
      <dd>{entries.length === 0 ? none : entries.map(([kind, n]) => `${kind}: ${n}`).join(", ")}</dd>
    </>
  );
}

function RunView({ run }: { run: RunDetail }) {
  const scoresId = useId();
  const errorsId = useId();
  return (
    <>
      <PageHeading title={`Run ${run.task} · ${run.model}`} />
      <p>
        <Link to={EVALUATION_PATH}>All runs</Link>
        {run.access === "full" ? (
          <>
            {" · "}
            <a href={runLogHref(run.id)} download>
              Download the run log (JSON)
            </a>
          </>
        ) : null}
      </p>
      <dl className="details">
        <dt>Run</dt>
        <dd>{run.id}</dd>
        <dt>Status</dt>
        <dd>{run.status}</dd>
        <dt>Dataset</dt>
        <dd>
          {run.spec.dataset.name} ({run.spec.dataset.samples} samples × {run.spec.epochs} epochs)
        </dd>
        <dt>Progress</dt>
        <dd>
          {run.done} of {run.total} done, {run.scored} scored, {run.open} open
        </dd>
        <dt>Tokens</dt>
        <dd>
          {run.tokens.input} in, {run.tokens.output} out
        </dd>
        <dt>Created</dt>
        <dd>{formatUtc(run.createdAt)}</dd>
        <dt>Finished</dt>
        <dd>{formatUtc(run.finishedAt)}</dd>
      </dl>
      <section aria-labelledby={scoresId}>
        <h2 id={scoresId}>Scores</h2>
        {run.scorers.map((summary) => (
          <ScorerResults key={summary.scorer} summary={summary} />
        ))}
      </section>
      <section aria-labelledby={errorsId}>
        <h2 id={errorsId}>Errors and limits</h2>
        <p className="hint">Errors are not scored: they count neither as right nor as wrong.</p>
        <dl className="details" data-testid="error-counts">
          <Counts title="Errors by kind" counts={run.errorsByKind} none="none" />
          <Counts title="Limits hit" counts={run.limits} none="none" />
          <dt>Refusals</dt>
          <dd>{run.refusals}</dd>
        </dl>
      </section>
      {run.access === "full" ? <SamplesSection run={run} /> : null}
    </>
  );
}

/** One run: its spec, scores with 95% intervals (chart and table), error counts and its samples. */
export function RunPage({ runId }: { runId: string }) {
  const { api } = useSession();
  const { state } = useLoaded(useCallback(() => getRun(api, runId), [api, runId]));
  if (state.kind === "loading") return <p aria-busy="true">Loading the run…</p>;
  if (state.kind === "failed")
    return (
      <>
        <PageHeading title={state.status === 404 ? "Run not found" : "The run could not be loaded"} />
        <p role="alert" className="error-message">
          {state.message}
        </p>
        <p>
          <Link to={EVALUATION_PATH}>All runs</Link>
        </p>
      </>
    );
  return <RunView run={state.value} />;
}
