import { type FormEvent, useCallback, useId, useState } from "react";
import { useSession } from "../../../app/session-context.ts";
import { formatUtc } from "../../../format.ts";
import { useLoaded } from "../../../use-loaded.ts";
import { listMessages, postMessage } from "./api.ts";
import { FormField, FormProblem, StatusNote } from "./FormField.tsx";
import { SafeMarkdown } from "./SafeMarkdown.tsx";
import type { CaseDetail, MessageVisibility } from "./types.ts";
import { useAction } from "./use-action.ts";

const MAX_MESSAGE = 20_000;

/** The case's message thread (Markdown, rendered safely) and, for those who may write, the reply form. */
export function MessagesSection({ detail }: { detail: CaseDetail }) {
  const { api } = useSession();
  const id = useId();
  const action = useAction();
  const load = useCallback(async () => (await listMessages(api, detail.id)).items, [api, detail.id]);
  const { state, replace } = useLoaded(load);
  const [body, setBody] = useState("");
  const [visibility, setVisibility] = useState<MessageVisibility>("participants");
  const [bodyError, setBodyError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(null);
    const text = body.trim();
    setBodyError(
      text === "" ? "Write a message" : body.length > MAX_MESSAGE ? `Use at most ${MAX_MESSAGE} characters` : null,
    );
    if (text === "" || body.length > MAX_MESSAGE) return;
    const posted = await action.run(() => postMessage(api, detail.id, body, visibility));
    if (!posted) return;
    replace([...(state.kind === "ready" ? state.value : []), posted]);
    setBody("");
    setDone(visibility === "coordinators" ? "Message sent to the coordinators." : "Message sent to every participant.");
  };

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Messages</h2>
      {state.kind === "failed" ? (
        <p role="alert" className="error-message">
          The messages could not be loaded: {state.message}
        </p>
      ) : state.kind === "loading" ? (
        <p aria-busy="true">Loading messages…</p>
      ) : state.value.length === 0 ? (
        <p>No messages yet.</p>
      ) : (
        <ol className="message-list">
          {state.value.map((message) => (
            <li key={message.id} className="message">
              <p className="message-meta">
                <strong>{message.authorName}</strong> ({message.authorOrgName}) · {formatUtc(message.createdAt)}
                {message.visibility === "coordinators" ? (
                  <span className="message-private"> · coordinators only</span>
                ) : null}
              </p>
              <SafeMarkdown text={message.body} />
            </li>
          ))}
        </ol>
      )}
      {detail.can.message ? (
        <form className="form message-form" onSubmit={submit} noValidate aria-labelledby={`${id}-new`}>
          <h3 id={`${id}-new`}>Write a message</h3>
          <FormProblem problem={action.problem} fields={["body", "visibility"]} />
          <FormField
            id={`${id}-body`}
            label="Message"
            hint="Markdown: **bold**, lists, `code`, [links](https://…). HTML is not shown; only http(s) and mailto links work."
            error={bodyError ?? action.fieldError("body")}
          >
            {(control) => (
              <textarea
                {...control}
                name="body"
                rows={5}
                maxLength={MAX_MESSAGE}
                value={body}
                onChange={(event) => setBody(event.target.value)}
              />
            )}
          </FormField>
          <FormField id={`${id}-visibility`} label="Who reads it" error={action.fieldError("visibility")}>
            {(control) => (
              <select
                {...control}
                name="visibility"
                value={visibility}
                onChange={(event) => setVisibility(event.target.value as MessageVisibility)}
              >
                <option value="participants">Every participant</option>
                <option value="coordinators">Coordinators only</option>
              </select>
            )}
          </FormField>
          <button type="submit" className="button" disabled={action.busy}>
            {action.busy ? "Sending…" : "Send message"}
          </button>
          <StatusNote text={done} />
        </form>
      ) : null}
    </section>
  );
}
