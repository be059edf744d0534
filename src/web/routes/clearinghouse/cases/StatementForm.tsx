import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useSession } from "../../../app/session-context.ts";
import { humanize } from "../../../format.ts";
import { affectedName } from "../report-format.ts";
import { putStatement } from "./api.ts";
import { VEX_STATUS_LABELS } from "./case-format.ts";
import { FormField, FormProblem, StatusNote } from "./FormField.tsx";
import { checkStatement, type StatementDraft, type StatementField, statementInput } from "./statement-form.ts";
import { type CaseDetail, VEX_JUSTIFICATIONS, VEX_STATUSES, type VexStatus } from "./types.ts";
import { useAction } from "./use-action.ts";

const FIELDS: readonly StatementField[] = [
  "vulnerabilityId",
  "vendorOrgId",
  "product",
  "status",
  "justification",
  "impactStatement",
  "actionStatement",
  "fixedVersions",
  "workarounds",
];

interface StatementFormProps {
  detail: CaseDetail;
  initial: StatementDraft;
  onChanged: (next: CaseDetail) => void;
  /** Set when the form opens on a statement to revise: keyboard focus moves to it. */
  revising: boolean;
}

/**
 * A vendor's VEX statement about one product: a vendor states for its own organisation, a coordinator
 * for any vendor in the case. Saving the same vulnerability × vendor × product again revises it.
 */
export function StatementForm({ detail, initial, onChanged, revising }: StatementFormProps) {
  const { api } = useSession();
  const id = useId();
  const action = useAction();
  const [draft, setDraft] = useState<StatementDraft>(initial);
  const [localError, setLocalError] = useState<{ field: StatementField; message: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (revising) headingRef.current?.focus();
  }, [revising]);
  const forVendor = detail.can.coordinate;
  const vendors = detail.participants.filter((p) => p.role === "vendor");
  const products = detail.vulnerabilities.find((v) => v.id === draft.vulnerabilityId)?.affected.map(affectedName) ?? [];

  const set = <K extends StatementField>(field: K, value: StatementDraft[K]) =>
    setDraft((current) => ({ ...current, [field]: value }));
  const errorOf = (field: StatementField) =>
    localError?.field === field ? localError.message : action.fieldError(field);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(null);
    const invalid = checkStatement(draft, forVendor);
    setLocalError(invalid);
    if (invalid) return;
    const next = await action.run(() => putStatement(api, detail.id, statementInput(draft, forVendor)));
    if (!next) return;
    onChanged(next);
    setDone(`Statement saved: ${draft.product.trim()} is ${VEX_STATUS_LABELS[draft.status].toLowerCase()}.`);
  };

  return (
    <form className="form statement-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        {revising ? "Revise the statement" : "Vendor statement"}
      </h3>
      <FormProblem problem={action.problem} fields={FIELDS} />
      <FormField id={`${id}-vul`} label="Vulnerability" error={errorOf("vulnerabilityId")}>
        {(control) => (
          <select
            {...control}
            name="vulnerabilityId"
            value={draft.vulnerabilityId}
            onChange={(event) => set("vulnerabilityId", event.target.value)}
          >
            {detail.vulnerabilities.map((vul) => (
              <option key={vul.id} value={vul.id}>
                {vul.cveId ? `${vul.cveId}: ${vul.title}` : vul.title}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {forVendor ? (
        <FormField id={`${id}-vendor`} label="Vendor" error={errorOf("vendorOrgId")}>
          {(control) => (
            <select
              {...control}
              name="vendorOrgId"
              value={draft.vendorOrgId}
              onChange={(event) => set("vendorOrgId", event.target.value)}
            >
              <option value="">Choose a vendor in the case</option>
              {vendors.map((vendor) => (
                <option key={vendor.orgId} value={vendor.orgId}>
                  {vendor.orgName}
                </option>
              ))}
            </select>
          )}
        </FormField>
      ) : null}
      <FormField
        id={`${id}-product`}
        label="Product"
        hint="A purl (pkg:npm/name) or the vendor and product name; pick one the report names or write another."
        error={errorOf("product")}
      >
        {(control) => (
          <>
            <input
              {...control}
              type="text"
              name="product"
              list={`${id}-products`}
              autoComplete="off"
              value={draft.product}
              onChange={(event) => set("product", event.target.value)}
            />
            <datalist id={`${id}-products`}>
              {products.map((product) => (
                <option key={product} value={product} />
              ))}
            </datalist>
          </>
        )}
      </FormField>
      <FormField id={`${id}-status`} label="Status (VEX)" error={errorOf("status")}>
        {(control) => (
          <select
            {...control}
            name="status"
            value={draft.status}
            onChange={(event) => set("status", event.target.value as VexStatus)}
          >
            {VEX_STATUSES.map((status) => (
              <option key={status} value={status}>
                {VEX_STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {draft.status === "not_affected" ? (
        <FormField
          id={`${id}-justification`}
          label="Justification"
          hint="Required for “not affected”: why the product is not affected, in CSAF/VEX terms."
          error={errorOf("justification")}
        >
          {(control) => (
            <select
              {...control}
              name="justification"
              value={draft.justification}
              onChange={(event) => set("justification", event.target.value)}
            >
              <option value="">Choose a justification</option>
              {VEX_JUSTIFICATIONS.map((j) => (
                <option key={j} value={j}>
                  {humanize(j)}
                </option>
              ))}
            </select>
          )}
        </FormField>
      ) : null}
      <FormField
        id={`${id}-impact`}
        label="Impact statement (optional)"
        hint="How the vulnerability affects (or does not affect) this product."
        error={errorOf("impactStatement")}
      >
        {(control) => (
          <textarea
            {...control}
            name="impactStatement"
            rows={2}
            value={draft.impactStatement}
            onChange={(event) => set("impactStatement", event.target.value)}
          />
        )}
      </FormField>
      {draft.status !== "not_affected" ? (
        <FormField
          id={`${id}-action`}
          label={draft.status === "affected" ? "Action statement" : "Action statement (optional)"}
          hint="What users should do, e.g. upgrade to 2.4.1 or apply the workaround."
          error={errorOf("actionStatement")}
        >
          {(control) => (
            <textarea
              {...control}
              name="actionStatement"
              rows={2}
              value={draft.actionStatement}
              onChange={(event) => set("actionStatement", event.target.value)}
            />
          )}
        </FormField>
      ) : null}
      {draft.status === "fixed" ? (
        <FormField
          id={`${id}-fixed`}
          label="Fixed versions"
          hint="The versions that contain the fix, separated by commas."
          error={errorOf("fixedVersions")}
        >
          {(control) => (
            <input
              {...control}
              type="text"
              name="fixedVersions"
              autoComplete="off"
              value={draft.fixedVersions}
              onChange={(event) => set("fixedVersions", event.target.value)}
            />
          )}
        </FormField>
      ) : null}
      <FormField id={`${id}-workarounds`} label="Workarounds (optional)" error={errorOf("workarounds")}>
        {(control) => (
          <textarea
            {...control}
            name="workarounds"
            rows={2}
            value={draft.workarounds}
            onChange={(event) => set("workarounds", event.target.value)}
          />
        )}
      </FormField>
      <button type="submit" className="button" disabled={action.busy}>
        {action.busy ? "Saving…" : "Save statement"}
      </button>
      <StatusNote text={done} />
    </form>
  );
}
