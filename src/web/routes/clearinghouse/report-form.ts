import type { FieldProblem } from "../../api-types.ts";
import type { Affected, ProvenanceKind, ReportInput, TlpLabel } from "./types.ts";

/** The report form's state and its translation into the API body, apart from the markup. */

export interface AffectedRow {
  /** Stable React key of the row (rows can be removed from the middle). */
  key: number;
  kind: Affected["kind"];
  purl: string;
  cpe: string;
  vendor: string;
  product: string;
  versions: string;
}

export interface ReportForm {
  title: string;
  description: string;
  affected: AffectedRow[];
  /** CWE ids separated by commas or spaces, e.g. `CWE-79, CWE-89`. */
  cwes: string;
  /** CVE ids separated by commas or spaces. */
  cveIds: string;
  /** CVSS 3.1 or 4.0 vectors, one a line. */
  cvss: string;
  impact: string;
  reproduction: string;
  preferredDate: string;
  alreadyPublic: boolean;
  disclosureNotes: string;
  creditName: string;
  creditPublic: boolean;
  tlp: TlpLabel;
  provenanceKind: ProvenanceKind;
  model: string;
  modelVersion: string;
  developerOrg: string;
  runId: string;
  transcriptSha256: string;
  verifiedBy: string;
}

let nextRowKey = 1;

export function emptyAffectedRow(kind: Affected["kind"] = "purl"): AffectedRow {
  return { key: nextRowKey++, kind, purl: "", cpe: "", vendor: "", product: "", versions: "" };
}

export function emptyReportForm(): ReportForm {
  return {
    title: "",
    description: "",
    affected: [emptyAffectedRow()],
    cwes: "",
    cveIds: "",
    cvss: "",
    impact: "",
    reproduction: "",
    preferredDate: "",
    alreadyPublic: false,
    disclosureNotes: "",
    creditName: "",
    creditPublic: true,
    tlp: "AMBER",
    provenanceKind: "human",
    model: "",
    modelVersion: "",
    developerOrg: "",
    runId: "",
    transcriptSha256: "",
    verifiedBy: "",
  };
}

const words = (text: string) => text.split(/[\s,]+/).filter(Boolean);
const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

function toAffected(row: AffectedRow): Affected {
  const versions = row.versions.trim() === "" ? {} : { versions: row.versions.trim() };
  if (row.kind === "purl") return { kind: "purl", purl: row.purl.trim(), ...versions };
  if (row.kind === "cpe") return { kind: "cpe", cpe: row.cpe.trim(), ...versions };
  return { kind: "product", vendor: row.vendor, product: row.product, ...versions };
}

/**
 * The POST /api/reports body. Text is sent as written (the server trims and checks it and names any
 * bad field); empty optional parts are left out, and the AI facts go only with an AI provenance.
 */
export function toReportInput(form: ReportForm): ReportInput {
  const ai = {
    model: form.model,
    modelVersion: form.modelVersion,
    developerOrg: form.developerOrg,
    runId: form.runId,
    transcriptSha256: form.transcriptSha256.trim().toLowerCase(),
  };
  const provenance: ReportInput["provenance"] =
    form.provenanceKind === "human"
      ? { kind: "human" }
      : form.provenanceKind === "ai_assisted"
        ? { kind: "ai_assisted", ...ai, verifiedBy: form.verifiedBy }
        : { kind: "ai_autonomous", ...ai, ...(form.verifiedBy.trim() === "" ? {} : { verifiedBy: form.verifiedBy }) };
  return {
    title: form.title,
    description: form.description,
    affected: form.affected.map(toAffected),
    cwes: words(form.cwes).map((c) => c.toUpperCase()),
    cveIds: words(form.cveIds).map((c) => c.toUpperCase()),
    cvss: lines(form.cvss),
    impact: form.impact,
    reproduction: form.reproduction,
    disclosure: {
      ...(form.preferredDate ? { preferredDate: form.preferredDate } : {}),
      alreadyPublic: form.alreadyPublic,
      notes: form.disclosureNotes,
    },
    ...(form.creditName.trim() === "" ? {} : { credit: { name: form.creditName, public: form.creditPublic } }),
    provenance,
    tlp: form.tlp,
  };
}

/**
 * Required fields left empty, with messages that say what to enter. The server checks everything
 * again (and more); this only spares a round trip and its terser wording.
 */
export function checkReportForm(form: ReportForm): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const need = (field: string, value: string, message: string) => {
    if (value.trim() === "") problems.push({ field, message });
  };
  need("title", form.title, "Enter a title.");
  need("description", form.description, "Describe the vulnerability.");
  form.affected.forEach((row, index) => {
    const at = `affected.${index}`;
    if (row.kind === "purl") need(`${at}.purl`, row.purl, "Enter the package URL.");
    else if (row.kind === "cpe") need(`${at}.cpe`, row.cpe, "Enter the CPE name.");
    else {
      need(`${at}.vendor`, row.vendor, "Enter the vendor.");
      need(`${at}.product`, row.product, "Enter the product.");
    }
  });
  if (form.provenanceKind !== "human") {
    need("provenance.model", form.model, "Name the model.");
    need("provenance.modelVersion", form.modelVersion, "Enter the model's version.");
    need("provenance.developerOrg", form.developerOrg, "Name the model's developer.");
    need("provenance.runId", form.runId, "Enter the run id.");
    need("provenance.transcriptSha256", form.transcriptSha256, "Enter the transcript's SHA-256.");
    if (form.provenanceKind === "ai_assisted")
      need("provenance.verifiedBy", form.verifiedBy, "Name the person who verified the finding.");
  }
  return problems;
}

/**
 * The messages of the server's field problems at `path` or (unless `exact`) below it: `affected.0`
 * collects `affected.0.purl`. Zod-checked bodies name fields with a `body.` prefix, service checks without.
 */
export function fieldMessages(
  problems: readonly FieldProblem[],
  path: string,
  options: { exact?: boolean } = {},
): string[] {
  return problems
    .filter((p) => {
      const field = p.field.startsWith("body.") ? p.field.slice(5) : p.field;
      return field === path || (!options.exact && field.startsWith(`${path}.`));
    })
    .map((p) => p.message);
}

/** Field problems the form shows nowhere next to a field, so that none is lost. */
export function unplacedProblems(problems: readonly FieldProblem[], placed: readonly string[]): FieldProblem[] {
  return problems.filter((p) => placed.every((path) => fieldMessages([p], path).length === 0));
}

/**
 * What the server will decide from the provenance, said before sending: AI-autonomous reports
 * without a reproducer (steps of 20+ characters, or a file) and a human verifier are held back.
 */
export function heldBackWarning(form: ReportForm, fileCount: number): string | null {
  if (form.provenanceKind !== "ai_autonomous") return null;
  const missing: string[] = [];
  if (form.reproduction.trim().length < 20 && fileCount === 0) missing.push("reproduction steps or a PoC file");
  if (form.verifiedBy.trim() === "") missing.push("a human verifier");
  return missing.length === 0
    ? null
    : `Without ${missing.join(" and ")}, this AI-autonomous report will be held back as incomplete.`;
}
