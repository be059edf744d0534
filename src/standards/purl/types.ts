/**
 * Per-type rules from the registered PURL type definitions (purl-spec `types/*-definition.json`),
 * reduced to what changes parsing, normalisation and validation.
 *
 * Where a definition and the purl-spec test suite disagree, the test suite wins and the reason is
 * noted beside the rule (e.g. `cpan` allows a missing namespace, `rpm` does not require one).
 */
import type { StandardsIssue } from "../result.ts";
import type { PackageUrl } from "./model.ts";

/** What a registered type adds to the generic PURL rules. */
export interface PurlTypeRule {
  /** Namespace use; optional when omitted. */
  readonly namespace?: "required" | "prohibited";
  /** The definition says the namespace is case-insensitive and must be lowercased. */
  readonly lowerNamespace?: boolean;
  /** The definition says the name is case-insensitive and must be lowercased. */
  readonly lowerName?: boolean;
  /** The definition says the version must be lowercased. */
  readonly lowerVersion?: boolean;
  /** The definition says the subpath is case-insensitive. */
  readonly lowerSubpath?: boolean;
  /** The namespace is only the first path segment; the name is the rest of the path (`git`). */
  readonly nameIsPath?: boolean;
  /** Qualifier keys that must be present. */
  readonly requiredQualifiers?: readonly string[];
  /** The definition requires a version; reported as a warning only (OSV and SBOMs use versionless PURLs). */
  readonly versionExpected?: boolean;
  /** Further name normalisation after case folding; gets the normalised namespace and qualifiers. */
  normalizeName?(name: string, namespace: string | undefined, qualifiers: Readonly<Record<string, string>>): string;
  /** Type-specific validity checks on the normalised components. */
  check?(purl: PackageUrl): StandardsIssue | undefined;
}

const PYPI_SEPARATORS = /[-_.]+/g;
const CHROME_ID = /^[a-p]{32}$/;
const CHROME_VERSION = /^\d+(\.\d+){0,3}$/;
const COCOAPODS_BAD_NAME = /^\.|[\s+]/;
/** Forges whose owner and repository names are case-insensitive (as the `github`/`bitbucket` types say). */
const CASE_INSENSITIVE_GIT_HOSTS = new Set(["github", "github.com", "bitbucket", "bitbucket.org"]);

function issue(code: string, message: string, path: string): StandardsIssue {
  return { code, message, path };
}

/** Registered types: the key set is the list of known types; the values hold their rules. */
export const PURL_TYPES: Readonly<Record<string, PurlTypeRule>> = {
  agentskills: {},
  alpm: { lowerNamespace: true, lowerName: true },
  apk: { namespace: "required", lowerNamespace: true, lowerName: true },
  bazel: { namespace: "prohibited", versionExpected: true },
  bitbucket: { namespace: "required", lowerNamespace: true, lowerName: true, versionExpected: true },
  bitnami: { lowerName: true },
  brew: { lowerNamespace: true, lowerName: true },
  bsd: {},
  cargo: { namespace: "prohibited" },
  "chrome-extension": {
    namespace: "prohibited",
    lowerName: true,
    check(purl) {
      if (!CHROME_ID.test(purl.name)) {
        return issue("purl.invalid_name", "A Chrome extension id is 32 letters a-p.", "name");
      }
      if (purl.version !== undefined && !CHROME_VERSION.test(purl.version)) {
        return issue("purl.invalid_version", "A Chrome extension version has 1 to 4 numeric parts.", "version");
      }
      return undefined;
    },
  },
  cocoapods: {
    check(purl) {
      return COCOAPODS_BAD_NAME.test(purl.name)
        ? issue("purl.invalid_name", "A pod name has no whitespace or '+' and does not start with '.'.", "name")
        : undefined;
    },
  },
  composer: { lowerNamespace: true, lowerName: true },
  conan: {},
  conda: { namespace: "prohibited", versionExpected: true },
  // The definition requires a namespace, but the spec tests accept `pkg:cpan/Name?author=ID`.
  cpan: {
    check(purl) {
      return purl.name.includes("::")
        ? issue("purl.invalid_name", "A CPAN name is a distribution name and has no '::'.", "name")
        : undefined;
    },
  },
  cran: { namespace: "prohibited" },
  deb: { namespace: "required", lowerNamespace: true, lowerName: true, versionExpected: true },
  docker: {},
  gem: {},
  generic: {},
  getit: {},
  // The namespace is the host (DNS names are case-insensitive); the name is the repository path.
  git: {
    namespace: "required",
    nameIsPath: true,
    lowerNamespace: true,
    normalizeName(name, namespace) {
      return namespace !== undefined && CASE_INSENSITIVE_GIT_HOSTS.has(namespace) ? name.toLowerCase() : name;
    },
  },
  github: { namespace: "required", lowerNamespace: true, lowerName: true },
  golang: { namespace: "required", lowerNamespace: true, lowerName: true },
  hackage: { namespace: "prohibited", versionExpected: true },
  hex: { lowerNamespace: true, lowerName: true },
  huggingface: { lowerVersion: true },
  ips: {},
  julia: { namespace: "prohibited", requiredQualifiers: ["uuid"] },
  luarocks: { lowerNamespace: true, lowerName: true },
  maven: { namespace: "required" },
  mlflow: {
    namespace: "prohibited",
    // Databricks model names are case-insensitive, Azure ML ones are not.
    normalizeName(name, _namespace, qualifiers) {
      return qualifiers.repository_url?.toLowerCase().includes("databricks") ? name.toLowerCase() : name;
    },
  },
  nix: { namespace: "required" },
  npm: { lowerNamespace: true, lowerName: true },
  nuget: {},
  oci: { namespace: "prohibited", lowerName: true },
  opam: { namespace: "prohibited" },
  openvsx: {},
  otp: { namespace: "prohibited", lowerName: true, lowerSubpath: true },
  psgallery: {},
  pub: { namespace: "prohibited", lowerName: true },
  pypi: {
    namespace: "prohibited",
    lowerName: true,
    normalizeName(name) {
      return name.replace(PYPI_SEPARATORS, "-");
    },
  },
  qpkg: { lowerNamespace: true },
  raku: {},
  // The definition marks the namespace required but its own example omits it.
  rpm: { lowerNamespace: true },
  swid: { requiredQualifiers: ["tag_id"] },
  swift: { namespace: "required" },
  terraform: {},
  vcpkg: { namespace: "prohibited" },
  "vscode-extension": { namespace: "required", lowerNamespace: true, lowerName: true, lowerVersion: true },
  yocto: { lowerNamespace: true },
};

const RULES: ReadonlyMap<string, PurlTypeRule> = new Map(Object.entries(PURL_TYPES));

/** The rule for a type, or `undefined` for an unregistered type (valid, with a warning). */
export function purlTypeRule(type: string): PurlTypeRule | undefined {
  return RULES.get(type);
}
