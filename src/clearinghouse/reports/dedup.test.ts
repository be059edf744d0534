import assert from "node:assert/strict";
import { test } from "node:test";
import {
  type DedupDoc,
  normaliseFrame,
  packageKeys,
  rankDuplicates,
  stackFingerprint,
  tfidfSimilarities,
} from "./dedup.ts";
import { canTransition, completeness, intakeStatus, ReportInput } from "./model.ts";

const doc = (id: string, over: Partial<DedupDoc>): DedupDoc => ({
  id,
  kind: "report",
  title: "",
  text: "",
  packageKeys: [],
  cwes: [],
  fingerprint: null,
  createdAt: `2026-01-0${id.length}T00:00:00Z`,
  ...over,
});

test("package keys meet across purl, CPE and vendor+product spellings", () => {
  const purl = packageKeys([{ kind: "purl", purl: "pkg:pypi/Zip_Kit@2.0" }]);
  const cpe = packageKeys([{ kind: "cpe", cpe: "cpe:2.3:a:zipkit_project:zip-kit:2.0:*:*:*:*:*:*:*" }]);
  const product = packageKeys([{ kind: "product", vendor: "ZipKit Project", product: "Zip Kit" }]);
  assert.ok(purl.includes("pkg:pypi/zip-kit"), purl.join());
  for (const keys of [purl, cpe, product]) assert.ok(keys.includes("name:zipkit"), keys.join());
  assert.ok(cpe.includes("vp:zipkitproject:zipkit") && product.includes("vp:zipkitproject:zipkit"));
});

test("a Go module's major-version suffix is not its product name", () => {
  const keys = packageKeys([{ kind: "purl", purl: "pkg:golang/github.com/go-chi/chi/v5@5.0.1" }]);
  assert.ok(keys.includes("name:chi") && !keys.includes("name:v5"), keys.join());
});

test("stack fingerprints ignore addresses, line numbers and arguments", () => {
  assert.equal(normaliseFrame("#0 0x55d0 in png_read_row (png.c:1234:7)"), "png_read_row");
  const a = stackFingerprint({ frames: ["#0 0x1 in f (a.c:1)", "#1 0x2 in g (a.c:2)"], sink: "memcpy" });
  const b = stackFingerprint({ frames: ["#0 0x9 in f (a.c:10)", "#1 0xa in g (a.c:20)"], sink: "memcpy" });
  assert.equal(a, b);
  assert.notEqual(a, stackFingerprint({ frames: ["#0 in h"], sink: "memcpy" }));
  assert.equal(stackFingerprint(undefined), null);
});

test("TF-IDF cosine prefers the re-worded report over a same-package unrelated one", () => {
  const [same, other] = tfidfSimilarities("integer overflow in the tiff decoder leads to heap corruption", [
    "heap corruption: the TIFF decoder overflows an integer",
    "the tiff encoder writes wrong metadata timestamps",
  ]);
  assert.ok(same! > other!, `${same} > ${other}`);
});

test("ranking shows reasons and drops noise", () => {
  const subject = doc("s", {
    title: "SQL injection in login form",
    text: "username parameter is concatenated into SQL",
    packageKeys: ["name:shop"],
    cwes: ["CWE-89"],
  });
  const ranked = rankDuplicates(subject, [
    doc("dup", {
      title: "Login SQLi",
      text: "the username parameter is concatenated into an SQL query",
      packageKeys: ["name:shop"],
      cwes: ["CWE-89"],
    }),
    doc("unrelated", { title: "Typo on about page", text: "wrong company address", packageKeys: ["name:other"] }),
  ]);
  assert.deepEqual(
    ranked.map((r) => r.id),
    ["dup"],
  );
  assert.ok(ranked[0]!.reasons.length >= 3);
});

test("states, completeness and the AI-autonomous hold-back", () => {
  assert.ok(
    canTransition("received", "valid") && !canTransition("closed", "received") && !canTransition("valid", "received"),
  );
  const base = ReportInput.parse({
    title: "t",
    description: "d",
    affected: [{ kind: "product", vendor: "v", product: "p" }],
    provenance: {
      kind: "ai_autonomous",
      model: "m",
      modelVersion: "1",
      developerOrg: "o",
      runId: "r",
      transcriptSha256: "b".repeat(64),
    },
  });
  const facts = { ...base, attachmentCount: 0 };
  assert.equal(intakeStatus(facts), "incomplete");
  assert.equal(
    intakeStatus({
      ...facts,
      attachmentCount: 1,
      provenance: { ...base.provenance, verifiedBy: "h" } as typeof base.provenance,
    }),
    "received",
  );
  const c = completeness(facts);
  assert.ok(c.score < 50 && c.missing.includes("reproducer") && c.missing.includes("human verifier"));
});
