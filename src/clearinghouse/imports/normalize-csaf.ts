import { digestOf } from "../../platform/crypto/canonical-json.ts";
import {
  type Branch,
  type CsafDocument,
  type FullProductName,
  fromCsafTlp,
  parseCsafJson,
  validateCsaf,
} from "../../standards/csaf/index.ts";
import type { OsvAffected } from "../../standards/osv/index.ts";
import type { TlpLabel } from "../../standards/tlp/index.ts";
import { osvPackageOfPurl } from "../advisories/ecosystems.ts";
import { CVE_ID } from "../advisories/model.ts";
import { packageRecords } from "../advisories/record.ts";
import { type Normalized, rejected, summaryFrom, titleFrom, utc } from "./model.ts";

const SEVERITIES = ["NONE", "LOW", "MEDIUM", "HIGH", "CRITICAL"];
const AFFECTED_GROUPS = ["known_affected", "first_affected", "last_affected"] as const;

function productsOf(doc: CsafDocument): FullProductName[] {
  const out: FullProductName[] = [...(doc.product_tree?.full_product_names ?? [])];
  const walk = (branches: Branch[] | undefined) => {
    for (const b of branches ?? []) {
      if (b.product !== undefined) out.push(b.product);
      walk(b.branches);
    }
  };
  walk(doc.product_tree?.branches);
  for (const r of doc.product_tree?.relationships ?? []) out.push(r.full_product_name);
  return out;
}

/**
 * Affected products with a purl in a known ecosystem, as OSV affected entries listing the purl's
 * version: CSAF names versions, not ranges, so exact versions are what can be matched.
 */
function affectedPackages(doc: CsafDocument): OsvAffected[] {
  const affectedIds = new Set(
    (doc.vulnerabilities ?? []).flatMap((v) => AFFECTED_GROUPS.flatMap((g) => v.product_status?.[g] ?? [])),
  );
  const byPackage = new Map<string, OsvAffected>();
  for (const product of productsOf(doc)) {
    const purl = product.product_identification_helper?.purl;
    if (purl === undefined || !affectedIds.has(product.product_id)) continue;
    const ref = osvPackageOfPurl(purl);
    if (!ref.ok || ref.value.version === undefined) continue;
    const key = `${ref.value.ecosystem}\u0000${ref.value.name}`;
    const entry = byPackage.get(key) ?? {
      package: { ecosystem: ref.value.ecosystem, name: ref.value.name, purl: ref.value.purl },
      versions: [],
    };
    if (!entry.versions!.includes(ref.value.version)) entry.versions!.push(ref.value.version);
    byPackage.set(key, entry);
  }
  return [...byPackage.values()];
}

function headline(doc: CsafDocument): { score: number | null; severity: string | null } {
  let best: { baseScore: number; baseSeverity: string } | undefined;
  for (const score of (doc.vulnerabilities ?? []).flatMap((v) => v.scores ?? [])) {
    if (score.cvss_v3 !== undefined && (best === undefined || score.cvss_v3.baseScore > best.baseScore))
      best = score.cvss_v3;
  }
  if (best !== undefined) return { score: best.baseScore, severity: best.baseSeverity };
  const text = doc.document.aggregate_severity?.text.toUpperCase();
  return { score: null, severity: text !== undefined && SEVERITIES.includes(text) ? text : null };
}

/** A CSAF 2.0 document, valid per the schema and the mandatory tests, as an advisory record. */
export function normalizeCsaf(text: string, tlpWhenUnlabeled: TlpLabel): Normalized {
  const parsed = parseCsafJson(text);
  if (!parsed.ok) return rejected(parsed.error.path, parsed.error.message);
  const report = validateCsaf(parsed.value, { optional: false });
  if (!report.valid) {
    const first = report.errors[0]!;
    return rejected(first.path, `test ${first.test}: ${first.message}`);
  }
  const doc = parsed.value;
  const { tracking } = doc.document;
  const label = doc.document.distribution?.tlp?.label;
  const tlp =
    label === undefined
      ? { ok: true as const, value: tlpWhenUnlabeled }
      : fromCsafTlp(label, doc.document.distribution?.text);
  if (!tlp.ok) return rejected(tlp.error.path, tlp.error.message);
  const ids = [
    ...(tracking.aliases ?? []),
    ...(doc.vulnerabilities ?? []).flatMap((v) => [
      ...(v.cve === undefined ? [] : [v.cve]),
      ...(v.ids ?? []).map((i) => i.text),
    ]),
  ];
  const aliases = [...new Set(ids)].filter((a) => a !== tracking.id);
  const note =
    doc.document.notes?.find((n) => n.category === "summary") ??
    doc.document.notes?.find((n) => n.category !== "legal_disclaimer");
  const { score, severity } = headline(doc);
  return {
    ok: true,
    value: {
      id: tracking.id,
      source: "import:csaf",
      sourceId: tracking.id,
      caseId: null,
      osvId: null,
      aliases,
      cveId: aliases.find((a) => CVE_ID.test(a)) ?? null,
      title: doc.document.title || titleFrom(note?.text ?? tracking.id),
      summary: summaryFrom(note?.text ?? ""),
      severity,
      cvssScore: score,
      tlp: tlp.value,
      recipients: [],
      revision: 1,
      publishedAt: utc(tracking.initial_release_date),
      modifiedAt: utc(tracking.current_release_date),
      withdrawnAt: null,
      documents: { csaf: doc },
      contentHash: digestOf(doc),
      packages: packageRecords(affectedPackages(doc)),
    },
  };
}
