import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { parseCsv } from "../text/csv.ts";
import {
  CWE_CATALOGUE_VERSION,
  cweAncestors,
  cweEntries,
  cweEntry,
  cweLabel,
  cweName,
  cweNumber,
  parseCweCsv,
  parseCweId,
  parseRelatedWeaknesses,
  toCweId,
} from "./index.ts";

describe("parseCweId", () => {
  it("accepts canonical ids only by default", () => {
    assert.deepEqual(parseCweId("CWE-79"), { ok: true, value: "CWE-79" });
    assert.deepEqual(parseCweId("CWE-999999"), { ok: true, value: "CWE-999999" });
    for (const bad of ["cwe-79", "CWE-079", "CWE-0", "79", " CWE-79", "CWE-1234567", "CWE79", "CWE-7a"]) {
      const result = parseCweId(bad);
      assert.ok(!result.ok, bad);
      assert.equal(result.error.code, "cwe.invalid_syntax");
    }
  });

  it("is forgiving when asked", () => {
    for (const [input, id] of [
      ["cwe-79", "CWE-79"],
      [" CWE-079 ", "CWE-79"],
      ["79", "CWE-79"],
    ]) {
      assert.deepEqual(parseCweId(input, { lenient: true }), { ok: true, value: id });
    }
    assert.equal(
      (parseCweId("CWE-000", { lenient: true }) as { error: { code: string } }).error.code,
      "cwe.invalid_number",
    );
  });

  it("names NVD placeholders and other bad input", () => {
    assert.equal((parseCweId("NVD-CWE-noinfo") as { error: { code: string } }).error.code, "cwe.nvd_placeholder");
    assert.equal((parseCweId("NVD-CWE-Other") as { error: { code: string } }).error.code, "cwe.nvd_placeholder");
    assert.equal((parseCweId("") as { error: { code: string } }).error.code, "cwe.empty");
    assert.equal((parseCweId(79) as { error: { code: string } }).error.code, "cwe.not_a_string");
  });

  it("converts numbers both ways", () => {
    assert.deepEqual(toCweId(787), { ok: true, value: "CWE-787" });
    assert.ok(!toCweId(0).ok);
    assert.ok(!toCweId(1.5).ok);
    assert.equal(cweNumber("CWE-787"), 787);
  });

  it("fuzz: never throws; valid ids round-trip", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.anything()), fc.boolean(), (input, lenient) => {
        const result = parseCweId(input, { lenient });
        if (result.ok) assert.match(result.value, /^CWE-[1-9][0-9]{0,5}$/);
        else assert.match(result.error.code, /^cwe\.[a-z_]+$/);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999999 }), (n) => {
        const id = toCweId(n);
        assert.ok(id.ok);
        assert.deepEqual(parseCweId(id.value), id);
        assert.equal(cweNumber(id.value), n);
      }),
      { numRuns: 300 },
    );
  });
});

describe("catalogue", () => {
  it("names well-known weaknesses", () => {
    assert.equal(CWE_CATALOGUE_VERSION, "4.14");
    assert.equal(
      cweName("CWE-79"),
      "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')",
    );
    assert.equal(cweName(787), "Out-of-bounds Write");
    assert.equal(cweName("cwe-22"), "Improper Limitation of a Pathname to a Restricted Directory ('Path Traversal')");
    assert.equal(cweLabel(787), "CWE-787: Out-of-bounds Write");
  });

  it("gives parents and ancestors in view 1000", () => {
    const xss = cweEntry("CWE-79");
    assert.deepEqual(xss?.parents, ["CWE-74"]);
    assert.equal(xss?.abstraction, "Base");
    assert.equal(xss?.inSoftwareDevelopmentView, true);
    assert.deepEqual(cweAncestors("CWE-79"), ["CWE-74", "CWE-707"]);
    assert.deepEqual(cweEntry(707)?.parents, []);
    assert.equal(cweEntry(707)?.abstraction, "Pillar");
  });

  it("knows 938 weaknesses and nothing outside view 1000", () => {
    assert.equal(cweEntries().length, 938);
    assert.equal(cweEntry("CWE-1035"), undefined); // a category
    assert.equal(cweEntry("not an id"), undefined);
    assert.equal(cweLabel("CWE-999999"), "CWE-999999");
    assert.equal(cweLabel("bad"), undefined);
    for (const entry of cweEntries()) for (const parent of entry.parents) assert.ok(cweEntry(parent), parent);
  });
});

