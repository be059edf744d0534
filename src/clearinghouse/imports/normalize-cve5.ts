import { digestOf } from "../../platform/crypto/canonical-json.ts";
import {
  type CnaPublishedContainer,
  type CnaRejectedContainer,
  type CveDescription,
  type CveProduct,
  parseCveJson,
} from "../../standards/cve5/index.ts";
import type { OsvAffected, OsvEvent } from "../../standards/osv/index.ts";
import type { TlpLabel } from "../../standards/tlp/index.ts";
import { compileOsvAffected } from "../../standards/versions/index.ts";
import { ecosystemOfCollection } from "../advisories/ecosystems.ts";
import { headlineScore, packageRecords } from "../advisories/record.ts";
import { type Normalized, rejected, summaryFrom, titleFrom, utc } from "./model.ts";

function english(texts: readonly CveDescription[]): string {
  return (texts.find((d) => d.lang.toLowerCase().startsWith("en")) ?? texts[0])?.value ?? "";
}

/**
 * A package product (collection URL of a known ecosystem plus package name) as an OSV affected
 * entry: affected ranges become ECOSYSTEM ranges, single affected versions a version list. A product
 * whose versions the ecosystem cannot order is left out of matching (it stays in the record).
 */
function affectedPackage(product: CveProduct): OsvAffected[] {
  const ecosystem = product.collectionURL === undefined ? undefined : ecosystemOfCollection(product.collectionURL);
  if (ecosystem === undefined || product.packageName === undefined) return [];
  const ranges: { type: "ECOSYSTEM"; events: OsvEvent[] }[] = [];
  const versions: string[] = [];
  for (const v of product.versions ?? []) {
    if (v.status !== "affected") continue;
    const upper = v.lessThan ?? v.lessThanOrEqual;
    if (upper === undefined) {
      versions.push(v.version);
      continue;
    }
    const events: OsvEvent[] = [{ introduced: v.version === "*" ? "0" : v.version }];
    if (v.lessThan !== undefined && v.lessThan !== "*") events.push({ fixed: v.lessThan });
    if (v.lessThanOrEqual !== undefined && v.lessThanOrEqual !== "*") events.push({ last_affected: v.lessThanOrEqual });
    ranges.push({ type: "ECOSYSTEM", events });
  }
  const entry: OsvAffected = {
    package: { ecosystem, name: product.packageName },
    ...(ranges.length > 0 && { ranges }),
    ...(versions.length > 0 && { versions }),
  };
  if (ranges.length === 0 && versions.length === 0) return [];
  return compileOsvAffected(entry).ok ? [entry] : [];
}

/** A CVE JSON 5.x record (published or rejected) as an advisory record. */
export function normalizeCve5(text: string, tlp: TlpLabel): Normalized {
  const parsed = parseCveJson(text);
  if (!parsed.ok) return rejected(parsed.error.path, parsed.error.message);
  const record = parsed.value;
  const meta = record.cveMetadata;
  const rejectedRecord = meta.state === "REJECTED";
  const cna = record.containers.cna;
  const description = rejectedRecord
    ? english((cna as CnaRejectedContainer).rejectedReasons)
    : english((cna as CnaPublishedContainer).descriptions);
  const published = cna as CnaPublishedContainer;
  const vectors = (published.metrics ?? []).flatMap((m) =>
    [m.cvssV4_0, m.cvssV3_1, m.cvssV3_0].flatMap((c) => (c === undefined ? [] : [c.vectorString])),
  );
  const headline = headlineScore(vectors);
  const publishedAt = meta.datePublished ?? meta.dateReserved ?? meta.dateUpdated ?? new Date().toISOString();
  return {
    ok: true,
    value: {
      id: meta.cveId,
      source: "import:cve5",
      sourceId: meta.cveId,
      caseId: null,
      osvId: null,
      aliases: [],
      cveId: meta.cveId,
      title: (!rejectedRecord && published.title) || titleFrom(description) || meta.cveId,
      summary: summaryFrom(description),
      severity: headline?.severity ?? null,
      cvssScore: headline?.score ?? null,
      tlp,
      recipients: [],
      revision: 1,
      publishedAt: utc(publishedAt),
      modifiedAt: utc(meta.dateUpdated ?? publishedAt),
      withdrawnAt: rejectedRecord
        ? utc((meta as { dateRejected?: string }).dateRejected ?? meta.dateUpdated ?? publishedAt)
        : null,
      documents: { cve5: record },
      contentHash: digestOf(record),
      packages: rejectedRecord ? [] : packageRecords((published.affected ?? []).flatMap(affectedPackage)),
    },
  };
}
