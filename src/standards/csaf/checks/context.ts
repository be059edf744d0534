/**
 * What the CSAF tests share, computed once per document: where products and groups are defined and referenced,
 * and the revision history in date order. The document has passed the JSON schema, so its shape is trusted.
 */

import { compareDateTimes } from "../date-time.ts";
import type { CsafDocument, RevisionHistoryItem } from "../document-types.ts";
import type { Branch, FullProductName } from "../product-tree-types.ts";
import { type CsafVersion, compareCsafVersions, parseCsafVersion } from "../version.ts";
import type { ProductStatusName } from "../vulnerability-types.ts";

/** A value with the JSON pointer it was found at. */
export interface Located<T> {
  value: T;
  path: string;
}

/** A revision history item with its index in the document and its parsed number. */
export interface RevisionEntry {
  item: RevisionHistoryItem;
  index: number;
  version: CsafVersion | undefined;
}

/** Per-document facts the tests read. */
export interface CheckContext {
  doc: CsafDocument;
  /** Every full product name: in branches, in `full_product_names` and in relationships. */
  products: Located<FullProductName>[];
  /** Every branch, depth first. */
  branches: Located<Branch>[];
  /** Every reference to a product id outside its definition (the paths listed by test 6.1.1). */
  productRefs: Located<string>[];
  /** Every reference to a product group id outside its definition. */
  groupRefs: Located<string>[];
  /** Product group id → its product ids (first definition wins). */
  groups: ReadonlyMap<string, readonly string[]>;
  /** Revision history sorted ascending by date, ties broken by version number. */
  revisions: RevisionEntry[];
}

/** Product status groups that reference products (all of `product_status`). */
const PRODUCT_STATUS_NAMES: readonly ProductStatusName[] = [
  "first_affected",
  "first_fixed",
  "fixed",
  "known_affected",
  "known_not_affected",
  "last_affected",
  "recommended",
  "under_investigation",
];

function walkBranches(branches: Branch[] | undefined, path: string, ctx: CheckContext): void {
  branches?.forEach((branch, i) => {
    const here = `${path}/${i}`;
    ctx.branches.push({ value: branch, path: here });
    if (branch.product) ctx.products.push({ value: branch.product, path: `${here}/product` });
    walkBranches(branch.branches, `${here}/branches`, ctx);
  });
}

function pushAll(into: Located<string>[], ids: readonly string[] | undefined, path: string): void {
  ids?.forEach((id, i) => {
    into.push({ value: id, path: `${path}/${i}` });
  });
}

function collectReferences(ctx: CheckContext): void {
  const tree = ctx.doc.product_tree;
  tree?.product_groups?.forEach((group, i) => {
    pushAll(ctx.productRefs, group.product_ids, `/product_tree/product_groups/${i}/product_ids`);
  });
  tree?.relationships?.forEach((rel, i) => {
    const path = `/product_tree/relationships/${i}`;
    ctx.productRefs.push({ value: rel.product_reference, path: `${path}/product_reference` });
    ctx.productRefs.push({ value: rel.relates_to_product_reference, path: `${path}/relates_to_product_reference` });
  });
  ctx.doc.vulnerabilities?.forEach((vuln, v) => {
    const path = `/vulnerabilities/${v}`;
    for (const name of PRODUCT_STATUS_NAMES) {
      pushAll(ctx.productRefs, vuln.product_status?.[name], `${path}/product_status/${name}`);
    }
    for (const list of ["remediations", "threats", "flags"] as const) {
      vuln[list]?.forEach((item, i) => {
        pushAll(ctx.productRefs, item.product_ids, `${path}/${list}/${i}/product_ids`);
        pushAll(ctx.groupRefs, item.group_ids, `${path}/${list}/${i}/group_ids`);
      });
    }
    vuln.scores?.forEach((score, i) => {
      pushAll(ctx.productRefs, score.products, `${path}/scores/${i}/products`);
    });
  });
}

function sortRevisions(items: RevisionHistoryItem[]): RevisionEntry[] {
  const entries = items.map((item, index) => ({ item, index, version: parseCsafVersion(item.number) }));
  return entries.sort((a, b) => {
    const byDate = compareDateTimes(a.item.date, b.item.date);
    if (byDate !== 0 || a.version === undefined || b.version === undefined) return byDate;
    return compareCsafVersions(a.version, b.version);
  });
}

/** Builds the context of a schema-valid document. */
export function buildContext(doc: CsafDocument): CheckContext {
  const groups = new Map<string, readonly string[]>();
  for (const group of doc.product_tree?.product_groups ?? []) {
    if (!groups.has(group.group_id)) groups.set(group.group_id, group.product_ids);
  }
  const ctx: CheckContext = {
    doc,
    products: [],
    branches: [],
    productRefs: [],
    groupRefs: [],
    groups,
    revisions: sortRevisions(doc.document.tracking.revision_history),
  };
  const tree = doc.product_tree;
  walkBranches(tree?.branches, "/product_tree/branches", ctx);
  tree?.full_product_names?.forEach((product, i) => {
    ctx.products.push({ value: product, path: `/product_tree/full_product_names/${i}` });
  });
  tree?.relationships?.forEach((rel, i) => {
    ctx.products.push({ value: rel.full_product_name, path: `/product_tree/relationships/${i}/full_product_name` });
  });
  collectReferences(ctx);
  return ctx;
}

/** Product ids an item covers directly and through its product groups. */
export function coveredProducts(
  ctx: CheckContext,
  item: { product_ids?: readonly string[]; group_ids?: readonly string[] },
): Set<string> {
  const out = new Set(item.product_ids);
  for (const group of item.group_ids ?? []) {
    for (const id of ctx.groups.get(group) ?? []) out.add(id);
  }
  return out;
}
