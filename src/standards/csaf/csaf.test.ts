import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { emitCsaf, parseCsaf, parseCsafJson } from "./codec.ts";
import type { CsafDocument } from "./document-types.ts";
import { csafFilename } from "./filename.ts";
import { sampleAdvisory, sampleVex } from "./testdata/index.ts";
import { validateCsaf } from "./validate.ts";
import type { CvssV3 } from "./vulnerability-types.ts";

/** Asserts that the mutated document is rejected for exactly the spec test `id` (among possibly others). */
function assertError(id: string, doc: CsafDocument): void {
  const report = validateCsaf(doc);
  assert.equal(report.valid, false, `expected test ${id} to fail`);
  assert.ok(
    report.errors.some((e) => e.test === id),
    `expected an error of test ${id}, got ${JSON.stringify(report.errors)}`,
  );
}

function assertWarning(id: string, doc: CsafDocument): void {
  const report = validateCsaf(doc);
  assert.ok(
    report.warnings.some((w) => w.test === id),
    `expected a warning of test ${id}, got ${JSON.stringify(report.warnings)}`,
  );
}

function advisory(mutate: (doc: CsafDocument) => void): CsafDocument {
  const doc = sampleAdvisory();
  mutate(doc);
  return doc;
}

function vex(mutate: (doc: CsafDocument) => void): CsafDocument {
  const doc = sampleVex();
  mutate(doc);
  return doc;
}

const vuln = (doc: CsafDocument) => doc.vulnerabilities![0]!;
const cvss3 = (doc: CsafDocument) => vuln(doc).scores![0]!.cvss_v3!;

describe("parseCsaf / emitCsaf", () => {
  it("accepts a schema-valid document and returns it", () => {
    const doc = sampleAdvisory();
    const parsed = parseCsaf(doc);
    assert.ok(parsed.ok);
    assert.equal(parsed.value, doc);
  });

  it("names the first schema violation", () => {
    const parsed = parseCsaf({ document: { csaf_version: "2.0" } });
    assert.ok(!parsed.ok);
    assert.equal(parsed.error.code, "csaf.schema");
    assert.equal(parsed.error.path, "/document/category");
  });

  it("rejects non-JSON text with csaf.invalid_json", () => {
    const parsed = parseCsafJson("{ not json");
    assert.ok(!parsed.ok);
    assert.equal(parsed.error.code, "csaf.invalid_json");
  });

  it("emits sorted keys, stable text, and round-trips", () => {
    const doc = sampleVex();
    const shuffled = { vulnerabilities: doc.vulnerabilities, product_tree: doc.product_tree, document: doc.document };
    const text = emitCsaf(shuffled);
    assert.equal(text, emitCsaf(doc));
    assert.ok(text.indexOf('"document"') < text.indexOf('"product_tree"'));
    const back = parseCsafJson(text);
    assert.ok(back.ok);
    assert.deepEqual(back.value, doc);
  });
});

