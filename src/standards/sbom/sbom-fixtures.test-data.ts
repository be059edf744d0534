/**
 * Hand-written SBOM fixtures shared by the sbom tests: one inventory (an application with two
 * libraries, one nested) as CycloneDX JSON, CycloneDX XML and SPDX JSON, plus a VEX statement.
 */
import type { CycloneDxBom } from "./cyclonedx-types.ts";
import type { SpdxDocument } from "./spdx-types.ts";

/** SHA-256 of "test". */
export const SHA256_A = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
/** SHA-1 of "test". */
export const SHA1_B = "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3";

/** The inventory as CycloneDX 1.5 JSON, with a VEX statement. */
export const cyclonedxJson: CycloneDxBom = {
  bomFormat: "CycloneDX",
  specVersion: "1.5",
  serialNumber: "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
  version: 1,
  metadata: {
    timestamp: "2025-01-02T03:04:05Z",
    tools: { components: [{ type: "application", name: "sbom-tool", version: "1.0" }] },
    component: { type: "application", "bom-ref": "app", name: "shop", version: "3.1.0" },
  },
  components: [
    {
      type: "library",
      "bom-ref": "pkg:npm/left-pad@1.3.0",
      supplier: { name: "Left Pad Org" },
      name: "left-pad",
      version: "1.3.0",
      hashes: [{ alg: "SHA-256", content: SHA256_A.toUpperCase() }],
      purl: "pkg:npm/left-pad@1.3.0",
      components: [
        {
          type: "library",
          "bom-ref": "inner",
          name: "inner-lib",
          version: "0.1.0",
          cpe: "cpe:2.3:a:inner:inner-lib:0.1.0:*:*:*:*:*:*:*",
        },
      ],
    },
    {
      type: "framework",
      "bom-ref": "fw",
      group: "org.example",
      name: "fw",
      version: "2.0.0",
      hashes: [{ alg: "SHA-1", content: SHA1_B }],
    },
  ],
  dependencies: [
    { ref: "app", dependsOn: ["pkg:npm/left-pad@1.3.0", "fw"] },
    { ref: "pkg:npm/left-pad@1.3.0", dependsOn: ["inner"] },
  ],
  vulnerabilities: [
    {
      "bom-ref": "vuln-1",
      id: "CVE-2025-0001",
      source: { name: "NVD", url: "https://nvd.nist.gov/vuln/detail/CVE-2025-0001" },
      ratings: [
        { score: 7.5, severity: "high", method: "CVSSv31", vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N" },
      ],
      cwes: [79],
      analysis: {
        state: "not_affected",
        justification: "code_not_reachable",
        response: ["will_not_fix", "update"],
        detail: "The vulnerable function is never called.",
      },
      affects: [
        {
          ref: "pkg:npm/left-pad@1.3.0",
          versions: [{ version: "1.3.0", status: "unaffected" }, { range: "vers:npm/<1.3.0" }],
        },
      ],
    },
  ],
};

/** The same BOM as CycloneDX 1.5 XML. */
export const cyclonedxXml = `<?xml version="1.0" encoding="UTF-8"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.5" serialNumber="urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79" version="1">
  <metadata>
    <timestamp>2025-01-02T03:04:05Z</timestamp>
    <tools>
      <components>
        <component type="application"><name>sbom-tool</name><version>1.0</version></component>
      </components>
    </tools>
    <component type="application" bom-ref="app"><name>shop</name><version>3.1.0</version></component>
  </metadata>
  <components>
    <component type="library" bom-ref="pkg:npm/left-pad@1.3.0">
      <supplier><name>Left Pad Org</name></supplier>
      <name>left-pad</name>
      <version>1.3.0</version>
      <hashes><hash alg="SHA-256">${SHA256_A.toUpperCase()}</hash></hashes>
      <purl>pkg:npm/left-pad@1.3.0</purl>
      <components>
        <component type="library" bom-ref="inner">
          <name>inner-lib</name><version>0.1.0</version>
          <cpe>cpe:2.3:a:inner:inner-lib:0.1.0:*:*:*:*:*:*:*</cpe>
        </component>
      </components>
    </component>
    <component type="framework" bom-ref="fw">
      <group>org.example</group><name>fw</name><version>2.0.0</version>
      <hashes><hash alg="SHA-1">${SHA1_B}</hash></hashes>
    </component>
  </components>
  <dependencies>
    <dependency ref="app"><dependency ref="pkg:npm/left-pad@1.3.0"/><dependency ref="fw"/></dependency>
    <dependency ref="pkg:npm/left-pad@1.3.0"><dependency ref="inner"/></dependency>
  </dependencies>
  <vulnerabilities>
    <vulnerability bom-ref="vuln-1">
      <id>CVE-2025-0001</id>
      <source><name>NVD</name><url>https://nvd.nist.gov/vuln/detail/CVE-2025-0001</url></source>
      <ratings>
        <rating><score>7.5</score><severity>high</severity><method>CVSSv31</method><vector>CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N</vector></rating>
      </ratings>
      <cwes><cwe>79</cwe></cwes>
      <analysis>
        <state>not_affected</state>
        <justification>code_not_reachable</justification>
        <responses><response>will_not_fix</response><response>update</response></responses>
        <detail>The vulnerable function is never called.</detail>
      </analysis>
      <affects>
        <target>
          <ref>pkg:npm/left-pad@1.3.0</ref>
          <versions>
            <version><version>1.3.0</version><status>unaffected</status></version>
            <version><range>vers:npm/&lt;1.3.0</range></version>
          </versions>
        </target>
      </affects>
    </vulnerability>
  </vulnerabilities>
</bom>
`;

/** The inventory as SPDX 2.3 JSON. */
export const spdxJson: SpdxDocument = {
  spdxVersion: "SPDX-2.3",
  dataLicense: "CC0-1.0",
  SPDXID: "SPDXRef-DOCUMENT",
  name: "shop-3.1.0",
  documentNamespace: "https://example.org/spdxdocs/shop-3.1.0-6f1e1f0e",
  creationInfo: { created: "2025-01-02T03:04:05Z", creators: ["Tool: sbom-tool-1.0", "Organization: Example Inc"] },
  documentDescribes: ["SPDXRef-app"],
  packages: [
    {
      SPDXID: "SPDXRef-app",
      name: "shop",
      versionInfo: "3.1.0",
      downloadLocation: "NOASSERTION",
      primaryPackagePurpose: "APPLICATION",
    },
    {
      SPDXID: "SPDXRef-left-pad",
      name: "left-pad",
      versionInfo: "1.3.0",
      supplier: "Organization: Left Pad Org (security@left-pad.example)",
      downloadLocation: "https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz",
      checksums: [{ algorithm: "SHA256", checksumValue: SHA256_A }],
      externalRefs: [
        { referenceCategory: "PACKAGE-MANAGER", referenceType: "purl", referenceLocator: "pkg:npm/left-pad@1.3.0" },
        {
          referenceCategory: "SECURITY",
          referenceType: "cpe23Type",
          referenceLocator: "cpe:2.3:a:left-pad:left-pad:1.3.0:*:*:*:*:*:*:*",
        },
      ],
    },
    {
      SPDXID: "SPDXRef-os",
      name: "debian",
      versionInfo: "12",
      supplier: "NOASSERTION",
      downloadLocation: "NONE",
      primaryPackagePurpose: "OPERATING-SYSTEM",
    },
  ],
  relationships: [
    { spdxElementId: "SPDXRef-DOCUMENT", relationshipType: "DESCRIBES", relatedSpdxElement: "SPDXRef-app" },
    { spdxElementId: "SPDXRef-app", relationshipType: "DEPENDS_ON", relatedSpdxElement: "SPDXRef-left-pad" },
  ],
};
