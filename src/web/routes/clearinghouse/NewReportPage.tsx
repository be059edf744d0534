import { type FormEvent, useId, useRef, useState } from "react";
import { ApiError } from "../../api.ts";
import type { FieldProblem } from "../../api-types.ts";
import { useSession } from "../../app/session-context.ts";
import { PageHeading } from "../../components/PageHeading.tsx";
import { Link, navigate } from "../../router.tsx";
import { errorText } from "../../use-loaded.ts";
import { AffectedFields } from "./AffectedFields.tsx";
import { submitReport, uploadAttachment } from "./api.ts";
import { ProvenanceFields } from "./ProvenanceFields.tsx";
import { CLEARINGHOUSE_PATH, reportPagePath } from "./paths.ts";
import {
  checkReportForm,
  emptyReportForm,
  fieldMessages,
  heldBackWarning,
  type ReportForm,
  toReportInput,
  unplacedProblems,
} from "./report-form.ts";
import { TextField } from "./TextField.tsx";
import { isTlpLabel, TLP_LABELS, type TlpLabel } from "./types.ts";

/** Paths the form shows next to a field; any other field problem is listed at the top. */
const PLACED = [
  "title",
  "description",
  "affected",
  "cwes",
  "cveIds",
  "cvss",
  "impact",
  "reproduction",
  "disclosure",
  "credit",
  "provenance",
  "tlp",
];

const TLP_HINTS: Record<TlpLabel, string> = {
  CLEAR: "no limit on disclosure",
  GREEN: "the community, not public",
  AMBER: "recipients' organisations on a need-to-know basis",
  "AMBER+STRICT": "recipients' organisation only",
  RED: "named recipients only",
};

const FIX_FIELDS = "The report was not sent: correct the fields marked below.";

type Outcome =
  | { kind: "editing"; problems: FieldProblem[]; message: string | null }
  | { kind: "attaching"; reportId: string; failures: string[] };

