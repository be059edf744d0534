import { AppError } from "../../platform/errors/errors.ts";
import {
  buildAdvisoryBundle,
  type StixAffectedProduct,
  type StixBundle,
  type StixReferenceInput,
  uuidV5,
  validateStixBundle,
} from "../../standards/stix/index.ts";
import type { AdvisoryDocuments } from "./documents.ts";
import type { Advisory } from "./model.ts";
import type { PublisherInfo } from "./render-context.ts";

/**
 * A STIX 2.1 bundle of any advisory, published or imported, built from whichever documents it has
 * (OSV, then CSAF, then CVE) and validated before it is handed out.
 */

// Our UUIDv5 namespace for STIX ids derived from advisory ids (stable across downloads).
const AICC_STIX_NAMESPACE = "6f1c7c55-4c0e-4c1e-9a49-2b4a0e6d2a11";

type Doc = Record<string, unknown>;
const list = (value: unknown): Doc[] => (Array.isArray(value) ? (value as Doc[]) : []);
const httpUrl = (url: unknown): url is string => typeof url === "string" && /^https?:\/\/\S+$/.test(url);

function referencesOf(docs: AdvisoryDocuments): StixReferenceInput[] {
  const osv = docs.osv as Doc | undefined;
  const csaf = (docs.csaf as Doc | undefined)?.document as Doc | undefined;
  const cna = ((docs.cve5 as Doc | undefined)?.containers as Doc | undefined)?.cna as Doc | undefined;
  const urls = [
    ...list(osv?.references).map((r) => r.url),
    ...list(csaf?.references).map((r) => r.url),
    ...list(cna?.references).map((r) => r.url),
  ].filter(httpUrl);
  return [...new Set(urls)].slice(0, 100).map((url) => ({ url }));
}

function cwesOf(docs: AdvisoryDocuments): string[] {
  const osv = docs.osv as Doc | undefined;
  const specific = (osv?.database_specific as Doc | undefined)?.cwe_ids;
  const csafVulns = list((docs.csaf as Doc | undefined)?.vulnerabilities);
  const cna = ((docs.cve5 as Doc | undefined)?.containers as Doc | undefined)?.cna as Doc | undefined;
  const ids = [
    ...(Array.isArray(specific) ? specific : []),
    ...csafVulns.map((v) => (v.cwe as Doc | undefined)?.id),
    ...list(cna?.problemTypes).flatMap((p) => list(p.descriptions).map((d) => d.cweId)),
  ];
  return [...new Set(ids.filter((id): id is string => typeof id === "string" && /^CWE-\d+$/.test(id)))];
}

function affectedOf(docs: AdvisoryDocuments): StixAffectedProduct[] {
  const osv = docs.osv as Doc | undefined;
  if (osv !== undefined) {
    return list(osv.affected).flatMap((a) => {
      const pkg = a.package as { ecosystem: string; name: string } | undefined;
      return pkg === undefined ? [] : [{ name: pkg.name, vendor: pkg.ecosystem }];
    });
  }
  const cna = ((docs.cve5 as Doc | undefined)?.containers as Doc | undefined)?.cna as Doc | undefined;
  return list(cna?.affected).flatMap((a) =>
    typeof a.product === "string" && a.product !== "" && a.product !== "n/a"
      ? [{ name: a.product, ...(typeof a.vendor === "string" && a.vendor !== "" && { vendor: a.vendor }) }]
      : [],
  );
}

/** Builds and validates the bundle; a bundle the STIX schemas refuse is an internal error, never served. */
export function renderStix(advisory: Advisory, docs: AdvisoryDocuments, publisher: PublisherInfo): StixBundle {
  const published = advisory.publishedAt;
  // STIX refuses modified < created; ISO-8601 UTC strings order as their instants.
  const modified = [published, advisory.modifiedAt].sort()[1]!;
  const built = buildAdvisoryBundle({
    advisoryId: advisory.id,
    ...(advisory.cveId !== null && { cve: advisory.cveId }),
    title: advisory.title,
    description: advisory.summary,
    cwes: cwesOf(docs),
    references: referencesOf(docs),
    published,
    modified,
    affected: affectedOf(docs),
    producer: { name: publisher.name, id: `identity--${uuidV5(AICC_STIX_NAMESPACE, publisher.namespace)}` },
    tlp: advisory.tlp,
    ids: {
      bundle: `bundle--${uuidV5(AICC_STIX_NAMESPACE, `${advisory.id}#${advisory.revision}`)}`,
      vulnerability: `vulnerability--${uuidV5(AICC_STIX_NAMESPACE, advisory.id)}`,
    },
  });
  if (!built.ok) throw new AppError("internal", `STIX bundle of ${advisory.id}: ${built.error.message}`);
  const report = validateStixBundle(built.value);
  if (!report.valid) {
    const first = report.errors[0]!;
    throw new AppError("internal", `STIX bundle of ${advisory.id} is invalid: ${first.path ?? ""}: ${first.message}`);
  }
  return built.value;
}
