/**
 * STIX 2.1 `software` cyber-observables for affected products. The id is the UUIDv5 of the ID
 * contributing properties (name, cpe, swid, vendor, version). STIX 2.1 has no purl property, so a
 * package URL travels as the custom property `x_purl`, and fills in name and version when the
 * caller gives only the purl.
 */
import { PackageURL } from "packageurl-js";
import type { JsonObject } from "../json/index.ts";
import { fail, ok, type Result } from "../result.ts";
import { scoId } from "./identifiers.ts";

/** An affected product as the caller knows it. Either `name` or `purl` is required. */
export interface StixAffectedProduct {
  name?: string;
  vendor?: string;
  /** A version or version range as written in the advisory. */
  version?: string;
  /** A CPE 2.3 formatted string. */
  cpe?: string;
  /** A package URL; becomes `x_purl`. */
  purl?: string;
  /** A SWID tag id. */
  swid?: string;
}

// CPE 2.3 formatted string (NISTIR 7695 §6.2), the grammar the STIX software schema uses, anchored.
const CPE_VALUE = String.raw`(?:\?*|\*?)(?:[A-Za-z0-9._-]|\\[\\*?!"#$%&'()+,/:;<=>@\[\]^\x60{|}~])+(?:\?*|\*?)|[*-]`;
const CPE_LANGUAGE = "[A-Za-z]{2,3}(?:-(?:[A-Za-z]{2}|[0-9]{3}))?|[*-]";
const CPE23 = new RegExp(
  String.raw`^cpe:2\.3:[aho*-](?::(?:${CPE_VALUE})){5}:(?:${CPE_LANGUAGE})(?::(?:${CPE_VALUE})){4}$`,
);

/** True for a well-formed CPE 2.3 formatted string. */
export function isCpe23(text: string): boolean {
  return CPE23.test(text);
}

/** The `software` object for a product; `path` names the product in errors (e.g. `/affected/0`). */
export function softwareObject(product: StixAffectedProduct, path: string): Result<JsonObject> {
  let name = product.name;
  let version = product.version;
  for (const field of ["name", "vendor", "version", "cpe", "purl", "swid"] as const) {
    const value = product[field];
    if (value !== undefined && (typeof value !== "string" || value.trim() === "")) {
      return fail("stix.invalid_field", `${path}/${field} must be a non-empty string`, `${path}/${field}`);
    }
  }
  let purl: string | undefined;
  if (product.purl !== undefined) {
    let parsed: PackageURL;
    try {
      parsed = PackageURL.fromString(product.purl);
    } catch (error) {
      return fail("stix.invalid_purl", `${path}/purl: ${(error as Error).message}`, `${path}/purl`);
    }
    purl = parsed.toString();
    name ??= parsed.namespace ? `${parsed.namespace}/${parsed.name}` : parsed.name;
    version ??= parsed.version ?? undefined;
  }
  if (name === undefined)
    return fail("stix.missing_field", `${path}/name is required (or a purl to take it from)`, `${path}/name`);
  if (product.cpe !== undefined && !isCpe23(product.cpe)) {
    return fail("stix.invalid_cpe", `${path}/cpe is not a CPE 2.3 formatted string`, `${path}/cpe`);
  }
  const contributing: Record<string, string> = { name };
  if (product.cpe !== undefined) contributing.cpe = product.cpe;
  if (product.swid !== undefined) contributing.swid = product.swid;
  if (product.vendor !== undefined) contributing.vendor = product.vendor;
  if (version !== undefined) contributing.version = version;
  const object: JsonObject = {
    type: "software",
    spec_version: "2.1",
    id: scoId("software", contributing),
    ...contributing,
  };
  if (purl !== undefined) object.x_purl = purl;
  return ok(object);
}
