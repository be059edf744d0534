import type {
  Branch,
  BranchCategory,
  FullProductName,
  ProductIdentificationHelper,
  ProductStatus,
  ProductTree,
} from "../../standards/csaf/index.ts";
import { validateVers } from "../../standards/vers/index.ts";
import { purlTypeOf } from "./ecosystems.ts";
import type { AdvisoryDraft, AffectedPackage } from "./model.ts";
import { fixedVersions } from "./record.ts";

/**
 * The CSAF product tree of a draft (vendor → product → version branches) and which product ids
 * carry which status. Packages are filed under their ecosystem as the vendor; their affected range
 * is a `product_version_range` in vers notation, each fixed version a `product_version`.
 */

export interface CsafProducts {
  tree: ProductTree;
  status: ProductStatus;
  /** Product ids per package, statement and product of the draft, for remediations and flags. */
  packageRanges: string[][];
  statementIds: string[][];
  productIds: string[][];
}

/** A product without a version is every version of it: `vers:all/*`. */
const ALL_VERSIONS = { category: "product_version_range" as const, name: "vers:all/*" };

class TreeBuilder {
  private readonly vendors = new Map<string, Branch & { branches: Branch[] }>();
  private count = 0;

  /** Adds vendor → product → version and returns the new leaf's product id. */
  add(
    vendor: string,
    product: string,
    version: { category: BranchCategory; name: string } = ALL_VERSIONS,
    helper?: ProductIdentificationHelper,
  ): string {
    this.count += 1;
    const id = `CSAFPID-${String(this.count).padStart(4, "0")}`;
    const leaf: FullProductName = {
      name: `${vendor} ${product} ${version === ALL_VERSIONS ? "(all versions)" : version.name}`,
      product_id: id,
      ...(helper !== undefined && Object.keys(helper).length > 0 && { product_identification_helper: helper }),
    };
    let vendorBranch = this.vendors.get(vendor);
    if (vendorBranch === undefined) {
      vendorBranch = { category: "vendor", name: vendor, branches: [] };
      this.vendors.set(vendor, vendorBranch);
    }
    let productBranch = vendorBranch.branches.find((b) => b.name === product);
    if (productBranch === undefined) {
      productBranch = { category: "product_name", name: product, branches: [] };
      vendorBranch.branches.push(productBranch);
    }
    productBranch.branches?.push({ category: version.category, name: version.name, product: leaf });
    return id;
  }

  tree(): ProductTree {
    return { branches: [...this.vendors.values()] };
  }
}

/** The affected versions of a package in vers notation, or in words when vers cannot say it. */
export function versOfPackage(pkg: AffectedPackage): string {
  const type = purlTypeOf(pkg.ecosystem) ?? "generic";
  const constraints: string[] = [];
  for (const range of pkg.ranges.filter((r) => r.type !== "GIT")) {
    for (const event of range.events) {
      if (event.introduced !== undefined && event.introduced !== "0") constraints.push(`>=${event.introduced}`);
      if (event.fixed !== undefined) constraints.push(`<${event.fixed}`);
      if (event.last_affected !== undefined) constraints.push(`<=${event.last_affected}`);
    }
  }
  const vers = `vers:${type}/${constraints.length === 0 ? "*" : constraints.join("|")}`;
  if (validateVers(vers).valid) return vers;
  return `affected: ${pkg.ranges.map((r) => r.events.map((e) => Object.entries(e)[0]?.join(" ")).join(", ")).join("; ")}`;
}

function purlWithVersion(purl: string | undefined, version: string): ProductIdentificationHelper | undefined {
  if (purl === undefined) return undefined;
  return { purl: `${purl.split("@")[0]}@${encodeURIComponent(version)}` };
}

const PLAIN_VERSION = /^[A-Za-z0-9][A-Za-z0-9._+~:-]*$/;

/** Builds the product tree and the status lists. */
export function csafProducts(draft: AdvisoryDraft): CsafProducts {
  const tree = new TreeBuilder();
  const status: Required<
    Pick<ProductStatus, "known_affected" | "fixed" | "known_not_affected" | "under_investigation">
  > = { known_affected: [], fixed: [], known_not_affected: [], under_investigation: [] };

  const packageRanges = draft.packages.map((pkg) => {
    const helper = pkg.purl === undefined ? undefined : { purl: pkg.purl.split("@")[0]! };
    const ids: string[] = [];
    if (pkg.ranges.some((r) => r.type !== "GIT") || pkg.versions.length === 0) {
      ids.push(
        tree.add(pkg.ecosystem, pkg.name, { category: "product_version_range", name: versOfPackage(pkg) }, helper),
      );
    } else {
      for (const version of pkg.versions)
        ids.push(
          tree.add(
            pkg.ecosystem,
            pkg.name,
            { category: "product_version", name: version },
            purlWithVersion(pkg.purl, version),
          ),
        );
    }
    status.known_affected.push(...ids);
    for (const version of fixedVersions(pkg)) {
      status.fixed.push(
        tree.add(
          pkg.ecosystem,
          pkg.name,
          { category: "product_version", name: version },
          purlWithVersion(pkg.purl, version),
        ),
      );
    }
    return ids;
  });

  const productIds = draft.products.map((product) => {
    const helper = product.cpe === undefined ? undefined : { cpe: product.cpe };
    const ids =
      product.versions.length === 0
        ? [tree.add(product.vendor, product.product, undefined, helper)]
        : product.versions.map((v) => {
            const upper =
              v.lessThan !== undefined
                ? `<${v.lessThan}`
                : v.lessThanOrEqual !== undefined
                  ? `<=${v.lessThanOrEqual}`
                  : undefined;
            if (upper === undefined)
              return tree.add(
                product.vendor,
                product.product,
                { category: "product_version", name: v.version },
                helper,
              );
            const lower = v.version === "0" ? "" : `>=${v.version}|`;
            return tree.add(
              product.vendor,
              product.product,
              { category: "product_version_range", name: `vers:generic/${lower}${upper}` },
              helper,
            );
          });
    status.known_affected.push(...ids);
    return ids;
  });

  const statementIds = draft.vendorStatements.map((s) => {
    const helper: ProductIdentificationHelper = {
      ...(s.purl !== undefined && { purl: s.purl }),
      ...(s.cpe !== undefined && { cpe: s.cpe }),
    };
    const version =
      s.version === undefined
        ? undefined
        : {
            category: (PLAIN_VERSION.test(s.version) ? "product_version" : "product_version_range") as BranchCategory,
            name: s.version,
          };
    const id = tree.add(s.vendor, s.product, version, helper);
    const group = {
      affected: "known_affected",
      not_affected: "known_not_affected",
      fixed: "fixed",
      under_investigation: "under_investigation",
    } as const;
    status[group[s.status]].push(id);
    const fixed = s.fixedVersions.map((v) => tree.add(s.vendor, s.product, { category: "product_version", name: v }));
    status.fixed.push(...fixed);
    return [id];
  });

  const nonEmpty = Object.fromEntries(Object.entries(status).filter(([, ids]) => ids.length > 0)) as ProductStatus;
  return { tree: tree.tree(), status: nonEmpty, packageRanges, statementIds, productIds };
}
