import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import type { CvssVector } from "./index.ts";
import {
  CVSS2_METRICS,
  CVSS3_METRICS,
  CVSS4_METRICS,
  emitCvss,
  parseCvss,
  scoreCvss,
  scoreCvssVector,
  severityOf,
} from "./index.ts";

type Table = Readonly<Record<string, readonly string[]>>;

/** Random valid metric records for a table (optional metrics list their "not defined" value among the others). */
function metricsArbitrary(table: Table): fc.Arbitrary<Record<string, string>> {
  const fields = Object.fromEntries(Object.entries(table).map(([name, values]) => [name, fc.constantFrom(...values)]));
  // fast-check builds null-prototype records; parsed vectors are plain objects.
  return fc.record(fields).map((metrics) => ({ ...metrics }));
}

const vectorArbitrary: fc.Arbitrary<CvssVector> = fc.oneof(
  metricsArbitrary(CVSS2_METRICS).map((metrics) => ({ version: "2.0", metrics }) as CvssVector),
  fc
    .tuple(fc.constantFrom("3.0" as const, "3.1" as const), metricsArbitrary(CVSS3_METRICS))
    .map(([version, metrics]) => ({ version, metrics }) as CvssVector),
  metricsArbitrary(CVSS4_METRICS).map((metrics) => ({ version: "4.0", metrics }) as CvssVector),
);

/** Checks that parsing returns a typed result and, when it succeeds, that the canonical form is a fixed point. */
function checkParse(input: string): void {
  const parsed = parseCvss(input);
  if (!parsed.ok) {
    assert.match(parsed.error.code, /^cvss\.[a-z_]+$/);
    assert.equal(typeof parsed.error.message, "string");
    return;
  }
  const canonical = emitCvss(parsed.value);
  assert.deepEqual(parseCvss(canonical), parsed);
  const scores = scoreCvss(parsed.value);
  assert.ok(scores.score >= 0 && scores.score <= 10, `${input} scored ${scores.score}`);
}

