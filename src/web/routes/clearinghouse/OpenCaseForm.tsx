import { type FormEvent, useCallback, useId, useState } from "react";
import { ApiError } from "../../api.ts";
import type { FieldProblem } from "../../api-types.ts";
import { useSession } from "../../app/session-context.ts";
import { navigate } from "../../router.tsx";
import { errorText, useLoaded } from "../../use-loaded.ts";
import { openCase } from "./api.ts";
import { listOrgs } from "./cases/api.ts";
import { casePagePath } from "./paths.ts";
import { fieldMessages, unplacedProblems } from "./report-form.ts";
import { TextField } from "./TextField.tsx";
import { isTlpLabel, type ReportDetail, TLP_LABELS, type TlpLabel } from "./types.ts";

/**
 * Opens a coordination case from this report (coordinators): the reporter's organisation joins as
 * reporter, the vendors chosen here as vendors; then the case page opens.
 */
export function OpenCaseForm({ report }: { report: ReportDetail }) {
  const { api } = useSession();
  const id = useId();
  const [title, setTitle] = useState(report.title);
  const [summary, setSummary] = useState(report.description);
  const [tlp, setTlp] = useState<TlpLabel>(isTlpLabel(report.tlp) ? report.tlp : "AMBER");
  const [vendorIds, setVendorIds] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const loadVendors = useCallback(async () => (await listOrgs(api)).filter((org) => org.kind === "vendor"), [api]);
  const { state: vendors } = useLoaded(loadVendors);

  const toggleVendor = (orgId: string, on: boolean) =>
    setVendorIds((current) =>
      on ? [...current.filter((v) => v !== orgId), orgId] : current.filter((v) => v !== orgId),
    );

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setProblems([]);
    try {
      const created = await openCase(api, { title, summary, reportIds: [report.id], tlp, vendorOrgIds: vendorIds });
      navigate(casePagePath(created.id));
    } catch (caught) {
      setProblems(caught instanceof ApiError ? caught.fields : []);
      setError(`The case was not opened: ${errorText(caught)}`);
      setBusy(false);
    }
  };

  const unplaced = unplacedProblems(problems, ["title", "summary"]);
  return (
    <section aria-labelledby={`${id}-title`} className="report-section panel">
      <h2 id={`${id}-title`}>Open a case</h2>
      <p className="hint">
        A case coordinates the fix with vendors. The reporter's organisation joins it, and the report becomes accepted.
      </p>
      <form className="form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
        {error ? (
          <div role="alert" className="error-message">
            <p>{error}</p>
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
        <TextField
          label="Case title"
          value={title}
          onChange={setTitle}
          errors={fieldMessages(problems, "title")}
          required
        />
        <TextField
          label="Case summary"
          rows={4}
          value={summary}
          onChange={setSummary}
          errors={fieldMessages(problems, "summary")}
          required
        />
        <div className="field">
          <label htmlFor={`${id}-tlp`}>Case TLP</label>
          <select
            id={`${id}-tlp`}
            value={tlp}
            onChange={(event) => isTlpLabel(event.target.value) && setTlp(event.target.value)}
          >
            {TLP_LABELS.map((label) => (
              <option key={label} value={label}>
                TLP:{label}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="field">
          <legend>Vendors to involve</legend>
          {vendors.kind === "loading" ? (
            <p aria-busy="true">Loading organisations…</p>
          ) : vendors.kind === "failed" ? (
            <p className="hint">
              The vendor list could not be loaded ({vendors.message}); add vendors on the case page.
            </p>
          ) : vendors.value.length === 0 ? (
            <p className="hint">No vendor organisations are registered.</p>
          ) : (
            vendors.value.map((org) => (
              <div className="checkbox" key={org.id}>
                <input
                  id={`${id}-vendor-${org.id}`}
                  type="checkbox"
                  checked={vendorIds.includes(org.id)}
                  onChange={(event) => toggleVendor(org.id, event.target.checked)}
                />
                <label htmlFor={`${id}-vendor-${org.id}`}>{org.name}</label>
              </div>
            ))
          )}
        </fieldset>
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Opening…" : "Open case"}
        </button>
      </form>
    </section>
  );
}
