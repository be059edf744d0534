/**
 * The Package URL shapes shared by the parser, the builder and the formatter.
 * Spec: https://github.com/package-url/purl-spec (ECMA-427), "Rules for each PURL component".
 */

/**
 * A parsed and normalised Package URL. Every component is decoded (no percent-encoding) and
 * already carries its type-specific normalisation (e.g. lowercased npm names). Absent optional
 * components are omitted rather than set to `undefined` or `null`.
 */
export interface PackageUrl {
  /** Lowercase package type, e.g. `npm`, `maven`. */
  readonly type: string;
  /** Decoded namespace; segments are joined with `/`. */
  readonly namespace?: string;
  /** Decoded name. For `git` it is the repository path and may contain `/`. */
  readonly name: string;
  /** Decoded version, never empty. */
  readonly version?: string;
  /** Lowercase keys in sorted order, decoded non-empty values. Omitted when there are none. */
  readonly qualifiers?: Readonly<Record<string, string>>;
  /** Decoded subpath segments joined with `/`, without empty, `.` or `..` segments. */
  readonly subpath?: string;
}

/**
 * Loose components to build a Package URL from, as they come from an SBOM, an API body or the
 * purl-spec test vectors: `null` and `undefined` both mean "absent", and values are not yet
 * normalised. Values are checked at run time, so untyped JSON can be passed safely.
 */
export interface PurlComponents {
  type: string | null | undefined;
  namespace?: string | null;
  name: string | null | undefined;
  version?: string | null;
  /** Values may be `null` (absent); `checksum` may also be a list of checksums. */
  qualifiers?: Readonly<Record<string, string | readonly string[] | null | undefined>> | null;
  subpath?: string | null;
}
