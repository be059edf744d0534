import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { emitCsaf, parseCsaf, parseCsafJson } from "./codec.ts";
import type { CsafDocument } from "./document-types.ts";
import { validateProviderMetadata } from "./provider-metadata.ts";
import { validateRolieFeed } from "./rolie.ts";
import { sampleAdvisory, sampleVex } from "./testdata/index.ts";
import { validateCsaf } from "./validate.ts";

const RUNS = { numRuns: 300 };

/** Validation returns a well-formed report, and a document that parses round-trips through emit. */
function checkDocument(value: unknown): void {
  const report = validateCsaf(value);
  assert.equal(report.valid, report.errors.length === 0);
  for (const issue of [...report.errors, ...report.warnings]) {
    assert.ok(issue.code.startsWith("csaf.") && typeof issue.test === "string" && typeof issue.path === "string");
  }
  const parsed = parseCsaf(value);
  // Compared as JSON values: JSON text cannot tell -0 from 0.
  if (parsed.ok) assert.deepEqual(JSON.parse(emitCsaf(parsed.value)), JSON.parse(JSON.stringify(value)));
  else assert.equal(parsed.error.code, "csaf.schema");
}

/** Every JSON pointer-like path (as key lists) of a value. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out = [prefix];
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push(...paths(v, [...prefix, i]));
    });
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  }
  return out;
}

/** Replaces (or, with `undefined`, deletes) the value at a path of a copy of `doc`. */
function mutate(doc: CsafDocument, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(doc) as unknown as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (replacement === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = replacement;
  return copy;
}

// Values likely to stay schema-valid at many places, so the semantic tests see odd but well-formed input.
const plausible = fc.oneof(
  fc.constantFrom("CSAFPID-0001", "CSAFPID-0002", "CSAFPID-0404", "CSAFGID-1", "0", "1", "2", "1.0.0", "2.0.0-rc.1"),
  fc.constantFrom("2024-05-01T10:00:00Z", "2024-05-01T10:00:00.00001+02:00", "en", "i-default", "qtx", "csaf_vex"),
  fc.constantFrom("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", "CVSS:3.0/AV:L/AC:H/PR:H/UI:R/S:C/C:L/I:L/A:L/E:U"),
  fc.constantFrom("AV:N/AC:L/Au:N/C:C/I:C/A:C/TD:N", "CVSS:3.1/AV:N/AV:N", "pkg:npm/x@1", "pkg:/", "prior to 2"),
  fc.constantFrom(0, 6.1, 10, -1, true, null, [], {}, ["CSAFPID-0001"], ["CSAFPID-0001", "CSAFPID-0001"]),
  fc.jsonValue({ maxDepth: 2 }),
  fc.constant(undefined),
);

describe("CSAF fuzz", () => {
  it("never throws on arbitrary JSON values", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        checkDocument(value);
        assert.equal(typeof validateProviderMetadata(value).valid, "boolean");
        assert.equal(typeof validateRolieFeed(value).valid, "boolean");
      }),
      RUNS,
    );
  });

  it("never throws on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const parsed = parseCsafJson(text);
        if (!parsed.ok) assert.ok(["csaf.invalid_json", "csaf.schema"].includes(parsed.error.code));
      }),
      RUNS,
    );
  });

  for (const [name, sample] of [
    ["security advisory", sampleAdvisory],
    ["VEX document", sampleVex],
  ] as const) {
    it(`never throws on mutations of a valid ${name}`, () => {
      const doc = sample();
      const all = paths(doc);
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.constantFrom(...all), plausible), { minLength: 1, maxLength: 4 }), (edits) => {
          let value: unknown = doc;
          for (const [path, replacement] of edits) {
            try {
              value = mutate(value as CsafDocument, path, replacement);
            } catch {
              // An earlier edit removed the path's parent: skip this edit.
            }
          }
          checkDocument(value);
        }),
        RUNS,
      );
    });
  }
});
