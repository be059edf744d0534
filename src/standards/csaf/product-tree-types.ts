/** CSAF 2.0 `/product_tree` types: branches, full product names, relationships and product groups. */

/** `/product_tree`: every product the document names, each with a `product_id` other parts refer to. */
export interface ProductTree {
  branches?: Branch[];
  full_product_names?: FullProductName[];
  product_groups?: ProductGroup[];
  relationships?: Relationship[];
}

/** Category of a branch level (`branches_t` item). */
export type BranchCategory =
  | "architecture"
  | "host_name"
  | "language"
  | "legacy"
  | "patch_level"
  | "product_family"
  | "product_name"
  | "product_version"
  | "product_version_range"
  | "service_pack"
  | "specification"
  | "vendor";

/** A level of the vendor → product → version hierarchy; a leaf carries `product`, an inner node `branches`. */
export interface Branch {
  branches?: Branch[];
  category: BranchCategory;
  name: string;
  product?: FullProductName;
}

/** A product with its identifier (`full_product_name_t`). */
export interface FullProductName {
  name: string;
  product_id: string;
  product_identification_helper?: ProductIdentificationHelper;
}

/** Machine-readable hints that identify a product (CPE, purl, hashes, …); at least one property is present. */
export interface ProductIdentificationHelper {
  cpe?: string;
  hashes?: FileHashes[];
  model_numbers?: string[];
  purl?: string;
  sbom_urls?: string[];
  serial_numbers?: string[];
  skus?: string[];
  x_generic_uris?: { namespace: string; uri: string }[];
}

/** Hashes of one file. */
export interface FileHashes {
  file_hashes: { algorithm: string; value: string }[];
  filename: string;
}

/** A named set of product ids (at least two). */
export interface ProductGroup {
  group_id: string;
  product_ids: string[];
  summary?: string;
}

/** How two products combine. */
export type RelationshipCategory =
  | "default_component_of"
  | "external_component_of"
  | "installed_on"
  | "installed_with"
  | "optional_component_of";

/** Defines a new product (`full_product_name`) as `product_reference` <category> `relates_to_product_reference`. */
export interface Relationship {
  category: RelationshipCategory;
  full_product_name: FullProductName;
  product_reference: string;
  relates_to_product_reference: string;
}
