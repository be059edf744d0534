import { AppError, type FieldProblem } from "../../platform/errors/errors.ts";
import { validateCsaf } from "../../standards/csaf/index.ts";
import { validateCveRecord } from "../../standards/cve5/index.ts";
import { validateOsv } from "../../standards/osv/index.ts";
import type { ValidationReport } from "../../standards/result.ts";
import type { AdvisoryDraft, AdvisoryFormat } from "./model.ts";
import type { RenderMeta } from "./render-context.ts";
import { renderCsaf } from "./render-csaf.ts";
import { renderCve5 } from "./render-cve5.ts";
import { renderOsv } from "./render-osv.ts";

/** An advisory's documents by format; `cve5` only when the advisory has a CVE id. */
export type AdvisoryDocuments = Partial<Record<AdvisoryFormat, unknown>>;

const VALIDATORS: Record<AdvisoryFormat, (doc: unknown) => ValidationReport> = {
  csaf: (doc) => validateCsaf(doc, { optional: false }),
  osv: validateOsv,
  cve5: validateCveRecord,
};

/** The errors of one document, as fields named `<format>:<JSON pointer>`. */
export function documentProblems(format: AdvisoryFormat, doc: unknown): FieldProblem[] {
  return VALIDATORS[format](doc).errors.map((e) => ({ field: `${format}:${e.path ?? ""}`, message: e.message }));
}

/** Throws a validation AppError naming the document and field of the first problems of any document. */
export function assertValidDocuments(docs: AdvisoryDocuments): void {
  const problems = (Object.entries(docs) as [AdvisoryFormat, unknown][]).flatMap(([format, doc]) =>
    documentProblems(format, doc),
  );
  if (problems.length === 0) return;
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
  throw new AppError(
    "validation",
    `the ${first.field.split(":")[0]} document is invalid: ${first.field}: ${first.message}${more}`,
    problems,
  );
}

/** Renders every format of a draft and validates each; an invalid document throws (nothing is stored). */
export function renderDocuments(draft: AdvisoryDraft, meta: RenderMeta): AdvisoryDocuments {
  const cve5 = renderCve5(draft, meta);
  const docs: AdvisoryDocuments = {
    csaf: renderCsaf(draft, meta),
    osv: renderOsv(draft, meta),
    ...(cve5 !== undefined && { cve5 }),
  };
  assertValidDocuments(docs);
  return docs;
}
