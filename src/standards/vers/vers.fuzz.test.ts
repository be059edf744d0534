import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import type { Result } from "../result.ts";
import {
  formatVers,
  normalizeVers,
  parseVers,
  simplifyVers,
  validateVers,
  versContains,
  versFromNative,
} from "./index.ts";

const VALID = [
  "vers:npm/1.2.3|>=2.0.0|<5.0.0",
  "vers:pypi/>0.0.0|>=0.0.1|0.0.2|<0.0.3|0.0.4|<0.0.5|>=0.0.6",
  "vers:gem/>=2.2.0|!=2.2.1|<2.3.0",
  "vers:deb/>=1:1.2-3|<1:2.0",
  "vers:maven/>=1.0|<2.0-SNAPSHOT",
  "vers:datetime/>=2024-01-01T00:00:00Z|<2024-02-01T00:00:00.5+01:00",
  "vers:conan/>=1.0.2|<1.0.2zd|>=1.1.0|<1.1.1n",
  "vers:npm/1.0%252F0",
  "vers:alpm/*",
];

const versChar = fc.oneof(
  fc.constantFrom(..."vers:/|<>=!*%.-_+~0129azAZTz"),
  fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
  fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
);

function assertIssue<T>(result: Result<T>): void {
  if (!result.ok) assert.match(result.error.code, /^vers\.[a-z_]+$/);
}

/** Whatever normalises must format to a string that normalises to the same range. */
function assertStable(input: string): void {
  const normalized = normalizeVers(input);
  assertIssue(normalized);
  if (!normalized.ok) return;
  const text = formatVers(normalized.value);
  const again = normalizeVers(text);
  assert.ok(again.ok, `${text} does not read back`);
  assert.deepEqual(again.value, normalized.value);
  assert.equal(formatVers(again.value), text);
}

function exercise(input: string): void {
  const parsed = parseVers(input);
  assertIssue(parsed);
  // A canonical range formats back to itself.
  if (parsed.ok) assert.equal(formatVers(parsed.value), input);
  assertStable(input);
  const report = validateVers(input);
  assert.equal(report.valid, report.errors.length === 0);
  assertIssue(versContains(input, "1.0.0"));
  const normalized = normalizeVers(input);
  if (normalized.ok) assertIssue(simplifyVers(normalized.value));
}

describe("vers fuzz", () => {
  it("handles arbitrary strings without throwing", () => {
    const text = fc.string({ unit: versChar, maxLength: 40 });
    fc.assert(
      fc.property(
        fc.oneof(
          text,
          text.map((rest) => `vers:npm/${rest}`),
        ),
        exercise,
      ),
      { numRuns: 800 },
    );
  });

  it("handles mutations of valid ranges without throwing", () => {
    const mutation = fc.tuple(
      fc.constantFrom(...VALID),
      fc.nat(),
      fc.nat({ max: 3 }),
      fc.string({ unit: versChar, maxLength: 4 }),
    );
    fc.assert(
      fc.property(mutation, ([valid, at, removed, inserted]) => {
        const cut = at % (valid.length + 1);
        exercise(valid.slice(0, cut) + inserted + valid.slice(cut + removed));
      }),
      { numRuns: 800 },
    );
  });

  it("converts arbitrary native ranges without throwing, into ranges that read back", () => {
    const scheme = fc.constantFrom("npm", "pypi", "gem", "nuget", "nginx", "openssl", "conan", "cobol");
    const native = fc.string({ unit: fc.constantFrom(..." <>=~^!*|,.-+[]()xX0123v9a"), maxLength: 24 });
    fc.assert(
      fc.property(scheme, native, (type, text) => {
        const range = versFromNative(type, text);
        assertIssue(range);
        if (range.ok && range.value.constraints.length > 0) assertStable(formatVers(range.value));
      }),
      { numRuns: 800 },
    );
  });

  it("rejects non-string input without throwing", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        assertIssue(parseVers(value as string));
        assertIssue(normalizeVers(value as string));
        assertIssue(versFromNative("npm", value as string));
      }),
      { numRuns: 200 },
    );
  });
});
