import { type FormEvent, useId, useState } from "react";
import { ApiError } from "../../api.ts";
import type { FieldProblem } from "../../api-types.ts";
import { useSession } from "../../app/session-context.ts";
import { errorText } from "../../use-loaded.ts";
import { transitionReport } from "./api.ts";
import { fieldMessages, unplacedProblems } from "./report-form.ts";
import { statusLabel } from "./report-format.ts";
import { TextField } from "./TextField.tsx";
import { REPORT_TRANSITIONS, type ReportDetail, type ReportStatus } from "./types.ts";

/**
 * Moves the report to another state (coordinators). Validating needs reproduction evidence: how it
 * was reproduced, where, and optionally which attachment shows it.
 */
export function TransitionForm({ report, onDone }: { report: ReportDetail; onDone: () => Promise<void> }) {
  const { api } = useSession();
  const id = useId();
  const choices = REPORT_TRANSITIONS[report.status];
  const [chosen, setChosen] = useState<ReportStatus | null>(null);
  // After a change of state the earlier choice may no longer be allowed: fall back to the first one.
  const to = chosen !== null && choices.includes(chosen) ? chosen : choices[0];
  const [note, setNote] = useState("");
  const [reproduced, setReproduced] = useState(true);
  const [method, setMethod] = useState("");
  const [environment, setEnvironment] = useState("");
  const [evidenceFile, setEvidenceFile] = useState("");
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [message, setMessage] = useState<{ kind: "done" | "error"; text: string } | null>(null);

  if (to === undefined) {
    return (
      <section aria-labelledby={`${id}-title`} className="report-section panel">
        <h2 id={`${id}-title`}>Triage</h2>
        <p>A {statusLabel(report.status).toLowerCase()} report cannot change state any more.</p>
      </section>
    );
  }

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (to === "valid" && method.trim() === "") {
      setProblems([{ field: "evidence.method", message: "Say how the flaw was reproduced." }]);
      setMessage({ kind: "error", text: "Validating a report needs reproduction evidence." });
      return;
    }
    setBusy(true);
    setMessage(null);
    setProblems([]);
    try {
      const evidence =
        to === "valid"
          ? { reproduced, method, environment, ...(evidenceFile ? { attachmentSha256: evidenceFile } : {}) }
          : undefined;
      await transitionReport(api, report.id, { to, note, ...(evidence ? { evidence } : {}) });
      setNote("");
      await onDone();
      setMessage({ kind: "done", text: `The report is now ${statusLabel(to).toLowerCase()}.` });
    } catch (error) {
      setProblems(error instanceof ApiError ? error.fields : []);
      setMessage({ kind: "error", text: errorText(error) });
    } finally {
      setBusy(false);
    }
  };

  const unplaced = unplacedProblems(problems, ["note", "evidence"]);
  return (
    <section aria-labelledby={`${id}-title`} className="report-section panel">
      <h2 id={`${id}-title`}>Triage</h2>
      <form className="form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
        <div className="field">
          <label htmlFor={`${id}-to`}>New state</label>
          <select id={`${id}-to`} value={to} onChange={(event) => setChosen(event.target.value as ReportStatus)}>
            {choices.map((status) => (
              <option key={status} value={status}>
                {statusLabel(status)}
              </option>
            ))}
          </select>
        </div>
        {to === "valid" ? (
          <fieldset className="form-section">
            <legend>Reproduction evidence</legend>
            <div className="checkbox">
              <input
                id={`${id}-reproduced`}
                type="checkbox"
                checked={reproduced}
                onChange={(event) => setReproduced(event.target.checked)}
              />
              <label htmlFor={`${id}-reproduced`}>Reproduced</label>
            </div>
            <TextField
              label="Reproduction method"
              hint="How the flaw was reproduced."
              rows={3}
              value={method}
              onChange={setMethod}
              errors={[
                ...fieldMessages(problems, "evidence", { exact: true }),
                ...fieldMessages(problems, "evidence.method"),
              ]}
              required
            />
            <TextField
              label="Environment"
              value={environment}
              onChange={setEnvironment}
              errors={fieldMessages(problems, "evidence.environment")}
            />
            {report.attachments.length > 0 ? (
              <div className="field">
                <label htmlFor={`${id}-file`}>Evidence file</label>
                <select
                  id={`${id}-file`}
                  value={evidenceFile}
                  onChange={(event) => setEvidenceFile(event.target.value)}
                >
                  <option value="">None</option>
                  {report.attachments.map((file) => (
                    <option key={file.sha256} value={file.sha256}>
                      {file.filename}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
          </fieldset>
        ) : null}
        <TextField
          label="Note"
          hint="Why; recorded in the report's history."
          rows={3}
          value={note}
          onChange={setNote}
          errors={fieldMessages(problems, "note")}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Saving…" : "Change state"}
        </button>
      </form>
      <div
        role={message?.kind === "error" ? "alert" : "status"}
        className={message?.kind === "error" ? "error-message" : message ? "status-message" : "visually-hidden"}
      >
        {message?.text ?? ""}
        {unplaced.length > 0 ? (
          <ul>
            {unplaced.map((p) => (
              <li key={`${p.field}:${p.message}`}>
                {p.field}: {p.message}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </section>
  );
}
