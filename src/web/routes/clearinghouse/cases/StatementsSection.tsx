import { useId, useState } from "react";
import { useSession } from "../../../app/session-context.ts";
import { formatUtc, humanize } from "../../../format.ts";
import { affectedName } from "../report-format.ts";
import { VEX_STATUS_LABELS } from "./case-format.ts";
import { StatementForm } from "./StatementForm.tsx";
import { draftOf, emptyDraft, type StatementDraft } from "./statement-form.ts";
import type { CaseDetail, Statement } from "./types.ts";

interface SectionProps {
  detail: CaseDetail;
  onChanged: (next: CaseDetail) => void;
}

/** The statement's words, each under its VEX name; a dash when it has none. */
function StatementDetails({ statement: s }: { statement: Statement }) {
  const parts = [
    ["Justification", s.justification ? humanize(s.justification) : null],
    ["Impact", s.impactStatement],
    ["Action", s.actionStatement],
    ["Workarounds", s.workarounds || null],
  ].filter((part): part is [string, string] => part[1] !== null);
  if (parts.length === 0) return "—";
  return (
    <dl className="statement-details">
      {parts.map(([label, text]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd className="prose">{text}</dd>
        </div>
      ))}
    </dl>
  );
}

const statementKey = (s: Statement) => `${s.vulnerabilityId}|${s.vendorOrgId}|${s.product}`;

/**
 * Vendor statements, vulnerability × vendor × product, in VEX terms. Before publication the server
 * shows a vendor only its own statements; coordinators see them all.
 */
export function StatementsSection({ detail, onChanged }: SectionProps) {
  const { session } = useSession();
  const id = useId();
  const vulTitle = new Map(detail.vulnerabilities.map((v) => [v.id, v.cveId ?? v.title]));
  const firstVul = detail.vulnerabilities[0];
  const ownOrgId = session.user.org.id;
  const mayEdit = (s: Statement) => detail.can.coordinate || (detail.can.state && s.vendorOrgId === ownOrgId);
  const blank = (): StatementDraft =>
    emptyDraft(
      firstVul?.id ?? "",
      detail.can.coordinate ? (detail.participants.find((p) => p.role === "vendor")?.orgId ?? "") : ownOrgId,
      firstVul?.affected[0] ? affectedName(firstVul.affected[0]) : "",
    );
  const [editing, setEditing] = useState<{ key: string; draft: StatementDraft }>(() => ({
    key: "new",
    draft: blank(),
  }));

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Vendor statements</h2>
      {detail.statements.length === 0 ? (
        <p>No vendor has made a statement yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="table statement-table">
            <caption className="visually-hidden">Vendor statements by vulnerability, vendor and product</caption>
            <thead>
              <tr>
                <th scope="col">Vulnerability</th>
                <th scope="col">Vendor</th>
                <th scope="col">Product</th>
                <th scope="col">Status</th>
                <th scope="col">Fixed in</th>
                <th scope="col">Justification, impact, action, workarounds</th>
                <th scope="col">Updated</th>
                <th scope="col">
                  <span className="visually-hidden">Edit</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {detail.statements.map((s) => (
                <tr key={statementKey(s)}>
                  <td>{vulTitle.get(s.vulnerabilityId) ?? s.vulnerabilityId}</td>
                  <td>{s.vendorOrgName}</td>
                  <th scope="row">
                    <code>{s.product}</code>
                  </th>
                  <td>
                    <span className={`vex vex-${s.status}`}>{VEX_STATUS_LABELS[s.status] ?? s.status}</span>
                  </td>
                  <td>{s.fixedVersions.length > 0 ? s.fixedVersions.join(", ") : "—"}</td>
                  <td>
                    <StatementDetails statement={s} />
                  </td>
                  <td>
                    {formatUtc(s.updatedAt)}
                    <span className="hint"> by {s.updatedBy}</span>
                  </td>
                  <td className="actions">
                    {mayEdit(s) ? (
                      <button
                        type="button"
                        className="button button-secondary"
                        onClick={() => setEditing({ key: statementKey(s), draft: draftOf(s) })}
                      >
                        Edit<span className="visually-hidden"> the statement on {s.product}</span>
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {detail.can.state && firstVul ? (
        <StatementForm
          key={editing.key}
          detail={detail}
          initial={editing.draft}
          onChanged={onChanged}
          revising={editing.key !== "new"}
        />
      ) : null}
    </section>
  );
}
