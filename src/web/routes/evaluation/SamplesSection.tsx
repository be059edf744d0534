import { useCallback, useId, useState } from "react";
import type { RunDetail, SampleOutcomeFilter } from "../../../evaluation/runner/viewer-model.ts";
import { useSession } from "../../app/session-context.ts";
import { Link } from "../../router.tsx";
import { useCursorPages } from "../../use-cursor-pages.ts";
import { listSamples, samplePagePath } from "./api.ts";
import { outcomeOf, targetText } from "./format.ts";

const OUTCOMES: { value: SampleOutcomeFilter | ""; label: string }[] = [
  { value: "", label: "All outcomes" },
  { value: "correct", label: "Correct" },
  { value: "incorrect", label: "Incorrect" },
  { value: "error", label: "Errors (not scored)" },
];

/** A run's (sample, epoch)s, filterable by outcome and category, a page at a time. */
export function SamplesSection({ run }: { run: RunDetail }) {
  const { api } = useSession();
  const headingId = useId();
  const outcomeId = useId();
  const categoryId = useId();
  const [score, setScore] = useState<SampleOutcomeFilter | null>(null);
  const [category, setCategory] = useState<string | null>(null);
  const fetchPage = useCallback(
    (cursor: string | null) => listSamples(api, run.id, { score, category, cursor }),
    [api, run.id, score, category],
  );
  const { items: samples, nextCursor, loading, error, more } = useCursorPages(fetchPage);

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>Samples</h2>
      <div className="eval-filters">
        <div className="field">
          <label htmlFor={outcomeId}>Outcome</label>
          <select
            id={outcomeId}
            value={score ?? ""}
            onChange={(event) => setScore((event.target.value || null) as SampleOutcomeFilter | null)}
          >
            {OUTCOMES.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={categoryId}>Category</label>
          <select id={categoryId} value={category ?? ""} onChange={(event) => setCategory(event.target.value || null)}>
            <option value="">All categories</option>
            {run.categories.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
      </div>
      {error ? (
        <p role="alert" className="error-message">
          The samples could not be loaded: {error}
        </p>
      ) : null}
      {samples === null ? (
        error ? null : (
          <p aria-busy="true">Loading samples…</p>
        )
      ) : samples.length === 0 ? (
        <p>No samples match.</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="samples">
            <caption className="visually-hidden">Samples of the run, by id and epoch</caption>
            <thead>
              <tr>
                <th scope="col">Sample</th>
                <th scope="col">Epoch</th>
                <th scope="col">Category</th>
                <th scope="col">Outcome</th>
                <th scope="col">Answer</th>
                <th scope="col">Target</th>
                <th scope="col">Tokens</th>
              </tr>
            </thead>
            <tbody aria-busy={loading}>
              {samples.map((sample) => {
                const outcome = outcomeOf(sample);
                return (
                  <tr key={`${sample.sampleId}#${sample.epoch}`}>
                    <th scope="row">
                      <Link to={samplePagePath(run.id, sample.sampleId, sample.epoch)}>{sample.sampleId}</Link>
                    </th>
                    <td>{sample.epoch}</td>
                    <td>{sample.category ?? "—"}</td>
                    <td>
                      <span className={`eval-outcome eval-outcome-${outcome}`}>
                        {outcome}
                        {sample.errorKind ? ` (${sample.errorKind})` : ""}
                      </span>
                    </td>
                    <td className="eval-answer-cell">{sample.answer ?? "—"}</td>
                    <td>{targetText(sample.target)}</td>
                    <td>{sample.tokens}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {nextCursor ? (
        <button type="button" className="button" disabled={loading} onClick={more}>
          {loading ? "Loading…" : "Show more samples"}
        </button>
      ) : null}
    </section>
  );
}