/** The report form: the flaw, affected products, scores' vectors, provenance, disclosure, credit, TLP, files. */
export function NewReportPage() {
  const { api, session } = useSession();
  const id = useId();
  const [form, setForm] = useState<ReportForm>(emptyReportForm);
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ kind: "editing", problems: [], message: null });
  const alertRef = useRef<HTMLDivElement>(null);

  const set = (patch: Partial<ReportForm>) => setForm((current) => ({ ...current, ...patch }));
  const problems = outcome.kind === "editing" ? outcome.problems : [];
  const at = (path: string) => fieldMessages(problems, path);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const missing = checkReportForm(form);
    if (missing.length > 0) {
      setOutcome({ kind: "editing", problems: missing, message: FIX_FIELDS });
      requestAnimationFrame(() => alertRef.current?.focus());
      return;
    }
    setBusy(true);
    let reportId: string;
    try {
      reportId = (await submitReport(api, toReportInput(form))).id;
    } catch (error) {
      setBusy(false);
      const fields = error instanceof ApiError ? error.fields : [];
      setOutcome({
        kind: "editing",
        problems: fields,
        message: fields.length > 0 ? FIX_FIELDS : errorText(error),
      });
      requestAnimationFrame(() => alertRef.current?.focus());
      return;
    }
    // The report exists now; files go one by one, and a file that fails does not undo the report.
    const failures: string[] = [];
    for (const file of files) {
      try {
        await uploadAttachment(session.csrfToken, reportId, file);
      } catch (error) {
        failures.push(`${file.name}: ${errorText(error)}`);
      }
    }
    setBusy(false);
    if (failures.length === 0) {
      navigate(reportPagePath(reportId));
      return;
    }
    setOutcome({ kind: "attaching", reportId, failures });
    requestAnimationFrame(() => alertRef.current?.focus());
  };

  if (outcome.kind === "attaching") {
    return (
      <>
        <PageHeading title="Report submitted" />
        <div ref={alertRef} tabIndex={-1} role="alert" className="error-message">
          <p>The report was submitted, but these files could not be attached:</p>
          <ul>
            {outcome.failures.map((failure) => (
              <li key={failure}>{failure}</li>
            ))}
          </ul>
        </div>
        <p>
          <Link to={reportPagePath(outcome.reportId)}>Open the report</Link> to attach them again.
        </p>
      </>
    );
  }

  const unplaced = unplacedProblems(problems, PLACED);
  const warning = heldBackWarning(form, files.length);
  return (
    <>
      <PageHeading title="Submit a vulnerability report" />
      <p className="lead">
        Your organisation and the clearinghouse coordinators see the report. Scores (CVSS, SSVC) are computed by the
        server from what you send.
      </p>
      <p>
        <Link to={CLEARINGHOUSE_PATH}>Back to the clearinghouse</Link>
      </p>
      <form className="form form-wide" onSubmit={submit} noValidate aria-label="Vulnerability report">
        {outcome.message ? (
          <div ref={alertRef} tabIndex={-1} role="alert" className="error-message">
            <p>{outcome.message}</p>
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
        ) : null}
        <fieldset className="form-section">
          <legend>The vulnerability</legend>
          <TextField
            label="Title"
            value={form.title}
            onChange={(title) => set({ title })}
            errors={at("title")}
            required
          />
          <TextField
            label="Description"
            hint="What is wrong and where. Plain text; it is shown exactly as written."
            rows={8}
            value={form.description}
            onChange={(description) => set({ description })}
            errors={at("description")}
            required
          />
          <TextField
            label="Impact"
            hint="What an attacker gains."
            rows={4}
            value={form.impact}
            onChange={(impact) => set({ impact })}
            errors={at("impact")}
          />
          <TextField
            label="Reproduction steps"
            hint="Steps that show the flaw (or attach a proof of concept below)."
            rows={6}
            value={form.reproduction}
            onChange={(reproduction) => set({ reproduction })}
            errors={at("reproduction")}
          />
        </fieldset>
        <AffectedFields rows={form.affected} problems={problems} onChange={(affected) => set({ affected })} />
        <fieldset className="form-section">
          <legend>Classification</legend>
          <TextField
            label="CWE"
            hint="CWE ids separated by commas, e.g. CWE-79, CWE-89."
            value={form.cwes}
            onChange={(cwes) => set({ cwes })}
            errors={at("cwes")}
          />
          <TextField
            label="CVE ids"
            hint="If the flaw already has CVE ids, separated by commas. Known-exploited (KEV) CVEs are flagged."
            value={form.cveIds}
            onChange={(cveIds) => set({ cveIds })}
            errors={at("cveIds")}
          />
          <TextField
            label="CVSS vectors"
            hint="CVSS 3.1 or 4.0 vectors, one a line, e.g. CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H. The server computes the scores."
            rows={2}
            value={form.cvss}
            onChange={(cvss) => set({ cvss })}
            errors={at("cvss")}
          />
        </fieldset>
        <ProvenanceFields value={form} problems={problems} onChange={set} />
        {warning ? (
          <p className="note" role="status">
            {warning}
          </p>
        ) : null}
        <fieldset className="form-section">
          <legend>Disclosure and credit</legend>
          <TextField
            label="Preferred disclosure date"
            hint="The day (UTC) you would like the flaw made public."
            type="date"
            value={form.preferredDate}
            onChange={(preferredDate) => set({ preferredDate })}
            errors={at("disclosure.preferredDate")}
          />
          <div className="checkbox">
            <input
              id={`${id}-public`}
              type="checkbox"
              checked={form.alreadyPublic}
              onChange={(event) => set({ alreadyPublic: event.target.checked })}
            />
            <label htmlFor={`${id}-public`}>The flaw is already public</label>
          </div>
          <TextField
            label="Disclosure notes"
            rows={3}
            value={form.disclosureNotes}
            onChange={(disclosureNotes) => set({ disclosureNotes })}
            errors={[...fieldMessages(problems, "disclosure", { exact: true }), ...at("disclosure.notes")]}
          />
          <TextField
            label="Credit"
            hint="The name to credit in the advisory; leave empty for none."
            value={form.creditName}
            onChange={(creditName) => set({ creditName })}
            errors={at("credit")}
          />
          <div className="checkbox">
            <input
              id={`${id}-credit-public`}
              type="checkbox"
              checked={form.creditPublic}
              disabled={form.creditName.trim() === ""}
              onChange={(event) => set({ creditPublic: event.target.checked })}
            />
            <label htmlFor={`${id}-credit-public`}>Credit publicly</label>
          </div>
        </fieldset>
        <fieldset className="form-section">
          <legend>Sharing and files</legend>
          <div className="field">
            <label htmlFor={`${id}-tlp`}>TLP marking</label>
            <select
              id={`${id}-tlp`}
              value={form.tlp}
              onChange={(event) => isTlpLabel(event.target.value) && set({ tlp: event.target.value })}
              aria-describedby={at("tlp").length > 0 ? `${id}-tlp-error` : undefined}
            >
              {TLP_LABELS.map((tlp) => (
                <option key={tlp} value={tlp}>
                  TLP:{tlp} – {TLP_HINTS[tlp]}
                </option>
              ))}
            </select>
            {at("tlp").length > 0 ? (
              <span className="field-error" id={`${id}-tlp-error`} role="alert">
                {at("tlp").join(" ")}
              </span>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor={`${id}-files`}>Attachments</label>
            <span className="hint" id={`${id}-files-hint`}>
              Proofs of concept, logs, traces. Uploaded after the report is created, stored by SHA-256 and always
              offered as downloads, never opened in the browser.
            </span>
            <input
              id={`${id}-files`}
              type="file"
              multiple
              aria-describedby={`${id}-files-hint`}
              onChange={(event) => setFiles(Array.from(event.target.files ?? []))}
            />
          </div>
        </fieldset>
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Submitting…" : "Submit report"}
        </button>
      </form>
    </>
  );
}
