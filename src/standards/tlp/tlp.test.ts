import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  compareTlp,
  formatTlp,
  fromCsafTlp,
  isCanonicalTlp,
  isMoreRestrictive,
  mostRestrictiveTlp,
  parseTlp,
  TLP_LABELS,
  type TlpLabel,
  toCsafTlp,
} from "./index.ts";

function parsed(text: string, options = {}): TlpLabel {
  const result = parseTlp(text, options);
  assert.ok(result.ok, `expected ${text} to parse: ${result.ok ? "" : result.error.code}`);
  return result.value;
}

function errorCode(text: unknown, options = {}): string {
  const result = parseTlp(text, options);
  assert.ok(!result.ok, `expected ${String(text)} to be rejected`);
  return result.error.code;
}

describe("parseTlp", () => {
  it("reads every canonical label", () => {
    for (const label of TLP_LABELS) assert.equal(parsed(`TLP:${label}`), label);
  });

  it("ignores case (capitals are a SHOULD) and surrounding whitespace", () => {
    assert.equal(parsed("tlp:amber+strict"), "AMBER+STRICT");
    assert.equal(parsed("Tlp:Clear"), "CLEAR");
    assert.equal(parsed("  TLP:RED\n"), "RED");
  });

  it("rejects inner spaces (a MUST NOT)", () => {
    assert.equal(errorCode("TLP: AMBER"), "tlp.contains_space");
    assert.equal(errorCode("TLP:AMBER + STRICT"), "tlp.contains_space");
  });

  it("needs the prefix unless bare labels are allowed", () => {
    assert.equal(errorCode("GREEN"), "tlp.missing_prefix");
    assert.equal(parsed("green", { allowBare: true }), "GREEN");
  });

  it("reports TLP 1.0 WHITE unless asked to map it to CLEAR", () => {
    assert.equal(errorCode("TLP:WHITE"), "tlp.version_1_label");
    assert.equal(parsed("TLP:WHITE", { acceptVersion1: true }), "CLEAR");
  });

  it("rejects unknown labels, empty strings and non-strings", () => {
    assert.equal(errorCode("TLP:BLUE"), "tlp.unknown_label");
    assert.equal(errorCode("TLP:AMBER+"), "tlp.unknown_label");
    assert.equal(errorCode(""), "tlp.empty");
    assert.equal(errorCode(42), "tlp.not_a_string");
    assert.equal(errorCode(null), "tlp.not_a_string");
  });

  it("fuzz: never throws, always a typed result", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.anything()), (input) => {
        const result = parseTlp(input, { allowBare: true });
        if (!result.ok) assert.match(result.error.code, /^tlp\.[a-z_0-9]+$/);
        else assert.ok(TLP_LABELS.includes(result.value));
      }),
      { numRuns: 1000 },
    );
  });

  it("fuzz: case mutations of valid labels round-trip to the canonical form", () => {
    const label = fc.constantFrom(...TLP_LABELS);
    const flips = fc.array(fc.boolean(), { minLength: 20, maxLength: 20 });
    fc.assert(
      fc.property(label, flips, (value, flip) => {
        const text = [...formatTlp(value)].map((c, i) => (flip[i] ? c.toLowerCase() : c)).join("");
        assert.equal(formatTlp(parsed(text)), text.toUpperCase());
        assert.equal(isCanonicalTlp(formatTlp(parsed(text))), true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("ordering", () => {
  it("ranks CLEAR < GREEN < AMBER < AMBER+STRICT < RED", () => {
    for (let i = 1; i < TLP_LABELS.length; i++) {
      const lower = TLP_LABELS[i - 1]!;
      const higher = TLP_LABELS[i]!;
      assert.ok(isMoreRestrictive(higher, lower));
      assert.ok(!isMoreRestrictive(lower, higher));
      assert.ok(compareTlp(lower, higher) < 0);
    }
    assert.equal(compareTlp("AMBER", "AMBER"), 0);
  });

  it("finds the most restrictive label", () => {
    assert.equal(mostRestrictiveTlp(["GREEN", "AMBER+STRICT", "AMBER"]), "AMBER+STRICT");
    assert.equal(mostRestrictiveTlp([]), undefined);
  });

  it("recognises only the canonical written form", () => {
    assert.equal(isCanonicalTlp("TLP:AMBER+STRICT"), true);
    assert.equal(isCanonicalTlp("tlp:amber"), false);
    assert.equal(isCanonicalTlp("AMBER"), false);
  });
});

describe("CSAF 2.0 mapping", () => {
  it("maps TLP 2.0 to TLP 1.0 labels", () => {
    assert.deepEqual(toCsafTlp("CLEAR").tlp, { label: "WHITE", url: "https://www.first.org/tlp/" });
    assert.equal(toCsafTlp("GREEN").tlp.label, "GREEN");
    assert.equal(toCsafTlp("AMBER").tlp.label, "AMBER");
    assert.equal(toCsafTlp("RED").tlp.label, "RED");
    assert.equal(toCsafTlp("AMBER").note, undefined);
  });

  it("carries AMBER+STRICT as AMBER with a note", () => {
    const mapping = toCsafTlp("AMBER+STRICT");
    assert.equal(mapping.tlp.label, "AMBER");
    assert.match(mapping.note ?? "", /TLP:AMBER\+STRICT/);
  });

  it("maps back, restoring AMBER+STRICT from the note", () => {
    for (const label of TLP_LABELS) {
      const mapping = toCsafTlp(label);
      const back = fromCsafTlp(mapping.tlp.label, mapping.note);
      assert.deepEqual(back, { ok: true, value: label });
    }
    assert.deepEqual(fromCsafTlp("WHITE"), { ok: true, value: "CLEAR" });
    assert.deepEqual(fromCsafTlp("AMBER", "Share with customers."), { ok: true, value: "AMBER" });
  });

  it("rejects labels CSAF 2.0 does not have", () => {
    for (const bad of ["CLEAR", "AMBER+STRICT", "white", 3, undefined]) {
      const result = fromCsafTlp(bad);
      assert.ok(!result.ok);
      assert.equal(result.error.code, "tlp.unknown_csaf_label");
      assert.equal(result.error.path, "/document/distribution/tlp/label");
    }
  });
});