describe("parseCvss", () => {
  it("detects the version from the prefix", () => {
    const cases: [string, string][] = [
      ["AV:N/AC:L/Au:N/C:P/I:P/A:P", "2.0"],
      ["CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "3.0"],
      ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "3.1"],
      ["CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "4.0"],
    ];
    for (const [vector, version] of cases) {
      const parsed = parseCvss(vector);
      assert.ok(parsed.ok, vector);
      assert.equal(parsed.value.version, version);
      assert.equal(emitCvss(parsed.value), vector);
    }
  });

  it("explains a missing or unknown prefix", () => {
    const cases: [string, string, string | undefined][] = [
      ["AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N", "cvss.missing_prefix", "AT"],
      ["AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "cvss.missing_prefix", "PR"],
      ["CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P", "cvss.unknown_version", "CVSS"],
      ["CVSS:5.0/AV:N", "cvss.unknown_version", "CVSS"],
      ["CVSS:4.0", "cvss.missing_prefix", undefined],
      ["CVSS:", "cvss.unknown_version", "CVSS"],
      ["", "cvss.missing_metric", "AV"],
    ];
    for (const [vector, code, path] of cases) {
      const parsed = parseCvss(vector);
      assert.ok(!parsed.ok, vector);
      assert.deepEqual({ code: parsed.error.code, path: parsed.error.path }, { code, path }, vector);
    }
  });

  it("does not throw on values that are not strings", () => {
    for (const value of [undefined, null, 42, {}, ["CVSS:3.1/AV:N"]]) {
      const parsed = parseCvss(value as unknown as string);
      assert.ok(!parsed.ok);
      assert.equal(parsed.error.code, "cvss.not_a_string");
    }
  });
});

describe("scoreCvssVector and severityOf", () => {
  it("parses and scores in one call", () => {
    const result = scoreCvssVector("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
    assert.ok(result.ok);
    assert.deepEqual([result.value.score, result.value.severity], [9.8, "CRITICAL"]);
    assert.equal(scoreCvssVector("nonsense").ok, false);
  });

  it("rates scores on the 3.x/4.0 scale", () => {
    const rated = [0, 0.1, 3.9, 4, 6.9, 7, 8.9, 9, 10].map(severityOf);
    assert.deepEqual(rated, ["NONE", "LOW", "LOW", "MEDIUM", "MEDIUM", "HIGH", "HIGH", "CRITICAL", "CRITICAL"]);
  });
});

describe("CVSS fuzz", () => {
  it("never throws on arbitrary strings", () => {
    // Vector-shaped noise reaches the per-metric checks that random text rarely gets past.
    const token = fc.constantFrom(
      "CVSS:",
      "4.0/",
      "3.1/",
      "3.0/",
      "/",
      ":",
      "AV",
      "AC",
      "Au",
      "N",
      "X",
      "ND",
      "E",
      "MSI",
      "S",
      "Clear",
    );
    fc.assert(
      fc.property(
        fc.string({ maxLength: 120 }),
        fc.string({ unit: "grapheme", maxLength: 40 }),
        fc.string({ unit: token, maxLength: 40 }),
        (ascii, unicode, tokens) => {
          for (const text of [ascii, unicode, tokens, `CVSS:4.0/${ascii}`, `CVSS:3.1/${unicode}`]) checkParse(text);
        },
      ),
      { numRuns: 800 },
    );
  });

  it("round-trips random valid vectors of every version through their canonical string", () => {
    fc.assert(
      fc.property(vectorArbitrary, (vector) => {
        const text = emitCvss(vector);
        const parsed = parseCvss(text);
        assert.ok(parsed.ok, `${text}: ${parsed.ok || parsed.error.message}`);
        assert.deepEqual(parsed.value, vector);
        assert.equal(emitCvss(parsed.value), text);
        const scores = scoreCvss(vector);
        assert.ok(scores.score >= 0 && scores.score <= 10);
        assert.equal(scores.version, vector.version);
      }),
      { numRuns: 1500 },
    );
  });

  it("accepts any metric order in 3.x and only the specification order in 2.0 and 4.0", () => {
    fc.assert(
      fc.property(vectorArbitrary, fc.infiniteStream(fc.nat()), (vector, randoms) => {
        const text = emitCvss(vector);
        const prefix = text.startsWith("CVSS:") ? text.slice(0, 9) : "";
        const parts = text.slice(prefix.length).split("/");
        const shuffled = parts
          .map((part) => ({ part, key: randoms.next().value as number }))
          .sort((a, b) => a.key - b.key)
          .map(({ part }) => part);
        const parsed = parseCvss(prefix + shuffled.join("/"));
        if (vector.version === "3.0" || vector.version === "3.1" || shuffled.join("/") === parts.join("/")) {
          assert.ok(parsed.ok);
          assert.deepEqual(parsed.value, vector);
        } else {
          assert.ok(!parsed.ok);
          assert.equal(parsed.error.code, "cvss.metric_order");
        }
      }),
      { numRuns: 500 },
    );
  });

  it("returns typed errors for mutations of valid vectors", () => {
    const edit = fc.oneof(
      fc.tuple(fc.constant("delete" as const), fc.nat(), fc.constant("")),
      fc.tuple(fc.constant("insert" as const), fc.nat(), fc.constantFrom("/", ":", "X", "N", "S", "a", " ", "CVSS:")),
      fc.tuple(fc.constant("replace" as const), fc.nat(), fc.constantFrom("/", ":", "L", "H", "P", "ND", "")),
      fc.tuple(fc.constant("duplicate" as const), fc.nat(), fc.constant("")),
    );
    fc.assert(
      fc.property(vectorArbitrary, fc.array(edit, { minLength: 1, maxLength: 4 }), (vector, edits) => {
        let text = emitCvss(vector);
        for (const [kind, at, with_] of edits) {
          const i = at % (text.length + 1);
          if (kind === "delete") text = text.slice(0, i) + text.slice(i + 1);
          else if (kind === "insert") text = text.slice(0, i) + with_ + text.slice(i);
          else if (kind === "replace") text = text.slice(0, i) + with_ + text.slice(i + 1);
          else {
            const parts = text.split("/");
            parts.splice(at % parts.length, 0, parts[at % parts.length]!);
            text = parts.join("/");
          }
        }
        checkParse(text);
      }),
      { numRuns: 1500 },
    );
  });
});
