/**
 * Throughput of the document standards: OSV documents parsed and validated per second (the real
 * Go and PyPA databases from shared/data when present), and CycloneDX components extracted per
 * second from a generated 5,000-component BOM (JSON and XML).
 *
 *   npx tsx bench/standards-documents.ts [path/to/shared]
 */
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { emitOsvJson, type OsvVulnerability, parseOsvJson, parseOsvYaml } from "../src/standards/osv/index.ts";
import {
  type CycloneDxBom,
  emitCycloneDxJson,
  extractCycloneDxComponents,
  parseCycloneDxJson,
  parseCycloneDxXml,
} from "../src/standards/sbom/index.ts";

const shared = process.argv[2] ?? path.resolve(import.meta.dirname, "..", "..", "shared");
const COMPONENTS = 5000;

/** Items per second of elapsed time, and per second of this process's CPU time (steadier on a busy machine). */
interface Rate {
  wall: number;
  cpu: number;
}

/** Run `fn` over `items` (whole passes) for about `seconds`. */
function throughput<T>(items: T[], fn: (item: T) => unknown, seconds = 1.5): Rate {
  for (const item of items.slice(0, 20)) fn(item); // warm up (schema compilation, JIT)
  let done = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  while (done === 0 || performance.now() - start < seconds * 1000) {
    for (const item of items) fn(item);
    done += items.length;
  }
  const used = process.cpuUsage(cpu);
  return { wall: done / ((performance.now() - start) / 1000), cpu: done / ((used.user + used.system) / 1e6) };
}

function scale(rate: Rate, factor: number): Rate {
  return { wall: rate.wall * factor, cpu: rate.cpu * factor };
}

async function files(root: string, extension: string, limit: number): Promise<string[]> {
  if (!existsSync(root)) return [];
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const names = entries
    .filter((e) => e.isFile() && e.name.endsWith(extension))
    .map((e) => path.join(e.parentPath, e.name));
  return Promise.all(
    names
      .sort()
      .slice(0, limit)
      .map((name) => readFile(name, "utf8")),
  );
}

/** A synthetic OSV document, used when the real databases are not at hand. */
function syntheticOsv(i: number): string {
  const osv: OsvVulnerability = {
    schema_version: "1.7.0",
    id: `GHSA-${String(i).padStart(4, "0")}-aaaa-bbbb`,
    modified: "2025-01-01T00:00:00Z",
    aliases: [`CVE-2025-${10000 + i}`],
    summary: "Synthetic",
    details: "Synthetic advisory for the benchmark.",
    affected: [
      {
        package: { ecosystem: "npm", name: `pkg-${i}` },
        ranges: [{ type: "SEMVER", events: [{ introduced: "0" }, { fixed: "1.2.3" }] }],
      },
    ],
    references: [{ type: "ADVISORY", url: `https://example.org/${i}` }],
  };
  return emitOsvJson(osv);
}

function bomOf(count: number): CycloneDxBom {
  const components = Array.from({ length: count }, (_, i) => ({
    type: "library",
    "bom-ref": `pkg:npm/c${i}@1.${i % 50}.0`,
    supplier: { name: `Supplier ${i % 97}` },
    name: `c${i}`,
    version: `1.${i % 50}.0`,
    hashes: [{ alg: "SHA-256", content: i.toString(16).padStart(8, "0").repeat(8) }],
    purl: `pkg:npm/c${i}@1.${i % 50}.0`,
    ...(i % 10 === 0 && { cpe: `cpe:2.3:a:vendor:c${i}:1.${i % 50}.0:*:*:*:*:*:*:*` }),
  }));
  return { bomFormat: "CycloneDX", specVersion: "1.6", version: 1, components };
}

function xmlOf(bom: CycloneDxBom): string {
  const body = (bom.components ?? [])
    .map(
      (c) =>
        `<component type="${c.type}" bom-ref="${c["bom-ref"]}"><supplier><name>${c.supplier?.name}</name></supplier><name>${c.name}</name><version>${c.version}</version>` +
        `<hashes><hash alg="SHA-256">${c.hashes?.[0]?.content}</hash></hashes>${c.cpe ? `<cpe>${c.cpe}</cpe>` : ""}<purl>${c.purl}</purl></component>`,
    )
    .join("");
  return `<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1"><components>${body}</components></bom>`;
}

const advisories = path.join(shared, "data", "advisories");
let goJson = await files(path.join(advisories, "go-vulndb"), ".json", 1000);
const pypaYaml = await files(path.join(advisories, "pypa"), ".yaml", 200);
const source = goJson.length > 0 ? "Go vulndb" : "synthetic";
if (goJson.length === 0) goJson = Array.from({ length: 1000 }, (_, i) => syntheticOsv(i));

const bom = bomOf(COMPONENTS);
const bomText = emitCycloneDxJson(bom);
const bomXml = xmlOf(bom);
const check = parseCycloneDxXml(bomXml);
if (!check.ok || extractCycloneDxComponents(check.value).length !== COMPONENTS)
  throw new Error("generated XML BOM does not read back");

const osvJsonRate = throughput(goJson, (text) => parseOsvJson(text).ok || undefined);
const osvYamlRate =
  pypaYaml.length > 0 ? throughput(pypaYaml, (text) => parseOsvYaml(text).ok || undefined) : undefined;
const extractRate = scale(
  throughput([bom], (b) => extractCycloneDxComponents(b).length, 1),
  COMPONENTS,
);
const jsonRate = scale(
  throughput([bomText], (t) => {
    const parsed = parseCycloneDxJson(t);
    return parsed.ok && extractCycloneDxComponents(parsed.value).length;
  }),
  COMPONENTS,
);
const xmlRate = scale(
  throughput([bomXml], (t) => {
    const parsed = parseCycloneDxXml(t);
    return parsed.ok && extractCycloneDxComponents(parsed.value).length;
  }),
  COMPONENTS,
);

const fmt = (rate: Rate, unit: string) =>
  `${Math.round(rate.cpu).toLocaleString("en-US")} ${unit}/CPU-s (${Math.round(rate.wall).toLocaleString("en-US")} ${unit}/s elapsed)`;
console.log(
  `standards-documents: ${os.cpus().length} cores, load average ${os.loadavg()[0]?.toFixed(1)}, Node ${process.version}`,
);
console.log(`OSV JSON parse+validate (${source}, ${goJson.length} docs): ${fmt(osvJsonRate, "docs")}`);
if (osvYamlRate) console.log(`OSV YAML parse+validate (PyPA, ${pypaYaml.length} docs): ${fmt(osvYamlRate, "docs")}`);
console.log(`CycloneDX extract only (${COMPONENTS} components, parsed BOM): ${fmt(extractRate, "components")}`);
console.log(
  `CycloneDX JSON parse+validate+extract (${(bomText.length / 1e6).toFixed(1)} MB): ${fmt(jsonRate, "components")}`,
);
console.log(
  `CycloneDX XML parse+map+validate+extract (${(bomXml.length / 1e6).toFixed(1)} MB): ${fmt(xmlRate, "components")}`,
);