describe("CSV", () => {
  it("reads quoted fields with commas, quotes and newlines", () => {
    const parsed = parseCsv('a,"b,c","d ""e""\nf"\r\n1,,3\n');
    assert.deepEqual(parsed, {
      ok: true,
      value: [
        ["a", "b,c", 'd "e"\nf'],
        ["1", "", "3"],
      ],
    });
  });

  it("rejects broken quoting", () => {
    assert.deepEqual(parseCsv('a,"b\n'), {
      ok: false,
      error: { code: "csv.unterminated_quote", message: "a quoted field is not closed", path: "1" },
    });
    assert.equal((parseCsv('a,"b"c') as { error: { code: string } }).error.code, "csv.stray_quote");
    assert.equal((parseCsv('a,b"c') as { error: { code: string } }).error.code, "csv.stray_quote");
  });

  it("fuzz: parseCsv never throws and round-trips quoted records", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = parseCsv(text);
        if (!result.ok) assert.match(result.error.code, /^csv\./);
      }),
      { numRuns: 1000 },
    );
    const field = fc.string();
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }), (rows) => {
        const text = rows.map((row) => row.map((f) => `"${f.replaceAll('"', '""')}"`).join(",")).join("\n");
        assert.deepEqual(parseCsv(text), { ok: true, value: rows });
      }),
      { numRuns: 300 },
    );
  });

  it("parses MITRE's relation mini-format", () => {
    const relations = parseRelatedWeaknesses(
      "::NATURE:ChildOf:CWE ID:74:VIEW ID:1000:ORDINAL:Primary::NATURE:StartsWith:CWE ID:120:VIEW ID:709:CHAIN ID:680::",
    );
    assert.deepEqual(relations, {
      ok: true,
      value: [
        { nature: "ChildOf", cwe: 74, view: 1000, ordinal: "Primary" },
        { nature: "StartsWith", cwe: 120, view: 709, chain: 680 },
      ],
    });
    assert.equal(
      (parseRelatedWeaknesses("::NATURE:ChildOf::") as { error: { code: string } }).error.code,
      "cwe.csv_bad_relation",
    );
  });

  it("reads a CWE export and checks its columns", () => {
    const header = "CWE-ID,Name,Weakness Abstraction,Status,Description,Related Weaknesses";
    const text = `${header}\n79,"XSS",Base,Stable,"d",::NATURE:ChildOf:CWE ID:74:VIEW ID:1000:ORDINAL:Primary::\n`;
    const parsed = parseCweCsv(text);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.value[0], {
      id: 79,
      name: "XSS",
      abstraction: "Base",
      status: "Stable",
      relations: [{ nature: "ChildOf", cwe: 74, view: 1000, ordinal: "Primary" }],
    });
    assert.equal((parseCweCsv("CWE-ID,Name\n1,x") as { error: { code: string } }).error.code, "cwe.csv_missing_column");
    const badStatus = parseCweCsv(`${header}\n79,x,Base,Shiny,d,\n`);
    assert.deepEqual(badStatus.ok ? undefined : badStatus.error.path, "row 1");
  });

  it("fuzz: parseCweCsv never throws on mutated exports", () => {
    const header = "CWE-ID,Name,Weakness Abstraction,Status,Related Weaknesses\n";
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const result = parseCweCsv(`${header}${a},${b},Base,Draft,${a}\n`);
        if (!result.ok) assert.match(result.error.code, /^(cwe|csv)\./);
      }),
      { numRuns: 500 },
    );
  });
});
