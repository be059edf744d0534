import { AppError } from "../../platform/errors/errors.ts";
import {
  buildCveRecord,
  type CnaPublishedContainer,
  type CveAffectedInput,
  type CveRecord,
} from "../../standards/cve5/index.ts";
import { parseCvss, scoreCvss } from "../../standards/cvss/index.ts";
import { cweName } from "../../standards/cwe/index.ts";
import { emitSelectionList } from "../../standards/ssvc/index.ts";
import { cveCollectionOf } from "./ecosystems.ts";
import type { AdvisoryDraft, AffectedPackage } from "./model.ts";
import { cveIdOf } from "./record.ts";
import { advisoryPageUrl, type RenderMeta } from "./render-context.ts";

/**
 * The CVE 5.x record of a draft that has a CVE id (the record names the CVE; without one there is
 * no record). Packages become products with the ecosystem's collection URL; vendor statements add
 * per-version statuses (affected, unaffected, unknown); the SSVC selection goes in as an `ssvc` metric.
 */

const CVE_DESCRIPTION_MAX = 4096;

type CveVersionInput = NonNullable<CveAffectedInput["versions"]>[number];

function packageVersions(pkg: AffectedPackage, versionType: string): CveVersionInput[] {
  const versions: CveVersionInput[] = [];
  for (const range of pkg.ranges) {
    const type = range.type === "GIT" ? "git" : range.type === "SEMVER" ? "semver" : versionType;
    let start: string | undefined;
    for (const event of range.events) {
      if (event.introduced !== undefined) start = event.introduced;
      else if (start !== undefined && event.fixed !== undefined) {
        versions.push({ version: start, lessThan: event.fixed, status: "affected", versionType: type });
        start = undefined;
      } else if (start !== undefined && event.last_affected !== undefined) {
        versions.push({ version: start, lessThanOrEqual: event.last_affected, status: "affected", versionType: type });
        start = undefined;
      }
    }
    if (start !== undefined) versions.push({ version: start, lessThan: "*", status: "affected", versionType: type });
  }
  for (const version of pkg.versions) versions.push({ version, status: "affected", versionType });
  return versions;
}

function affected(draft: AdvisoryDraft): CveAffectedInput[] {
  const out: CveAffectedInput[] = draft.packages.map((pkg) => {
    const collection = cveCollectionOf(pkg.ecosystem);
    return {
      vendor: pkg.ecosystem,
      product: pkg.name,
      ...(collection.url !== undefined && { collectionURL: collection.url, packageName: pkg.name }),
      versions: packageVersions(pkg, collection.versionType),
      defaultStatus: "unaffected",
    };
  });
  for (const product of draft.products) {
    out.push({
      vendor: product.vendor,
      product: product.product,
      ...(product.cpe !== undefined && { cpes: [product.cpe] }),
      ...(product.versions.length > 0 && {
        versions: product.versions.map((v) => ({ ...v, status: "affected" as const, versionType: "custom" })),
      }),
    });
  }
  for (const s of draft.vendorStatements) {
    const status = s.status === "affected" ? "affected" : s.status === "under_investigation" ? "unknown" : "unaffected";
    const fixed = s.fixedVersions.map((version) => ({ version, status: "unaffected" as const }));
    out.push({
      vendor: s.vendor,
      product: s.product,
      ...(s.cpe !== undefined && { cpes: [s.cpe] }),
      ...(s.version === undefined
        ? { defaultStatus: status, ...(fixed.length > 0 && { versions: fixed }) }
        : { versions: [{ version: s.version, status }, ...fixed], defaultStatus: "unknown" }),
    });
  }
  return out;
}

/** CVE descriptions hold at most 4,096 characters: the summary, with the details when they fit. */
function description(draft: AdvisoryDraft): string {
  const full = draft.details === "" ? draft.summary : `${draft.summary}\n\n${draft.details}`;
  return full.length <= CVE_DESCRIPTION_MAX ? full : draft.summary;
}

/** The record, or undefined when the draft has no CVE id. Throws a validation AppError for a record the schema refuses. */
export function renderCve5(draft: AdvisoryDraft, meta: RenderMeta): CveRecord | undefined {
  const cveId = cveIdOf(draft.aliases);
  if (cveId === null) return undefined;
  const built = buildCveRecord({
    id: cveId,
    assigner: { orgId: meta.publisher.cnaOrgId, shortName: meta.publisher.cnaShortName },
    title: draft.title,
    descriptions: description(draft),
    affected: affected(draft),
    cwes: draft.cwes.map((id) => ({ id, ...(cweName(id) !== undefined && { name: cweName(id) }) })),
    cvss: draft.cvss.flatMap(({ vector }) => {
      const parsed = parseCvss(vector);
      if (!parsed.ok) return [];
      const s = scoreCvss(parsed.value);
      return [{ vectorString: vector, baseScore: "base" in s ? s.base : s.score }];
    }),
    references: [...draft.references.map((r) => r.url), advisoryPageUrl(meta)],
    dates: { published: meta.published, updated: meta.modified, public: meta.published },
  });
  if (!built.ok) {
    const field = `cve5:${built.error.path ?? ""}`;
    throw new AppError("validation", `the CVE record is invalid: ${field}: ${built.error.message}`, [
      { field, message: built.error.message },
    ]);
  }
  const record = built.value;
  if (draft.ssvc !== undefined) {
    const cna = record.containers.cna as CnaPublishedContainer;
    cna.metrics = [...(cna.metrics ?? []), { other: { type: "ssvc", content: emitSelectionList(draft.ssvc) } }];
  }
  return record;
}
