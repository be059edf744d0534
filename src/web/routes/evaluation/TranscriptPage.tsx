import { useCallback, useId } from "react";
import type { SampleTranscript, TranscriptMessage } from "../../../evaluation/runner/viewer-model.ts";
import { useSession } from "../../app/session-context.ts";
import { PageHeading } from "../../components/PageHeading.tsx";
import { Link } from "../../router.tsx";
import { useLoaded } from "../../use-loaded.ts";
import { getSample, runLogHref, runPagePath } from "./api.ts";
import { targetText } from "./format.ts";

/**
 * Model and tool text is untrusted (a model may write markup, a sandboxed program may print it): it is
 * only ever a React text node inside <pre>, never HTML.
 */
function Text({ children }: { children: string }) {
  return <pre className="eval-text">{children}</pre>;
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

function Message({ message }: { message: TranscriptMessage }) {
  return (
    <li className={`eval-message eval-message-${message.role}`}>
      <p className="eval-message-role">
        {message.role === "tool" ? `tool result: ${message.name}` : message.role}
        {message.role === "tool" && message.exitCode !== null ? ` (exit code ${message.exitCode})` : ""}
      </p>
      {message.content === "" && message.role === "assistant" ? null : <Text>{message.content}</Text>}
      {message.role === "assistant"
        ? message.toolCalls.map((call) => (
            <div key={call.id} className="eval-tool-call">
              <p className="eval-message-role">calls {call.name}</p>
              <Text>{json(call.arguments)}</Text>
            </div>
          ))
        : null}
    </li>
  );
}

function eventSummary(event: SampleTranscript["events"][number]["event"]): string {
  switch (event.type) {
    case "model":
      return `${event.output.usage.inputTokens} in, ${event.output.usage.outputTokens} out${event.output.cached ? ", from the cache" : ""}`;
    case "tool":
      return `${event.call.name}, exit code ${event.exitCode ?? "—"}, ${Math.round(event.durationMs)} ms`;
    case "score":
      return `${event.scorer}: ${event.score.value}`;
    case "error":
      return `${event.kind}: ${event.message}`;
    case "info":
      return event.message;
  }
}

function TranscriptView({ t }: { t: SampleTranscript }) {
  const messagesId = useId();
  const toolsId = useId();
  const scoresId = useId();
  const eventsId = useId();
  return (
    <>
      <PageHeading title={`Sample ${t.sample.id}, epoch ${t.epoch}`} />
      <p>
        <Link to={runPagePath(t.run.id)}>
          Run {t.run.task} · {t.run.model}
        </Link>
        {" · "}
        <a href={runLogHref(t.run.id)} download>
          Download the run log (JSON)
        </a>
      </p>
      <dl className="details">
        <dt>Status</dt>
        <dd>{t.status}</dd>
        <dt>Answer</dt>
        <dd>{t.answer === null ? "—" : <Text>{t.answer}</Text>}</dd>
        <dt>Target</dt>
        <dd>{targetText(t.sample.target)}</dd>
        {t.sample.category ? (
          <>
            <dt>Category</dt>
            <dd>{t.sample.category}</dd>
          </>
        ) : null}
        {t.error ? (
          <>
            <dt>Error (not scored)</dt>
            <dd>
              {t.error.kind}: <Text>{t.error.message}</Text>
            </dd>
          </>
        ) : null}
        {t.limit ? (
          <>
            <dt>Limit hit</dt>
            <dd>{t.limit}</dd>
          </>
        ) : null}
        <dt>Tokens</dt>
        <dd>{t.usage ? `${t.usage.inputTokens} in, ${t.usage.outputTokens} out` : "—"}</dd>
        <dt>Attempts</dt>
        <dd>{t.attempts}</dd>
      </dl>
      <section aria-labelledby={scoresId}>
        <h2 id={scoresId}>Scores</h2>
        {Object.keys(t.scores).length === 0 ? (
          <p>Not scored.</p>
        ) : (
          <dl className="details">
            {Object.entries(t.scores).map(([scorer, score]) => (
              <div key={scorer} className="eval-score-entry">
                <dt>{scorer}</dt>
                <dd>
                  {score.value}
                  {score.answer !== undefined ? `, read as “${score.answer}”` : ""}
                  {score.refused ? ", a refusal" : ""}
                  {score.explanation ? <Text>{score.explanation}</Text> : null}
                </dd>
              </div>
            ))}
          </dl>
        )}
      </section>
      <section aria-labelledby={messagesId}>
        <h2 id={messagesId}>Messages</h2>
        <ol className="eval-transcript">
          {t.messages.map((message, i) => (
            // Messages have no ids of their own; their order is fixed.
            // biome-ignore lint/suspicious/noArrayIndexKey: the transcript never reorders
            <Message key={i} message={message} />
          ))}
        </ol>
      </section>
      <section aria-labelledby={toolsId}>
        <h2 id={toolsId}>Tool calls</h2>
        {t.toolCalls.length === 0 ? (
          <p>No tool calls.</p>
        ) : (
          <ol className="eval-transcript" data-testid="tool-calls">
            {t.toolCalls.map((record) => (
              <li key={record.call.id} className="eval-tool-record">
                <p className="eval-message-role">
                  {record.call.name}: exit code {record.exitCode ?? "—"}, {Math.round(record.durationMs)} ms
                  {record.truncated ? ", output truncated" : ""}
                </p>
                <p className="hint">Arguments</p>
                <Text>{json(record.call.arguments)}</Text>
                <p className="hint">Sandbox output (stdout and stderr, interleaved)</p>
                <Text>{record.output}</Text>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby={eventsId}>
        <h2 id={eventsId}>Events</h2>
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Every event of this sample, in order</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Attempt</th>
                <th scope="col">Type</th>
                <th scope="col">At (UTC)</th>
                <th scope="col">Summary</th>
              </tr>
            </thead>
            <tbody>
              {t.events.map(({ seq, attempt, event }) => (
                <tr key={seq}>
                  <th scope="row">{seq}</th>
                  <td>{attempt}</td>
                  <td>{event.type}</td>
                  <td>{event.at}</td>
                  <td className="eval-answer-cell">{eventSummary(event)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

/** One (sample, epoch): messages, tool calls with their sandbox output, scores with explanations, events. */
export function TranscriptPage({ runId, sampleId, epoch }: { runId: string; sampleId: string; epoch: number }) {
  const { api } = useSession();
  const { state } = useLoaded(useCallback(() => getSample(api, runId, sampleId, epoch), [api, runId, sampleId, epoch]));
  if (state.kind === "loading") return <p aria-busy="true">Loading the transcript…</p>;
  if (state.kind === "failed")
    return (
      <>
        <PageHeading title={state.status === 404 ? "Sample not found" : "The transcript could not be loaded"} />
        <p role="alert" className="error-message">
          {state.message}
        </p>
        <p>
          <Link to={runPagePath(runId)}>Back to the run</Link>
        </p>
      </>
    );
  return <TranscriptView t={state.value} />;
}
