import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { extractCycloneDxComponents, parseCycloneDxXml, readCycloneDxVex } from "./index.ts";
import { cyclonedxJson, cyclonedxXml } from "./sbom-fixtures.test-data.ts";

function code(text: string): string {
  const result = parseCycloneDxXml(text);
  return result.ok ? "ok" : result.error.code;
}

describe("CycloneDX XML", () => {
  it("reads the same BOM as the JSON form", () => {
    const parsed = parseCycloneDxXml(cyclonedxXml);
    assert.ok(parsed.ok, parsed.ok ? "" : `${parsed.error.code} ${parsed.error.message} ${parsed.error.path}`);
    assert.deepEqual(parsed.value, cyclonedxJson);
    assert.deepEqual(extractCycloneDxComponents(parsed.value), extractCycloneDxComponents(cyclonedxJson));
    assert.deepEqual(readCycloneDxVex(parsed.value), readCycloneDxVex(cyclonedxJson));
  });

  it("reads 1.4 legacy tools, licences and properties", () => {
    const xml = `<bom xmlns="http://cyclonedx.org/schema/bom/1.4" version="2">
      <metadata>
        <tools><tool><vendor>Acme</vendor><name>scanner</name><version>9</version></tool></tools>
      </metadata>
      <components>
        <component type="library">
          <name>lib</name>
          <licenses><license><id>MIT</id></license></licenses>
          <externalReferences><reference type="website"><url>https://lib.example</url></reference></externalReferences>
          <properties><property name="aicc:note">kept</property></properties>
        </component>
        <component type="library"><name>expr</name><licenses><expression>MIT OR Apache-2.0</expression></licenses></component>
      </components>
    </bom>`;
    const parsed = parseCycloneDxXml(xml);
    assert.ok(parsed.ok, parsed.ok ? "" : `${parsed.error.code} ${parsed.error.message}`);
    assert.equal(parsed.value.specVersion, "1.4");
    assert.equal(parsed.value.version, 2);
    assert.deepEqual(parsed.value.metadata?.tools, [{ vendor: "Acme", name: "scanner", version: "9" }]);
    assert.deepEqual(parsed.value.components?.[0], {
      type: "library",
      name: "lib",
      licenses: [{ license: { id: "MIT" } }],
      externalReferences: [{ type: "website", url: "https://lib.example" }],
      properties: [{ name: "aicc:note", value: "kept" }],
    });
    assert.deepEqual(parsed.value.components?.[1]?.licenses, [{ expression: "MIT OR Apache-2.0" }]);
  });

  it("accepts a prefixed CycloneDX namespace", () => {
    const xml = `<cdx:bom xmlns:cdx="http://cyclonedx.org/schema/bom/1.6"><cdx:components><cdx:component type="library"><cdx:name>x</cdx:name></cdx:component></cdx:components></cdx:bom>`;
    const parsed = parseCycloneDxXml(xml);
    assert.ok(parsed.ok);
    assert.equal(parsed.value.components?.[0]?.name, "x");
  });

  it("fails with typed errors", () => {
    assert.equal(code("<bom><components></bom>"), "cyclonedx.invalid_xml");
    assert.equal(
      code(`<!DOCTYPE bom [<!ENTITY x "y">]><bom xmlns="http://cyclonedx.org/schema/bom/1.6">&x;</bom>`),
      "cyclonedx.xml_doctype",
    );
    assert.equal(code(`<bom xmlns="urn:other"/>`), "cyclonedx.not_cyclonedx");
    assert.equal(code(`<sbom xmlns="http://cyclonedx.org/schema/bom/1.6"/>`), "cyclonedx.not_cyclonedx");
    assert.equal(code(`<bom xmlns="http://cyclonedx.org/schema/bom/1.3"/>`), "cyclonedx.unsupported_spec_version");
    const badType = parseCycloneDxXml(
      `<bom xmlns="http://cyclonedx.org/schema/bom/1.6"><components><component type="gadget"><name>x</name></component></components></bom>`,
    );
    assert.ok(!badType.ok);
    assert.equal(badType.error.path, "/components/0/type");
  });

  it("never throws on arbitrary text or mutated documents", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = parseCycloneDxXml(text);
        if (!result.ok) assert.match(result.error.code, /^cyclonedx\./);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.nat(cyclonedxXml.length), fc.nat(40), fc.string({ maxLength: 12 }), (at, cut, insert) => {
        const mutated = cyclonedxXml.slice(0, at) + insert + cyclonedxXml.slice(at + cut);
        const result = parseCycloneDxXml(mutated);
        if (!result.ok) assert.match(result.error.code, /^cyclonedx\./);
      }),
      { numRuns: 400 },
    );
    fc.assert(
      fc.property(
        fc.constantFrom("name", "constructor", "__proto__", "hash", "toString"),
        fc.string({ maxLength: 8 }),
        (tag, text) => {
          const xml = `<bom xmlns="http://cyclonedx.org/schema/bom/1.6"><components><component type="library"><${tag} alg="x">${text.replace(/[<&]/g, "")}</${tag}><name>n</name></component></components></bom>`;
          const result = parseCycloneDxXml(xml);
          if (!result.ok) assert.match(result.error.code, /^cyclonedx\./);
        },
      ),
      { numRuns: 100 },
    );
  });
});
