/**
 * STIX 2.1 conformance.
 * - `stix-2.1`: bundles we build for sample advisories validate against the OASIS schemas with no
 *   warnings. Samples: hand-written cases (every TLP label, both TLP versions, purl-only, CPE, SWID),
 *   the CVE JSON 5 example records, the OSV conversions of GitHub advisories, and, when the shared
 *   data folder sits beside the conformance root, every entry of CISA's KEV catalogue. Then the
 *   objects of the TAXII 2.1 reference server's test data: its STIX 2.1 objects must validate;
 *   objects without `spec_version` are STIX 2.0-style and must be rejected as STIX 2.1.
 * - `stix-2.1-vendored-schemas`: our vendored schemas equal the conformance set's, file by file.
 */
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { type ConformanceSuite, SuiteTally } from "../conformance-suite.ts";
import { isJsonObject, type JsonObject } from "../json/index.ts";
import { TLP_LABELS } from "../tlp/index.ts";
import { buildAdvisoryBundle, type StixAdvisoryInput } from "./advisory-bundle.ts";
import type { StixAffectedProduct } from "./software.ts";
import { validateStixBundle, validateStixObject } from "./validate.ts";

const PRODUCER = { name: "aicc conformance", id: "identity--8f2f3f4e-5d6c-4b7a-9e8f-0a1b2c3d4e5f" };

/** Reproducible v4-shaped UUIDs, so failures can be replayed. */
function counterUuid(): () => string {
  let n = 0;
  return () => `00000000-0000-4000-8000-${(n++).toString(16).padStart(12, "0")}`;
}

/** Rotate through every TLP 2.0 label, no label, and both marking versions. */
function tlpFor(index: number): Pick<StixAdvisoryInput, "tlp" | "tlpVersion"> {
  const slot = index % (TLP_LABELS.length + 1);
  if (slot === TLP_LABELS.length) return {};
  return { tlp: TLP_LABELS[slot], tlpVersion: index % 2 === 0 ? 2 : 1 };
}

const HAND_WRITTEN: StixAdvisoryInput[] = [
  {
    advisoryId: "AICC-2025-0001",
    cve: "CVE-2025-0001",
    title: "Heap overflow in image decoder",
    description: "A crafted PNG overflows a heap buffer.",
    cwes: ["CWE-787", "CWE-20"],
    advisoryUrl: "https://advisories.example.org/AICC-2025-0001",
    references: [{ url: "https://vendor.example.com/security/2025-01", description: "Vendor bulletin" }],
    published: "2025-01-15T10:00:00Z",
    modified: "2025-02-01T08:30:00.123456Z",
    affected: [
      {
        name: "Image Viewer",
        vendor: "Example Corp",
        version: "4.2.0",
        cpe: "cpe:2.3:a:example:image_viewer:4.2.0:*:*:*:*:*:*:*",
      },
      { purl: "pkg:npm/%40example/decoder@1.2.3" },
      { purl: "pkg:maven/org.example/decoder-core@2.0.0", vendor: "Example Corp" },
    ],
    producer: PRODUCER,
  },
  {
    advisoryId: "AICC-2025-0002",
    description: "No CVE yet: the advisory id names the vulnerability.",
    published: new Date(Date.UTC(2025, 2, 3, 12, 0, 0)),
    affected: [{ name: "Ünïcödé Tool ✓", vendor: "Ex\u00e4mple GmbH", swid: "example.com-unicode-tool-1.0" }],
    producer: { ...PRODUCER, identityClass: "individual", contactInformation: "psirt@example.org" },
  },
  {
    advisoryId: "AICC-2025-0003",
    cve: "CVE-2025-10003",
    cwes: ["CWE-1035"],
    published: "2025-04-01T00:00:00+02:00",
    affected: [{ name: "router firmware", cpe: "cpe:2.3:o:example:router\\:fw:1.0\\*:*:*:en-us:*:*:*:*" }],
    producer: PRODUCER,
    ids: {
      bundle: "bundle--6f1d2e3c-4b5a-4c7d-8e9f-a0b1c2d3e4f5",
      vulnerability: "vulnerability--1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
    },
  },
  { advisoryId: "AICC-2025-0004", published: "2025-05-05T05:05:05.5Z", producer: PRODUCER },
];

/** Hand-written samples, each under every TLP choice. */
function handWrittenSamples(): [string, StixAdvisoryInput][] {
  const samples: [string, StixAdvisoryInput][] = [];
  for (const [i, sample] of HAND_WRITTEN.entries()) {
    for (let slot = 0; slot < (TLP_LABELS.length + 1) * 2; slot++) {
      samples.push([`hand-written-${i}/tlp-${slot}`, { ...sample, ...tlpFor(slot) }]);
    }
  }
  return samples;
}

