/**
 * SPDX 2.2/2.3 JSON document types: the members aicc reads (packages with identifiers, checksums
 * and suppliers; files; relationships). Other members are carried untyped.
 */

/** An SPDX document. */
export interface SpdxDocument {
  /** `SPDX-2.3` (or `SPDX-2.2`). */
  spdxVersion: string;
  /** Always `CC0-1.0`. */
  dataLicense: string;
  /** Always `SPDXRef-DOCUMENT`. */
  SPDXID: string;
  /** Document name. */
  name: string;
  /** Unique absolute URI of this document. */
  documentNamespace: string;
  /** When and by whom it was made. */
  creationInfo: { created: string; creators: string[]; licenseListVersion?: string; comment?: string };
  /** SPDXIDs of the packages/files the document describes. */
  documentDescribes?: string[];
  /** Packages. */
  packages?: SpdxPackage[];
  /** Files. */
  files?: SpdxFile[];
  /** Relationships between elements. */
  relationships?: SpdxRelationship[];
  /** Other members (externalDocumentRefs, snippets, annotations, hasExtractedLicensingInfos, …). */
  [member: string]: unknown;
}

/** A package. */
export interface SpdxPackage {
  /** `SPDXRef-…`, unique in the document. */
  SPDXID: string;
  /** Package name. */
  name: string;
  /** Version. */
  versionInfo?: string;
  /** `Organization: Name (email)`, `Person: Name (email)` or `NOASSERTION`. */
  supplier?: string;
  /** Who originally made it, same syntax as supplier. */
  originator?: string;
  /** Download URL, `NONE` or `NOASSERTION`. */
  downloadLocation: string;
  /** Whether files were analysed. */
  filesAnalyzed?: boolean;
  /** Checksums of the package file. */
  checksums?: SpdxChecksum[];
  /** Identifiers: purl, CPE, SWHID, … */
  externalRefs?: SpdxExternalRef[];
  /** `LIBRARY`, `APPLICATION`, `CONTAINER`, … (SPDX 2.3). */
  primaryPackagePurpose?: string;
  /** Other members (licenseConcluded, licenseDeclared, copyrightText, homepage, …). */
  [member: string]: unknown;
}

/** A file. */
export interface SpdxFile {
  /** `SPDXRef-…`. */
  SPDXID: string;
  /** Path of the file. */
  fileName: string;
  /** Checksums. */
  checksums?: SpdxChecksum[];
  /** Other members. */
  [member: string]: unknown;
}

/** A checksum. */
export interface SpdxChecksum {
  /** `SHA1`, `SHA256`, `SHA512`, `MD5`, `SHA3-256`, `BLAKE2b-256`, … */
  algorithm: string;
  /** Lower-case hex digest. */
  checksumValue: string;
}

/** An external reference (identifier) of a package. */
export interface SpdxExternalRef {
  /** `SECURITY`, `PACKAGE-MANAGER` / `PACKAGE_MANAGER`, `PERSISTENT-ID` / `PERSISTENT_ID`, `OTHER`. */
  referenceCategory: string;
  /** `purl`, `cpe23Type`, `cpe22Type`, `swh`, … */
  referenceType: string;
  /** The identifier. */
  referenceLocator: string;
  /** Comment. */
  comment?: string;
}

/** A relationship between two elements. */
export interface SpdxRelationship {
  /** Subject SPDXID. */
  spdxElementId: string;
  /** `DESCRIBES`, `DEPENDS_ON`, `CONTAINS`, … */
  relationshipType: string;
  /** Object SPDXID, `NONE` or `NOASSERTION`. */
  relatedSpdxElement: string;
  /** Comment. */
  comment?: string;
}

/** Checksum algorithms SPDX 2.3 defines. */
export const SPDX_CHECKSUM_ALGORITHMS = [
  "SHA1",
  "SHA224",
  "SHA256",
  "SHA384",
  "SHA512",
  "SHA3-256",
  "SHA3-384",
  "SHA3-512",
  "BLAKE2b-256",
  "BLAKE2b-384",
  "BLAKE2b-512",
  "BLAKE3",
  "MD2",
  "MD4",
  "MD5",
  "MD6",
  "ADLER32",
] as const;
