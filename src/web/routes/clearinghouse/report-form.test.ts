import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  checkReportForm,
  emptyAffectedRow,
  emptyReportForm,
  fieldMessages,
  heldBackWarning,
  type ReportForm,
  toReportInput,
  unplacedProblems,
} from "./report-form.ts";

const filled = (patch: Partial<ReportForm> = {}): ReportForm => ({
  ...emptyReportForm(),
  title: "XSS in comments",
  description: "Stored XSS",
  affected: [{ ...emptyAffectedRow("purl"), purl: " pkg:npm/acme-portal " }],
  ...patch,
});

describe("report form → POST /api/reports body", () => {
  test("lists are split, ids upper-cased, empty optional parts left out, text sent as written", () => {
    const input = toReportInput(
      filled({
        cwes: "cwe-79, CWE-89  ",
        cveIds: "cve-2026-1234",
        cvss: "CVSS:3.1/AV:N\n\n  CVSS:4.0/AV:N \n",
        impact: " <b> ",
      }),
    );
    assert.deepEqual(input.cwes, ["CWE-79", "CWE-89"]);
    assert.deepEqual(input.cveIds, ["CVE-2026-1234"]);
    assert.deepEqual(input.cvss, ["CVSS:3.1/AV:N", "CVSS:4.0/AV:N"]);
    assert.equal(input.impact, " <b> ");
    assert.deepEqual(input.affected, [{ kind: "purl", purl: "pkg:npm/acme-portal" }]);
    assert.deepEqual(input.disclosure, { alreadyPublic: false, notes: "" });
    assert.equal("credit" in input, false);
    assert.deepEqual(input.provenance, { kind: "human" });
  });

  test("a vendor + product row keeps only its own fields; versions go with any kind", () => {
    const row = { ...emptyAffectedRow("product"), purl: "stale", vendor: "Acme", product: "Router", versions: "< 2.1" };
    assert.deepEqual(toReportInput(filled({ affected: [row] })).affected, [
      { kind: "product", vendor: "Acme", product: "Router", versions: "< 2.1" },
    ]);
  });

  test("AI provenance: the AI facts are sent; an AI-autonomous report without verifier omits it", () => {
    const ai = {
      model: "m",
      modelVersion: "1",
      developerOrg: "Lab",
      runId: "run-1",
      transcriptSha256: ` ${"AB".repeat(32)} `,
    };
    const autonomous = toReportInput(filled({ provenanceKind: "ai_autonomous", ...ai, verifiedBy: " " })).provenance;
    assert.deepEqual(autonomous, { kind: "ai_autonomous", ...ai, transcriptSha256: "ab".repeat(32) });
    const assisted = toReportInput(filled({ provenanceKind: "ai_assisted", ...ai, verifiedBy: "Dana" })).provenance;
    assert.equal(assisted.kind === "ai_assisted" && assisted.verifiedBy, "Dana");
    const human = toReportInput(filled({ ...ai })).provenance;
    assert.deepEqual(human, { kind: "human" }, "AI facts typed before switching back to human are not sent");
  });

  test("credit and the preferred date go only when given", () => {
    const input = toReportInput(filled({ creditName: "Dana", creditPublic: false, preferredDate: "2026-12-01" }));
    assert.deepEqual(input.credit, { name: "Dana", public: false });
    assert.equal(input.disclosure.preferredDate, "2026-12-01");
  });
});

describe("report form checks and field problems", () => {
  test("empty required fields are named by their API path", () => {
    const form = {
      ...emptyReportForm(),
      affected: [emptyAffectedRow("product")],
      provenanceKind: "ai_assisted" as const,
    };
    assert.deepEqual(
      checkReportForm(form).map((p) => p.field),
      [
        "title",
        "description",
        "affected.0.vendor",
        "affected.0.product",
        "provenance.model",
        "provenance.modelVersion",
        "provenance.developerOrg",
        "provenance.runId",
        "provenance.transcriptSha256",
        "provenance.verifiedBy",
      ],
    );
    assert.deepEqual(checkReportForm(filled()), []);
  });

  test("server problems are found at their field, with or without the body. prefix, and none is lost", () => {
    const problems = [
      { field: "body.affected.0.purl", message: "not a valid purl" },
      { field: "affected", message: "at least one" },
      { field: "provenance.model", message: "required" },
      { field: "stack", message: "unexpected" },
    ];
    assert.deepEqual(fieldMessages(problems, "affected.0"), ["not a valid purl"]);
    assert.deepEqual(fieldMessages(problems, "affected"), ["not a valid purl", "at least one"]);
    assert.deepEqual(fieldMessages(problems, "affected", { exact: true }), ["at least one"]);
    assert.deepEqual(fieldMessages(problems, "provenance.model"), ["required"]);
    assert.deepEqual(fieldMessages(problems, "provenance.mod"), [], "a path matches whole segments only");
    assert.deepEqual(unplacedProblems(problems, ["affected", "provenance"]), [problems[3]]);
  });

  test("the held-back rule is said before sending, for AI-autonomous reports only", () => {
    const autonomous = filled({ provenanceKind: "ai_autonomous" });
    assert.match(heldBackWarning(autonomous, 0) ?? "", /reproduction steps or a PoC file and a human verifier/);
    assert.match(heldBackWarning(autonomous, 1) ?? "", /^Without a human verifier/);
    assert.equal(heldBackWarning({ ...autonomous, verifiedBy: "Dana", reproduction: "x".repeat(20) }, 0), null);
    assert.equal(heldBackWarning(filled({ provenanceKind: "ai_assisted" }), 0), null);
  });
});
