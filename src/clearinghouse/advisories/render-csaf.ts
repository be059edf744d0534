import type {
  CsafDocument,
  Flag,
  Note,
  Reference,
  Remediation,
  RevisionHistoryItem,
  Score,
  Vulnerability,
} from "../../standards/csaf/index.ts";
import { csafFilename, toCsafTlp } from "../../standards/csaf/index.ts";
import { parseCvss, scoreCvss, severityOf } from "../../standards/cvss/index.ts";
import { cweName } from "../../standards/cwe/index.ts";
import { csafProducts } from "./csaf-products.ts";
import { type AdvisoryDraft, CVE_ID } from "./model.ts";
import { fixedVersions } from "./record.ts";
import { advisoryPageUrl, type RenderMeta } from "./render-context.ts";

/**
 * The CSAF 2.0 document of a draft: `csaf_vex` when it carries vendor statements, else
 * `csaf_security_advisory`. CSAF 2.0 holds one CWE per vulnerability and CVSS up to 3.1, so further
 * CWEs and CVSS 4.0 vectors travel as notes (the OSV and CVE documents carry them natively).
 */

/** Where a TLP:CLEAR CSAF document is served (CSAF 2.0 distribution: TLP folder, then year). */
export function csafDocumentUrl(meta: Pick<RenderMeta, "id" | "published" | "publisher">): string {
  return `${meta.publisher.baseUrl}/.well-known/csaf/white/${meta.published.slice(0, 4)}/${csafFilename(meta.id)}`;
}

function revisionHistory(meta: RenderMeta): RevisionHistoryItem[] {
  const summary = meta.revision === 1 ? "Initial publication" : `Revision ${meta.revision}`;
  return [...meta.history, { date: meta.modified, number: String(meta.revision), summary }];
}

function scores(draft: AdvisoryDraft, productIds: string[]): Score[] {
  if (productIds.length === 0) return [];
  return draft.cvss.flatMap(({ vector }) => {
    const parsed = parseCvss(vector);
    if (!parsed.ok || parsed.value.version !== "3.1") return [];
    const s = scoreCvss(parsed.value);
    return [
      {
        products: productIds,
        cvss_v3: { version: "3.1", vectorString: vector, baseScore: s.base, baseSeverity: severityOf(s.base) },
      },
    ];
  });
}

function vulnerabilityNotes(draft: AdvisoryDraft): Note[] {
  const notes: Note[] = [{ category: "description", title: "Summary", text: draft.summary }];
  if (draft.details !== "") notes.push({ category: "details", title: "Details", text: draft.details });
  for (const cwe of draft.cwes.slice(1))
    notes.push({ category: "other", title: "Further weakness", text: `${cwe} ${cweName(cwe) ?? ""}`.trim() });
  for (const { vector } of draft.cvss.filter((c) => c.vector.startsWith("CVSS:4.0/"))) {
    const parsed = parseCvss(vector);
    const score = parsed.ok ? scoreCvss(parsed.value) : undefined;
    notes.push({
      category: "other",
      title: "CVSS v4.0",
      text: score ? `${vector} (score ${score.score}, ${score.severity})` : vector,
    });
  }
  if (draft.ssvc !== undefined) {
    const text = draft.ssvc.selections
      .map((s) => `${s.name ?? s.key}: ${s.values.map((v) => v.name ?? v.key).join(" or ")}`)
      .join("; ");
    notes.push({ category: "other", title: `SSVC selections (${draft.ssvc.timestamp})`, text });
  }
  return notes;
}

function remediations(draft: AdvisoryDraft, products: ReturnType<typeof csafProducts>): Remediation[] {
  const out: Remediation[] = [];
  draft.packages.forEach((pkg, i) => {
    const fixed = fixedVersions(pkg);
    const ids = products.packageRanges[i]!;
    if (fixed.length > 0)
      out.push({
        category: "vendor_fix",
        details: `Upgrade ${pkg.name} to ${fixed.join(" or ")} or later.`,
        product_ids: ids,
      });
  });
  draft.vendorStatements.forEach((s, i) => {
    if (s.status !== "affected" || s.actionStatement === undefined) return;
    out.push({
      category: s.fixedVersions.length > 0 ? "vendor_fix" : "workaround",
      details: s.actionStatement,
      product_ids: products.statementIds[i]!,
    });
  });
  const affected = products.status.known_affected ?? [];
  const general = affected.length > 0 ? affected : [...new Set(Object.values(products.status).flat())];
  for (const r of draft.remediations) {
    out.push({
      category: r.category,
      details: r.details,
      product_ids: general,
      ...(r.url !== undefined && { url: r.url }),
    });
  }
  // Every affected product gets an action statement (CSAF VEX requires one; it helps everywhere).
  const covered = new Set(out.flatMap((r) => r.product_ids ?? []));
  const bare = affected.filter((id) => !covered.has(id));
  if (bare.length > 0)
    out.push({
      category: "none_available",
      details: "No fix is available yet; follow this advisory for updates.",
      product_ids: bare,
    });
  return out;
}

