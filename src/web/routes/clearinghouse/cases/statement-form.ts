import type { Statement, StatementInput, VexStatus } from "./types.ts";

/** The statement form's values (all text, as the inputs hold them) and its checks, apart from its markup. */
export interface StatementDraft {
  vulnerabilityId: string;
  vendorOrgId: string;
  product: string;
  status: VexStatus;
  justification: string;
  impactStatement: string;
  actionStatement: string;
  fixedVersions: string;
  workarounds: string;
}

export type StatementField = keyof StatementDraft;

export const emptyDraft = (vulnerabilityId: string, vendorOrgId: string, product: string): StatementDraft => ({
  vulnerabilityId,
  vendorOrgId,
  product,
  status: "under_investigation",
  justification: "",
  impactStatement: "",
  actionStatement: "",
  fixedVersions: "",
  workarounds: "",
});

/** A stored statement back in the form, to revise it. */
export const draftOf = (s: Statement): StatementDraft => ({
  vulnerabilityId: s.vulnerabilityId,
  vendorOrgId: s.vendorOrgId,
  product: s.product,
  status: s.status,
  justification: s.justification ?? "",
  impactStatement: s.impactStatement ?? "",
  actionStatement: s.actionStatement ?? "",
  fixedVersions: s.fixedVersions.join(", "),
  workarounds: s.workarounds,
});

const list = (value: string) =>
  value
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");

/**
 * The VEX rules the server also enforces: the first broken one, by field, or null. A coordinator
 * (`forVendor`) must say which vendor the statement is for.
 */
export function checkStatement(
  draft: StatementDraft,
  forVendor: boolean,
): { field: StatementField; message: string } | null {
  if (draft.vulnerabilityId === "") return { field: "vulnerabilityId", message: "Choose the vulnerability" };
  if (forVendor && draft.vendorOrgId === "") return { field: "vendorOrgId", message: "Choose the vendor" };
  if (draft.product.trim() === "")
    return { field: "product", message: "Name the product (a purl, or vendor and product)" };
  if (draft.status === "not_affected" && draft.justification === "")
    return { field: "justification", message: "A “not affected” statement needs a justification" };
  if (draft.status === "affected" && draft.actionStatement.trim() === "")
    return { field: "actionStatement", message: "Say what users of an affected product should do" };
  if (draft.status === "fixed" && list(draft.fixedVersions).length === 0)
    return { field: "fixedVersions", message: "Name the version(s) with the fix" };
  return null;
}

/**
 * The request body: only the fields that belong to the status are sent (a justification only for
 * `not_affected`, say), and `vendorOrgId` only when a coordinator states for a vendor.
 */
export function statementInput(draft: StatementDraft, forVendor: boolean): StatementInput {
  const optional = (value: string) => (value.trim() === "" ? undefined : value.trim());
  return {
    vulnerabilityId: draft.vulnerabilityId,
    ...(forVendor ? { vendorOrgId: draft.vendorOrgId } : {}),
    product: draft.product.trim(),
    status: draft.status,
    ...(draft.status === "not_affected" ? { justification: draft.justification } : {}),
    impactStatement: optional(draft.impactStatement),
    actionStatement: draft.status === "not_affected" ? undefined : optional(draft.actionStatement),
    fixedVersions: draft.status === "fixed" ? list(draft.fixedVersions) : [],
    workarounds: draft.workarounds.trim(),
  };
}