/** A CVE JSON 5 record or CNA container as advisory input. */
function fromCveRecord(json: JsonObject, name: string): StixAdvisoryInput | undefined {
  const containers = isJsonObject(json.containers) ? json.containers : undefined;
  const cna = (containers && isJsonObject(containers.cna) ? containers.cna : json.cnaContainer) as
    | JsonObject
    | undefined;
  if (!isJsonObject(cna) || !Array.isArray(cna.affected)) return undefined;
  const metadata = isJsonObject(json.cveMetadata) ? json.cveMetadata : {};
  const cwes = new Set<string>();
  for (const problem of (cna.problemTypes as JsonObject[] | undefined) ?? []) {
    for (const d of (problem.descriptions as JsonObject[] | undefined) ?? []) {
      const id = typeof d.cweId === "string" ? d.cweId : /^CWE-\d+/.exec(String(d.description))?.[0];
      if (id) cwes.add(id);
    }
  }
  const affected: StixAffectedProduct[] = [];
  for (const product of cna.affected as JsonObject[]) {
    for (const version of (product.versions as JsonObject[] | undefined) ?? [{}]) {
      const range = version.lessThan ? `>= ${version.version}, < ${version.lessThan}` : version.version;
      affected.push({
        name: String(product.product ?? product.packageName),
        vendor: typeof product.vendor === "string" ? product.vendor : undefined,
        version: typeof range === "string" ? range : undefined,
      });
    }
  }
  const description = (cna.descriptions as JsonObject[] | undefined)?.[0]?.value;
  return {
    advisoryId: typeof metadata.cveId === "string" ? metadata.cveId : name,
    cve: typeof metadata.cveId === "string" ? metadata.cveId : undefined,
    title: typeof cna.title === "string" ? cna.title : undefined,
    description: typeof description === "string" ? description : undefined,
    cwes: [...cwes],
    references: ((cna.references as JsonObject[] | undefined) ?? [])
      .map((r) => String(r.url))
      .filter((url) => /^https?:\/\//.test(url))
      .map((url) => ({ url })),
    published: withZone(typeof metadata.datePublished === "string" ? metadata.datePublished : "2021-01-01T00:00:00"),
    affected,
    producer: PRODUCER,
  };
}

/** CVE JSON 5 timestamps may omit the zone; they are UTC. */
function withZone(timestamp: string): string {
  return /(Z|[+-]\d{2}:\d{2})$/i.test(timestamp) ? timestamp : `${timestamp}Z`;
}

/** OSV ecosystems → purl types, for the packages in the OSV samples. */
const PURL_TYPES: Record<string, string> = {
  Maven: "maven",
  npm: "npm",
  PyPI: "pypi",
  Go: "golang",
  RubyGems: "gem",
  NuGet: "nuget",
  Packagist: "composer",
  "crates.io": "cargo",
};

/** An OSV record as advisory input: one software object per affected package, identified by purl. */
function fromOsv(json: JsonObject): StixAdvisoryInput {
  const aliases = Array.isArray(json.aliases) ? (json.aliases as string[]) : [];
  const affected: StixAffectedProduct[] = [];
  for (const entry of (json.affected as JsonObject[] | undefined) ?? []) {
    const pkg = entry.package as JsonObject;
    const type = PURL_TYPES[String(pkg.ecosystem)];
    if (typeof pkg.purl === "string") affected.push({ purl: pkg.purl });
    else if (type) {
      const [namespace, name] = type === "maven" ? String(pkg.name).split(":") : [undefined, String(pkg.name)];
      affected.push({ purl: `pkg:${type}/${namespace ? `${namespace}/` : ""}${encodeURIComponent(String(name))}` });
    } else affected.push({ name: String(pkg.name) });
  }
  const specific = isJsonObject(json.database_specific) ? json.database_specific : {};
  return {
    advisoryId: String(json.id),
    cve: aliases.find((alias) => alias.startsWith("CVE-")),
    title: typeof json.summary === "string" ? json.summary : undefined,
    description: typeof json.details === "string" ? json.details : undefined,
    cwes: Array.isArray(specific.cwe_ids) ? (specific.cwe_ids as string[]) : [],
    references: ((json.references as JsonObject[] | undefined) ?? []).map((r) => ({ url: String(r.url) })),
    published: String(json.published),
    modified: String(json.modified),
    affected,
    producer: PRODUCER,
  };
}

/** A KEV catalogue entry as advisory input. */
function fromKev(entry: JsonObject): StixAdvisoryInput {
  const urls = String(entry.notes ?? "")
    .split(/\s*;\s*|\s+/)
    .filter((url) => /^https?:\/\/\S+$/.test(url));
  return {
    advisoryId: `KEV-${entry.cveID}`,
    cve: String(entry.cveID),
    title: String(entry.vulnerabilityName),
    description: String(entry.shortDescription),
    cwes: Array.isArray(entry.cwes) ? (entry.cwes as string[]) : [],
    references: [...new Set(urls)].map((url) => ({ url })),
    published: `${entry.dateAdded}T00:00:00Z`,
    affected: [{ name: String(entry.product), vendor: String(entry.vendorProject) }],
    producer: { ...PRODUCER, name: "CISA KEV (conformance sample)" },
  };
}

/**
 * Build and validate one sample; passes only with a valid bundle, no warnings and the expected name.
 * `wholeBundleSchema` also runs the official bundle schema over the bundle as a cross-check.
 */
function checkSample(tally: SuiteTally, id: string, input: StixAdvisoryInput, wholeBundleSchema = true): void {
  const built = buildAdvisoryBundle({ ...input, randomUuid: counterUuid() });
  if (!built.ok) {
    tally.check(id, false, `build failed: ${built.error.code} ${built.error.message}`);
    return;
  }
  const report = validateStixBundle(JSON.parse(JSON.stringify(built.value)), { wholeBundleSchema });
  const problems = [...report.errors, ...report.warnings];
  const vulnerability = built.value.objects.find((object) => object.type === "vulnerability");
  const named = vulnerability?.name === (input.cve ?? input.advisoryId);
  const reason = problems[0] ? `${problems[0].code} ${problems[0].message}` : named ? "" : "vulnerability misnamed";
  tally.check(id, report.valid && problems.length === 0 && named, reason);
}

async function readJson(file: string): Promise<JsonObject> {
  return JSON.parse(await readFile(file, "utf8")) as JsonObject;
}

/**
 * The TAXII 2.1 reference server's objects: those with spec_version 2.1 must validate; those without
 * are STIX 2.0-style and must be rejected as STIX 2.1 (which requires spec_version).
 */
async function checkTaxiiDefaultData(tally: SuiteTally, dir: string): Promise<void> {
  const data = await readJson(path.join(dir, "stix-2.1", "taxii-2.1", "default_data.json"));
  for (const [rootName, root] of Object.entries(data)) {
    if (!isJsonObject(root) || !Array.isArray(root.collections)) continue;
    for (const collection of root.collections as JsonObject[]) {
      for (const [index, object] of ((collection.objects as JsonObject[] | undefined) ?? []).entries()) {
        const id = `${rootName}/${collection.id}/objects/${index}`;
        const report = validateStixObject(object);
        if (object.spec_version === "2.1") {
          tally.check(id, report.valid, report.errors[0]?.message ?? "");
        } else {
          tally.check(
            `${id} (no spec_version: STIX 2.0-style)`,
            !report.valid,
            "accepted as STIX 2.1 without spec_version",
          );
        }
      }
    }
  }
}

export const suites: ConformanceSuite[] = [
  {
    suite: "stix-2.1",
    required: true,
    async run(dir) {
      const tally = new SuiteTally();
      for (const [id, input] of handWrittenSamples()) checkSample(tally, id, input);
      const cveDir = path.join(dir, "cve-5");
      for (const file of (await readdir(cveDir)).filter((f) => f.endsWith("-example.json")).sort()) {
        const input = fromCveRecord(await readJson(path.join(cveDir, file)), file.replace(/\.json$/, ""));
        if (!input) continue;
        for (let slot = 0; slot <= TLP_LABELS.length; slot++)
          checkSample(tally, `cve-5/${file}/tlp-${slot}`, { ...input, ...tlpFor(slot) });
      }
      const osvDir = path.join(dir, "osv", "ghsa-to-osv");
      for (const [index, file] of (await readdir(osvDir))
        .filter((f) => f.endsWith(".osv.json"))
        .sort()
        .entries()) {
        checkSample(tally, `osv/${file}`, { ...fromOsv(await readJson(path.join(osvDir, file))), ...tlpFor(index) });
      }
      const kev = path.join(dir, "..", "data", "kev", "known_exploited_vulnerabilities.json");
      if (existsSync(kev)) {
        const catalogue = await readJson(kev);
        for (const [index, entry] of (catalogue.vulnerabilities as JsonObject[]).entries()) {
          // Every 20th KEV bundle gets the whole-bundle cross-check too; all get the per-object check.
          checkSample(tally, `kev/${entry.cveID}`, { ...fromKev(entry), ...tlpFor(index) }, index % 20 === 0);
        }
      }
      await checkTaxiiDefaultData(tally, dir);
      return tally.outcome();
    },
  },
  {
    suite: "stix-2.1-vendored-schemas",
    required: true,
    async run(dir) {
      const tally = new SuiteTally();
      const ours = path.join(path.dirname(fileURLToPath(import.meta.url)), "schemas");
      const theirs = path.join(dir, "stix-2.1", "schemas");
      for (const folder of (await readdir(theirs)).sort()) {
        for (const file of (await readdir(path.join(theirs, folder))).filter((f) => f.endsWith(".json")).sort()) {
          const id = `${folder}/${file}`;
          const vendored = path.join(ours, folder, file);
          const same =
            existsSync(vendored) &&
            isDeepStrictEqual(await readJson(vendored), await readJson(path.join(theirs, folder, file)));
          tally.check(id, same, "vendored schema differs or is missing");
        }
      }
      return tally.outcome();
    },
  },
];
