import { type FormEvent, useId, useState } from "react";
import { useSession } from "../../../app/session-context.ts";
import { formatUtc } from "../../../format.ts";
import { changeEmbargo } from "./api.ts";
import {
  ACTIONS_WITH_DATE,
  countdown,
  EMBARGO_ACTION_LABELS,
  EMBARGO_ACTIONS,
  EMBARGO_STATE_LABELS,
  EXIT_REASON_LABELS,
  embargoEndInput,
  embargoEndInstant,
  formatLocal,
} from "./case-format.ts";
import { FormField, FormProblem, StatusNote } from "./FormField.tsx";
import type { CaseDetail, EmbargoAction } from "./types.ts";
import { useAction } from "./use-action.ts";
import { useNow } from "./use-now.ts";

/** One embargo end: UTC (what counts), the viewer's local time, and a live countdown. */
function EmbargoEnd({ label, endsAt, now }: { label: string; endsAt: string; now: number }) {
  const left = countdown(endsAt, now);
  return (
    <>
      <dt>{label}</dt>
      <dd>
        <strong>{formatUtc(endsAt)}</strong>
        <span className="hint"> (your time: {formatLocal(endsAt)})</span>
        <br />
        <span role="timer" className="countdown">
          {left ? `${left} left` : "The end date has passed."}
        </span>
      </dd>
    </>
  );
}

/** The embargo: its state, end and countdown; coordinators propose, accept, revise or end it. */
export function EmbargoPanel({ detail, onChanged }: { detail: CaseDetail; onChanged: (next: CaseDetail) => void }) {
  const { api } = useSession();
  const id = useId();
  const { embargo } = detail;
  const pending = embargo.state === "proposed" || embargo.state === "revise";
  const now = useNow(embargo.state !== "none" && embargo.state !== "exited");
  const action = useAction();
  const [date, setDate] = useState("");
  const [time, setTime] = useState("");
  const [dateError, setDateError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const actions = detail.can.coordinate ? EMBARGO_ACTIONS[embargo.state] : [];
  const dateAction = actions.find((a) => ACTIONS_WITH_DATE.includes(a));
  const plainActions = actions.filter((a) => !ACTIONS_WITH_DATE.includes(a));

  const perform = async (move: EmbargoAction, endsAt?: string) => {
    setDone(null);
    const next = await action.run(() => changeEmbargo(api, detail.id, move, endsAt));
    if (!next) return;
    onChanged(next);
    setDate("");
    setTime("");
    setDone(`Embargo: ${EMBARGO_STATE_LABELS[next.embargo.state].toLowerCase()}.`);
  };

  const submitDate = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!dateAction) return;
    const endsAt = embargoEndInput(date, time);
    if (!endsAt) {
      setDateError(date === "" ? "Choose the day the embargo ends" : "Write the time as HH:MM (UTC)");
      return;
    }
    if (embargoEndInstant(endsAt) <= Date.now()) {
      setDateError("The end must lie in the future");
      return;
    }
    setDateError(null);
    void perform(dateAction, endsAt);
  };

  const endsAtError = dateError ?? action.fieldError("endsAt");
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Embargo</h2>
      <dl className="details">
        <dt>State</dt>
        <dd>
          <span className={`embargo embargo-${embargo.state}`}>{EMBARGO_STATE_LABELS[embargo.state]}</span>
          {embargo.state === "exited" && embargo.exitedReason
            ? ` – ${EXIT_REASON_LABELS[embargo.exitedReason] ?? embargo.exitedReason}`
            : null}
        </dd>
        {embargo.endsAt && embargo.state !== "exited" ? (
          <EmbargoEnd label={pending ? "Agreed end" : "Ends"} endsAt={embargo.endsAt} now={now} />
        ) : null}
        {pending && embargo.proposedEndsAt ? (
          <EmbargoEnd label="Proposed end" endsAt={embargo.proposedEndsAt} now={now} />
        ) : null}
        {embargo.state === "exited" && embargo.endsAt ? (
          <>
            <dt>Ended</dt>
            <dd>{formatUtc(embargo.endsAt)}</dd>
          </>
        ) : null}
      </dl>
      {actions.length > 0 ? (
        <div>
          <FormProblem problem={action.problem} fields={dateAction ? ["endsAt"] : []} />
          {dateAction ? (
            <form className="form" onSubmit={submitDate} noValidate>
              <FormField
                id={`${id}-date`}
                label="End date"
                hint="The embargo ends at 12:00 UTC on this day unless you give a time."
                error={endsAtError}
              >
                {(control) => (
                  <input
                    {...control}
                    type="date"
                    name="endsAtDate"
                    value={date}
                    min={new Date().toISOString().slice(0, 10)}
                    onChange={(event) => setDate(event.target.value)}
                  />
                )}
              </FormField>
              <FormField id={`${id}-time`} label="Time (UTC, optional)" hint="HH:MM in UTC, e.g. 16:00.">
                {(control) => (
                  <input
                    {...control}
                    type="time"
                    name="endsAtTime"
                    value={time}
                    onChange={(event) => setTime(event.target.value)}
                  />
                )}
              </FormField>
              <button type="submit" className="button" disabled={action.busy}>
                {EMBARGO_ACTION_LABELS[dateAction]}
              </button>
            </form>
          ) : null}
          <div className="button-row">
            {plainActions.map((move) => (
              <button
                key={move}
                type="button"
                className={move === "exit" ? "button button-danger" : "button"}
                disabled={action.busy}
                onClick={() => void perform(move)}
              >
                {EMBARGO_ACTION_LABELS[move]}
              </button>
            ))}
          </div>
        </div>
      ) : null}
      <StatusNote text={done} />
    </section>
  );
}