describe("validateCsaf", () => {
  it("passes the samples without errors or warnings", () => {
    for (const doc of [sampleAdvisory(), sampleVex()]) {
      assert.deepEqual(validateCsaf(doc), { valid: true, errors: [], warnings: [] });
    }
  });

  it("reports only schema errors for a value that fails the schema", () => {
    const report = validateCsaf({ document: {} });
    assert.equal(report.valid, false);
    assert.ok(report.errors.every((e) => e.test === "schema" && e.code === "csaf.schema"));
  });

  it("attributes schema violations inside a CVSS object to 6.1.8", () => {
    const doc = advisory((d) => {
      delete (cvss3(d) as Partial<CvssV3>).baseSeverity;
    });
    const report = validateCsaf(doc);
    assert.ok(report.errors.some((e) => e.test === "6.1.8" && e.code === "csaf.invalid_cvss"));
  });

  it("skips the optional tests on request", () => {
    const doc = advisory((d) => {
      delete d.document.lang;
    });
    assert.equal(validateCsaf(doc, { optional: false }).warnings.length, 0);
    assertWarning("6.2.12", doc);
  });

  const mandatory: [string, CsafDocument][] = [
    ["6.1.1", advisory((d) => vuln(d).product_status!.fixed!.push("CSAFPID-9999"))],
    [
      "6.1.2",
      advisory((d) => {
        d.product_tree!.full_product_names = [{ name: "Twin", product_id: "CSAFPID-0001" }];
      }),
    ],
    [
      "6.1.3",
      advisory((d) => {
        d.product_tree!.relationships = [
          {
            category: "installed_on",
            full_product_name: { name: "Loop", product_id: "CSAFPID-0003" },
            product_reference: "CSAFPID-0001",
            relates_to_product_reference: "CSAFPID-0003",
          },
        ];
      }),
    ],
    ["6.1.4", advisory((d) => (vuln(d).remediations![0]!.group_ids = ["CSAFGID-0404"]))],
    [
      "6.1.5",
      advisory((d) => {
        const group = { group_id: "CSAFGID-1", product_ids: ["CSAFPID-0001", "CSAFPID-0002"] };
        d.product_tree!.product_groups = [group, { ...group }];
      }),
    ],
    ["6.1.6", advisory((d) => (vuln(d).product_status!.known_not_affected = ["CSAFPID-0001"]))],
    ["6.1.7", advisory((d) => vuln(d).scores!.push(structuredClone(vuln(d).scores![0]!)))],
    ["6.1.8", advisory((d) => (cvss3(d).vectorString = "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L"))],
    ["6.1.9", advisory((d) => (cvss3(d).baseScore = 6.2))],
    ["6.1.10", advisory((d) => (cvss3(d).attackVector = "LOCAL"))],
    ["6.1.11", advisory((d) => (vuln(d).cwe!.name = "Improper Input Validation"))],
    ["6.1.12", advisory((d) => (d.document.lang = "EZ"))],
    [
      "6.1.13",
      advisory((d) => {
        d.product_tree!.full_product_names = [
          { name: "X", product_id: "CSAFPID-0003", product_identification_helper: { purl: "pkg:maven/@1.3.4" } },
        ];
      }),
    ],
    ["6.1.14", advisory((d) => (d.document.tracking.revision_history[1]!.date = "2024-04-30T10:00:00.000Z"))],
    ["6.1.15", advisory((d) => (d.document.publisher = { ...d.document.publisher, category: "translator" }))],
    ["6.1.16", advisory((d) => (d.document.tracking.version = "1"))],
    ["6.1.17", advisory((d) => (d.document.tracking.version = "0"))],
    ["6.1.18", advisory((d) => (d.document.tracking.revision_history[0]!.number = "0"))],
    ["6.1.19", advisory((d) => (d.document.tracking.revision_history[0]!.number = "1.0.0-rc"))],
    ["6.1.20", advisory((d) => (d.document.tracking.version = "2.0.0-rc.1"))],
    ["6.1.21", advisory((d) => (d.document.tracking.revision_history[1]!.number = "3"))],
    ["6.1.22", advisory((d) => (d.document.tracking.revision_history[1]!.number = "1"))],
    ["6.1.23", advisory((d) => d.vulnerabilities!.push({ cve: "CVE-2024-0001", notes: vuln(d).notes }))],
    [
      "6.1.24",
      advisory((d) => {
        const date = "2024-05-01T10:00:00Z";
        vuln(d).involvements = [
          { date, party: "vendor", status: "completed" },
          { date: "2024-05-01T12:00:00+02:00", party: "vendor", status: "in_progress" },
        ];
      }),
    ],
    ["6.1.26", advisory((d) => (d.document.category = "csafsecurityadvisory"))],
    ["6.1.26", advisory((d) => (d.document.category = "Security\u2014Advisory"))],
    [
      "6.1.27.1",
      advisory((d) => {
        d.document.category = "csaf_informational_advisory";
        delete d.document.notes;
      }),
    ],
    ["6.1.27.2", advisory((d) => (d.document.category = "csaf_security_incident_response"))],
    ["6.1.27.3", advisory((d) => (d.document.category = "csaf_informational_advisory"))],
    ["6.1.27.4", vex((d) => delete d.product_tree)],
    ["6.1.27.5", vex((d) => delete vuln(d).notes)],
    ["6.1.27.6", advisory((d) => delete vuln(d).product_status)],
    ["6.1.27.7", vex((d) => (vuln(d).product_status = { recommended: ["CSAFPID-0002"] }))],
    ["6.1.27.8", vex((d) => delete vuln(d).cve)],
    ["6.1.27.9", vex((d) => delete vuln(d).flags)],
    ["6.1.27.10", vex((d) => delete vuln(d).remediations)],
    ["6.1.27.11", vex((d) => delete d.vulnerabilities)],
    ["6.1.28", advisory((d) => (d.document.source_lang = "EN"))],
    ["6.1.29", advisory((d) => delete vuln(d).remediations![0]!.product_ids)],
    ["6.1.30", advisory((d) => (d.document.tracking.revision_history[0]!.number = "1.0.0"))],
    [
      "6.1.31",
      advisory((d) => {
        d.product_tree!.branches![0]!.branches![0]!.branches![0]!.name = "1.0.0 and earlier";
      }),
    ],
    ["6.1.32", vex((d) => delete vuln(d).flags![0]!.product_ids)],
    ["6.1.33", vex((d) => vuln(d).flags!.push({ label: "component_not_present", product_ids: ["CSAFPID-0002"] }))],
  ];
  for (const [id, doc] of mandatory) {
    it(`reports mandatory test ${id}`, () => assertError(id, doc));
  }

  it("orders revisions of one date by number and compares dates beyond milliseconds", () => {
    const tied = advisory((d) => {
      const [first, second] = d.document.tracking.revision_history;
      second!.date = first!.date;
      d.document.tracking.revision_history.reverse();
    });
    assert.deepEqual(validateCsaf(tied, { optional: false }).errors, []);
    const fine = advisory((d) => {
      d.document.tracking.revision_history[0]!.date = "2024-05-02T10:00:00.00010Z";
    });
    assertError("6.1.14", fine);
  });

  it("accepts CWE names of the project catalogue and of the newer CWE list", () => {
    for (const cwe of [
      { id: "CWE-1427", name: "Improper Neutralization of Input Used for LLM Prompting" },
      { id: "CWE-28", name: "Path Traversal: '..\\filedir'" },
      { id: "CWE-28", name: "Path Traversal: '..filedir'" },
    ]) {
      assert.equal(validateCsaf(advisory((d) => (vuln(d).cwe = cwe))).valid, true, cwe.name);
    }
    assertError(
      "6.1.11",
      advisory((d) => (vuln(d).cwe = { id: "CWE-999999", name: "None" })),
    );
  });

  it("accepts a version word that only contains a range word", () => {
    const doc = advisory((d) => {
      d.product_tree!.branches![0]!.branches![0]!.branches![0]!.name = "after-eight";
    });
    assert.equal(validateCsaf(doc).valid, true);
  });

  const optional: [string, CsafDocument][] = [
    ["6.2.1", advisory((d) => (vuln(d).product_status = { known_affected: ["CSAFPID-0001"] }))],
    ["6.2.2", advisory((d) => delete vuln(d).remediations)],
    ["6.2.3", advisory((d) => delete vuln(d).scores)],
    ["6.2.4", advisory((d) => (d.document.tracking.revision_history[0]!.number = "1.0.0+build"))],
    ["6.2.5", advisory((d) => (d.document.tracking.initial_release_date = "2024-04-01T00:00:00Z"))],
    ["6.2.6", advisory((d) => (d.document.tracking.current_release_date = "2024-05-01T10:00:00Z"))],
    ["6.2.7", advisory((d) => (vuln(d).involvements = [{ party: "vendor", status: "open" }]))],
    ["6.2.10", advisory((d) => delete d.document.distribution)],
    ["6.2.11", advisory((d) => delete d.document.references)],
    ["6.2.13", { vulnerabilities: sampleAdvisory().vulnerabilities, ...sampleAdvisory() }],
    ["6.2.14", advisory((d) => (d.document.lang = "en-QM"))],
    ["6.2.15", advisory((d) => (d.document.lang = "i-default"))],
    [
      "6.2.16",
      advisory(
        (d) => delete d.product_tree!.branches![0]!.branches![0]!.branches![0]!.product!.product_identification_helper,
      ),
    ],
    ["6.2.17", advisory((d) => (vuln(d).ids = [{ system_name: "CVE", text: "CVE-2024-0009" }]))],
    ["6.2.19", advisory((d) => vuln(d).scores![0]!.products.push("CSAFPID-0002"))],
    ["6.2.20", advisory((d) => Object.assign(d.document, { x_custom: true }))],
  ];
  for (const [id, doc] of optional) {
    it(`warns for optional test ${id}`, () => assertWarning(id, doc));
  }
});

describe("csafFilename", () => {
  it("follows the file name rule of section 5.1", () => {
    assert.equal(csafFilename("Example Company - 2019-YH3234"), "example_company_-_2019-yh3234.json");
    assert.equal(csafFilename("OASIS_CSAF_TC-CSAF_2.0-2021-6-2-11-11"), "oasis_csaf_tc-csaf_2_0-2021-6-2-11-11.json");
  });
});
