/**
 * One component shape for every SBOM format, so exposure matching (purl, CPE, name + version,
 * hashes) need not know whether an inventory came as CycloneDX or SPDX.
 */
import type { CycloneDxBom, CycloneDxComponent } from "./cyclonedx-types.ts";
import type { SpdxDocument, SpdxPackage } from "./spdx-types.ts";

/** A component of an inventory, whatever SBOM format named it. */
export interface SbomComponent {
  /** Component name. */
  name: string;
  /** Version, when given. */
  version?: string;
  /** CycloneDX group (Maven groupId, npm scope, …), when given. */
  group?: string;
  /** Package URL, when given. */
  purl?: string;
  /** CPE 2.3 (or 2.2) name, when given. */
  cpe?: string;
  /** Artefact hashes; algorithm names in CycloneDX spelling (`SHA-256`), digests in lower case. */
  hashes: SbomHash[];
  /** Supplier name. */
  supplier?: string;
  /** CycloneDX component type (`library`, `application`, `operating-system`, `file`, …). */
  type: string;
  /** The component's id in its document (`bom-ref` or SPDXID), for dependency and VEX references. */
  ref?: string;
}

/** A hash of a component's artefact. */
export interface SbomHash {
  /** `SHA-256`, `SHA-1`, `SHA-512`, `MD5`, `SHA3-256`, `BLAKE2b-256`, … */
  algorithm: string;
  /** Lower-case hex digest. */
  value: string;
}

/** SPDX checksum names that differ from CycloneDX's. */
const SPDX_HASH_NAMES: Readonly<Record<string, string>> = {
  SHA1: "SHA-1",
  SHA224: "SHA-224",
  SHA256: "SHA-256",
  SHA384: "SHA-384",
  SHA512: "SHA-512",
};

/** SPDX purposes that are not CycloneDX component types. */
const SPDX_PURPOSE_TYPES: Readonly<Record<string, string>> = {
  SOURCE: "file",
  ARCHIVE: "file",
  INSTALL: "file",
  OTHER: "library",
};

/**
 * Components of a CycloneDX BOM: the BOM's subject (`metadata.component`) first, then every
 * component depth-first, nested ones after their parent.
 */
export function extractCycloneDxComponents(bom: CycloneDxBom): SbomComponent[] {
  const out: SbomComponent[] = [];
  const visit = (component: CycloneDxComponent) => {
    out.push(fromCycloneDx(component));
    for (const child of component.components ?? []) visit(child);
  };
  if (bom.metadata?.component) visit(bom.metadata.component);
  for (const component of bom.components ?? []) visit(component);
  return out;
}

/** Packages of an SPDX document (files are not components and are left out). */
export function extractSpdxComponents(document: SpdxDocument): SbomComponent[] {
  return (document.packages ?? []).map(fromSpdx);
}

function fromCycloneDx(component: CycloneDxComponent): SbomComponent {
  const out: SbomComponent = {
    name: component.name,
    hashes: (component.hashes ?? []).map((hash) => ({ algorithm: hash.alg, value: hash.content.toLowerCase() })),
    type: component.type,
  };
  if (component.version !== undefined) out.version = component.version;
  if (component.group !== undefined) out.group = component.group;
  if (component.purl !== undefined) out.purl = component.purl;
  if (component.cpe !== undefined) out.cpe = component.cpe;
  if (component.supplier?.name !== undefined) out.supplier = component.supplier.name;
  if (component["bom-ref"] !== undefined) out.ref = component["bom-ref"];
  return out;
}

function fromSpdx(pkg: SpdxPackage): SbomComponent {
  const purpose = pkg.primaryPackagePurpose;
  const out: SbomComponent = {
    name: pkg.name,
    hashes: (pkg.checksums ?? []).map((checksum) => ({
      algorithm: SPDX_HASH_NAMES[checksum.algorithm] ?? checksum.algorithm,
      value: checksum.checksumValue.toLowerCase(),
    })),
    type: purpose === undefined ? "library" : (SPDX_PURPOSE_TYPES[purpose] ?? purpose.toLowerCase()),
    ref: pkg.SPDXID,
  };
  if (pkg.versionInfo !== undefined) out.version = pkg.versionInfo;
  const refs = pkg.externalRefs ?? [];
  const purl = refs.find((ref) => ref.referenceType === "purl");
  if (purl) out.purl = purl.referenceLocator;
  const cpe =
    refs.find((ref) => ref.referenceType === "cpe23Type") ?? refs.find((ref) => ref.referenceType === "cpe22Type");
  if (cpe) out.cpe = cpe.referenceLocator;
  const supplier = spdxParty(pkg.supplier);
  if (supplier !== undefined) out.supplier = supplier;
  return out;
}

/** `Organization: ACME Inc (security@acme.example)` -> `ACME Inc`; `NOASSERTION` -> undefined. */
function spdxParty(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const match = /^(?:Organization|Person):\s*(.*?)\s*(?:\([^()]*\))?$/.exec(value);
  const name = match ? match[1] : value;
  return name === undefined || name === "" || name === "NOASSERTION" ? undefined : name;
}
