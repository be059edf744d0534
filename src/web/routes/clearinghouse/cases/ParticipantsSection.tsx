import { type FormEvent, useEffect, useId, useState } from "react";
import type { Org } from "../../../api-types.ts";
import { useSession } from "../../../app/session-context.ts";
import { formatUtc, humanize, orgKindLabel } from "../../../format.ts";
import { errorText } from "../../../use-loaded.ts";
import { addParticipant, listOrgs } from "./api.ts";
import { defaultRoleFor, ROLE_LABELS } from "./case-format.ts";
import { FormField, FormProblem, StatusNote } from "./FormField.tsx";
import { type CaseDetail, PARTICIPANT_ROLES, type ParticipantRole } from "./types.ts";
import { useAction } from "./use-action.ts";

interface SectionProps {
  detail: CaseDetail;
  onChanged: (next: CaseDetail) => void;
}

/** Coordinators add an organisation, chosen among every organisation not yet in the case. */
function AddParticipantForm({ detail, onChanged }: SectionProps) {
  const { api } = useSession();
  const id = useId();
  const action = useAction();
  const [orgs, setOrgs] = useState<Org[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [orgId, setOrgId] = useState("");
  const [role, setRole] = useState<ParticipantRole>("vendor");
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    listOrgs(api).then(setOrgs, (error: unknown) => setLoadError(errorText(error)));
  }, [api]);

  const inCase = new Set(detail.participants.map((p) => p.orgId));
  const choices = (orgs ?? []).filter((org) => !inCase.has(org.id));

  const chooseOrg = (value: string) => {
    setOrgId(value);
    const org = choices.find((o) => o.id === value);
    if (org) setRole(defaultRoleFor(org.kind));
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(null);
    if (orgId === "") {
      action.setProblem({
        message: "Choose an organisation",
        fields: [{ field: "orgId", message: "Choose an organisation" }],
      });
      return;
    }
    const name = choices.find((o) => o.id === orgId)?.name ?? orgId;
    const next = await action.run(() => addParticipant(api, detail.id, orgId, role));
    if (!next) return;
    onChanged(next);
    setOrgId("");
    setDone(`${name} joined the case as ${ROLE_LABELS[role].toLowerCase()}.`);
  };

  if (loadError) {
    return (
      <p role="alert" className="error-message">
        The organisations could not be loaded: {loadError}
      </p>
    );
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Add a participant</h3>
      <FormProblem problem={action.problem} fields={["orgId", "role"]} />
      <FormField id={`${id}-org`} label="Organisation" error={action.fieldError("orgId")}>
        {(control) => (
          <select {...control} name="orgId" value={orgId} onChange={(event) => chooseOrg(event.target.value)}>
            <option value="">{orgs === null ? "Loading organisations…" : "Choose an organisation"}</option>
            {choices.map((org) => (
              <option key={org.id} value={org.id}>
                {org.name} ({orgKindLabel(org.kind)})
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField
        id={`${id}-role`}
        label="Role in the case"
        hint="Vendors state VEX status; operators observe (read and message)."
        error={action.fieldError("role")}
      >
        {(control) => (
          <select
            {...control}
            name="role"
            value={role}
            onChange={(event) => setRole(event.target.value as ParticipantRole)}
          >
            {PARTICIPANT_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <button type="submit" className="button" disabled={action.busy}>
        Add participant
      </button>
      <StatusNote text={done} />
    </form>
  );
}

/** The organisations in the case, each with its role and its own report state (CERT/CC). */
export function ParticipantsSection({ detail, onChanged }: SectionProps) {
  const id = useId();
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Participants</h2>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">Organisations in this case</caption>
          <thead>
            <tr>
              <th scope="col">Organisation</th>
              <th scope="col">Role</th>
              <th scope="col">Report state</th>
              <th scope="col">Joined</th>
            </tr>
          </thead>
          <tbody>
            {detail.participants.map((p) => (
              <tr key={`${p.orgId}-${p.role}`}>
                <th scope="row">
                  {p.orgName} <span className="hint">({orgKindLabel(p.orgKind)})</span>
                </th>
                <td>{ROLE_LABELS[p.role] ?? p.role}</td>
                <td>
                  <span className={`report-state report-state-${p.reportState}`}>{humanize(p.reportState)}</span>
                </td>
                <td>{formatUtc(p.addedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {detail.can.coordinate ? <AddParticipantForm detail={detail} onChanged={onChanged} /> : null}
    </section>
  );
}
