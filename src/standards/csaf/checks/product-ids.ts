/** Tests on product and product group identifiers: 6.1.1–6.1.6 and 6.2.1. */

import type { CsafCheck, Report } from "./check.ts";
import type { CheckContext, Located } from "./context.ts";

function reportDuplicates(items: Located<string>[], what: string, report: Report): void {
  const seen = new Set<string>();
  for (const { value, path } of items) {
    if (seen.has(value)) report(path, `${what} ${value} is defined more than once`);
    seen.add(value);
  }
}

function definedIds(ctx: CheckContext): Set<string> {
  return new Set(ctx.products.map((p) => p.value.product_id));
}

/** 6.1.1: every referenced product id is defined. */
export const missingProductId: CsafCheck = {
  id: "6.1.1",
  reason: "missing_product_id_definition",
  title: "Missing Definition of Product ID",
  run(ctx, report) {
    const defined = definedIds(ctx);
    for (const ref of ctx.productRefs) {
      if (!defined.has(ref.value)) report(ref.path, `product id ${ref.value} is not defined in the product tree`);
    }
  },
};

/** 6.1.2: no product id is defined twice. */
export const multipleProductId: CsafCheck = {
  id: "6.1.2",
  reason: "multiple_product_id_definition",
  title: "Multiple Definition of Product ID",
  run(ctx, report) {
    const ids = ctx.products.map((p) => ({ value: p.value.product_id, path: `${p.path}/product_id` }));
    reportDuplicates(ids, "product id", report);
  },
};

/** 6.1.3: a product defined by a relationship does not, through the relationships, build on itself. */
export const circularProductId: CsafCheck = {
  id: "6.1.3",
  reason: "circular_product_id_definition",
  title: "Circular Definition of Product ID",
  run(ctx, report) {
    const relationships = ctx.doc.product_tree?.relationships ?? [];
    // product id defined by a relationship → the ids it is built from.
    const buildsOn = new Map<string, string[]>();
    for (const rel of relationships) {
      const id = rel.full_product_name.product_id;
      buildsOn.set(id, [...(buildsOn.get(id) ?? []), rel.product_reference, rel.relates_to_product_reference]);
    }
    const reaches = (start: string): boolean => {
      const seen = new Set<string>();
      const stack = [...(buildsOn.get(start) ?? [])];
      while (stack.length > 0) {
        const id = stack.pop()!;
        if (id === start) return true;
        if (seen.has(id)) continue;
        seen.add(id);
        stack.push(...(buildsOn.get(id) ?? []));
      }
      return false;
    };
    relationships.forEach((rel, i) => {
      const id = rel.full_product_name.product_id;
      if (reaches(id)) {
        report(
          `/product_tree/relationships/${i}/full_product_name/product_id`,
          `product id ${id} is defined in a circle`,
        );
      }
    });
  },
};

/** 6.1.4: every referenced product group id is defined. */
export const missingGroupId: CsafCheck = {
  id: "6.1.4",
  reason: "missing_group_id_definition",
  title: "Missing Definition of Product Group ID",
  run(ctx, report) {
    for (const ref of ctx.groupRefs) {
      if (!ctx.groups.has(ref.value))
        report(ref.path, `product group id ${ref.value} is not defined in the product tree`);
    }
  },
};

/** 6.1.5: no product group id is defined twice. */
export const multipleGroupId: CsafCheck = {
  id: "6.1.5",
  reason: "multiple_group_id_definition",
  title: "Multiple Definition of Product Group ID",
  run(ctx, report) {
    const ids = (ctx.doc.product_tree?.product_groups ?? []).map((g, i) => ({
      value: g.group_id,
      path: `/product_tree/product_groups/${i}/group_id`,
    }));
    reportDuplicates(ids, "product group id", report);
  },
};

/** Status groups that contradict each other (6.1.6); `recommended` is compatible with any. */
const CONTRADICTION_GROUPS = {
  affected: ["first_affected", "known_affected", "last_affected"],
  "not affected": ["known_not_affected"],
  fixed: ["first_fixed", "fixed"],
  "under investigation": ["under_investigation"],
} as const;

/** 6.1.6: a product is in at most one of affected / not affected / fixed / under investigation. */
export const contradictingStatus: CsafCheck = {
  id: "6.1.6",
  reason: "contradicting_product_status",
  title: "Contradicting Product Status",
  run(ctx, report) {
    ctx.doc.vulnerabilities?.forEach((vuln, v) => {
      const groupOf = new Map<string, string>();
      for (const [group, names] of Object.entries(CONTRADICTION_GROUPS)) {
        for (const name of names) {
          vuln.product_status?.[name]?.forEach((id, i) => {
            const other = groupOf.get(id);
            if (other !== undefined && other !== group) {
              report(
                `/vulnerabilities/${v}/product_status/${name}/${i}`,
                `product id ${id} is both "${other}" and "${group}"`,
              );
            }
            groupOf.set(id, other ?? group);
          });
        }
      }
    });
  },
};

/** 6.2.1: every defined product id is used somewhere (skipped for informational advisories). */
export const unusedProductId: CsafCheck = {
  id: "6.2.1",
  reason: "unused_product_id",
  title: "Unused Definition of Product ID",
  run(ctx, report) {
    if (ctx.doc.document.category === "csaf_informational_advisory") return;
    const used = new Set(ctx.productRefs.map((r) => r.value));
    for (const { value, path } of ctx.products) {
      if (!used.has(value.product_id)) report(`${path}/product_id`, `product id ${value.product_id} is never used`);
    }
  },
};