function flags(draft: AdvisoryDraft, products: ReturnType<typeof csafProducts>): Flag[] {
  return draft.vendorStatements.flatMap((s, i) =>
    s.status === "not_affected" && s.justification !== undefined
      ? [{ label: s.justification, product_ids: products.statementIds[i]! }]
      : [],
  );
}

function threats(draft: AdvisoryDraft, products: ReturnType<typeof csafProducts>) {
  return draft.vendorStatements.flatMap((s, i) =>
    s.status === "not_affected" && s.impactStatement !== undefined
      ? [{ category: "impact" as const, details: s.impactStatement, product_ids: products.statementIds[i]! }]
      : [],
  );
}

export function renderCsaf(draft: AdvisoryDraft, meta: RenderMeta): CsafDocument {
  const products = csafProducts(draft);
  const vex = draft.vendorStatements.length > 0;
  const cve = draft.aliases.find((a) => CVE_ID.test(a));
  const otherIds = [meta.id, ...draft.aliases.filter((a) => a !== cve)];
  const tlp = toCsafTlp(draft.tlp);
  const references: Reference[] = [
    ...(draft.tlp === "CLEAR"
      ? [{ category: "self" as const, summary: "This document", url: csafDocumentUrl(meta) }]
      : []),
    { category: "external", summary: "Advisory page", url: advisoryPageUrl(meta) },
    ...draft.references.map((r) => ({ category: "external" as const, summary: r.summary ?? r.type, url: r.url })),
  ];
  const affectedIds = [...new Set([...(products.status.known_affected ?? [])])];
  const remediationList = remediations(draft, products);
  const flagList = flags(draft, products);
  const threatList = threats(draft, products);
  const scoreList = scores(draft, affectedIds);
  const firstCwe = draft.cwes[0];
  const vulnerability: Vulnerability = {
    title: draft.title,
    ...(cve !== undefined && { cve }),
    ids: otherIds.map((id) => ({ system_name: id === meta.id ? "AICC" : id.split("-")[0]!, text: id })),
    ...(firstCwe !== undefined && { cwe: { id: firstCwe, name: cweName(firstCwe)! } }),
    notes: vulnerabilityNotes(draft),
    product_status: products.status,
    ...(remediationList.length > 0 && { remediations: remediationList }),
    ...(flagList.length > 0 && { flags: flagList }),
    ...(threatList.length > 0 && { threats: threatList }),
    ...(scoreList.length > 0 && { scores: scoreList }),
    ...(draft.credits.length > 0 && {
      acknowledgments: draft.credits.map((c) => ({
        names: [c.name],
        ...(c.type !== undefined && { summary: c.type.toLowerCase().replaceAll("_", " ") }),
      })),
    }),
    release_date: meta.published,
  };
  return {
    document: {
      category: vex ? "csaf_vex" : "csaf_security_advisory",
      csaf_version: "2.0",
      distribution: { tlp: tlp.tlp, ...(tlp.note !== undefined && { text: tlp.note }) },
      lang: "en",
      notes: [{ category: "summary", title: "Summary", text: draft.summary }],
      publisher: { category: "coordinator", name: meta.publisher.name, namespace: meta.publisher.namespace },
      references,
      title: draft.title,
      tracking: {
        ...(draft.aliases.length > 0 && { aliases: draft.aliases }),
        current_release_date: meta.modified,
        generator: { date: meta.modified, engine: { name: "aicc" } },
        id: meta.id,
        initial_release_date: meta.published,
        revision_history: revisionHistory(meta),
        status: "final",
        version: String(meta.revision),
      },
    },
    product_tree: products.tree,
    vulnerabilities: [vulnerability],
  };
}
