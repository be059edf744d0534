import { type FormEvent, useId, useState } from "react";
import { useSession } from "../../../app/session-context.ts";
import { Link } from "../../../router.tsx";
import { advisoryPagePath } from "../paths.ts";
import { TLP_LABELS, type TlpLabel } from "../types.ts";
import { publishCase } from "./api.ts";
import { FormField, FormProblem } from "./FormField.tsx";
import type { CaseDetail } from "./types.ts";
import { useAction } from "./use-action.ts";

/**
 * Publication: coordinators publish the case as advisories (CSAF 2.0, OSV, CVE 5), one per
 * vulnerability; publishing ends the embargo and marks the case public. Everyone sees the result.
 */
export function PublishPanel({ detail, onPublished }: { detail: CaseDetail; onPublished: () => Promise<void> }) {
  const { api } = useSession();
  const id = useId();
  const action = useAction();
  const [tlp, setTlp] = useState<TlpLabel>(detail.tlp);
  const [published, setPublished] = useState<string[] | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = await action.run(() => publishCase(api, detail.id, tlp));
    if (!result) return;
    setPublished(result.advisoryIds);
    await onPublished();
  };

  if (!detail.can.publish && !detail.advisoryId) return null;
  const ids = published ?? (detail.advisoryId ? [detail.advisoryId] : []);
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Advisory</h2>
      {ids.length > 0 ? (
        <div role="status" className="status-message">
          <p>Published as:</p>
          <ul className="plain-list">
            {ids.map((advisoryId) => (
              <li key={advisoryId}>
                <Link to={advisoryPagePath(advisoryId)}>{advisoryId}</Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {detail.can.publish ? (
        <form className="form" onSubmit={submit} noValidate>
          <p className="hint">
            Publishing writes one advisory per vulnerability as CSAF 2.0, OSV and (with a CVE id) CVE 5, from the
            affected products and vendor statements above. It ends the embargo and sets “public aware”.
            {ids.length > 0 ? " Publishing again revises the advisories." : ""}
          </p>
          <FormProblem problem={action.problem} fields={["tlp"]} />
          <FormField
            id={`${id}-tlp`}
            label="TLP of the advisory"
            hint="TLP:CLEAR advisories go to the public feeds (OSV API, CSAF provider)."
            error={action.fieldError("tlp")}
          >
            {(control) => (
              <select {...control} name="tlp" value={tlp} onChange={(event) => setTlp(event.target.value as TlpLabel)}>
                {TLP_LABELS.map((label) => (
                  <option key={label} value={label}>
                    TLP:{label}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <button type="submit" className="button" disabled={action.busy}>
            {action.busy ? "Publishing…" : "Publish advisory"}
          </button>
        </form>
      ) : null}
    </section>
  );
}
