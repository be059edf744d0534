import { AppError, type FieldProblem } from "../../platform/errors/errors.ts";
import { parsePurl } from "../../standards/purl/index.ts";
import type { Result } from "../../standards/result.ts";
import { isCpe23 } from "../../standards/stix/index.ts";
import type { TlpLabel } from "../../standards/tlp/index.ts";
import type { VersComparator, VersConstraint } from "../../standards/vers/index.ts";
import { NATIVE_RANGE_READERS, parseVers, versFromNative } from "../../standards/vers/index.ts";
import { osvPackageOfPurl } from "../advisories/ecosystems.ts";
import type { AdvisoryDraftInput, AffectedPackage, AffectedProduct } from "../advisories/model.ts";
import type { AffectedInput } from "../reports/model.ts";
import type { Statement, Vulnerability } from "./model.ts";

/**
 * The advisory draft of one case vulnerability (pure): affected packages as OSV ranges, other
 * products as CVE-style version ranges, vendor statements as VEX product status, workarounds as
 * remediations, the first reporter's public credit. The advisory service validates the result and
 * renders CSAF, OSV and CVE 5 from it.
 */

/** What publishing needs beyond the vulnerability itself. */
export interface DraftContext {
  advisoryId: string | null;
  statements: readonly Statement[];
  credit: string | null;
  tlp: TlpLabel;
  /** Organisations that may read a non-CLEAR advisory: the case's participants. */
  recipients: readonly string[];
}

type OsvEvent = { introduced: string } | { fixed: string } | { last_affected: string };

/** An affected-versions text that cannot become structured data, with why. */
class VersionsProblem extends Error {}

const COMPARATOR = /^(<=|>=|<|>|==|=)?\s*v?([0-9A-Za-z][0-9A-Za-z.+~_:-]*)$/;

/** "< 1.2.4", ">=1.0, <1.2.4", "1.0.3": comparators separated by commas, `|`, `&&` or spaces. */
function simpleConstraints(text: string): VersConstraint[] {
  const segments = text
    .trim()
    .split(/\s*(?:,|\|\||\||&&)\s*|\s+(?=[<>=])/)
    .filter((s) => s !== "");
  return segments.map((segment) => {
    const m = COMPARATOR.exec(segment);
    if (!m) throw new VersionsProblem(`cannot read "${segment}" as a version comparator`);
    const op = m[1] === undefined || m[1] === "==" ? "=" : m[1];
    return { comparator: op as VersComparator, version: m[2]! };
  });
}

/** The constraints of an affected-versions text: vers, the ecosystem's native notation, or plain comparators. */
function constraintsOf(text: string, purlType: string | undefined): VersConstraint[] {
  const fromResult = (r: Result<{ constraints: readonly VersConstraint[] }>) => {
    if (!r.ok) throw new VersionsProblem(r.error.message);
    return [...r.value.constraints];
  };
  if (text.startsWith("vers:")) return fromResult(parseVers(text));
  if (purlType !== undefined && Object.hasOwn(NATIVE_RANGE_READERS, purlType)) {
    const native = versFromNative(purlType, text);
    if (native.ok) return [...native.value.constraints];
  }
  return simpleConstraints(text);
}

/** Sorted comparators as OSV events (ranges) and exact versions. */
function osvOf(constraints: readonly VersConstraint[]): { events: OsvEvent[]; versions: string[] } {
  const events: OsvEvent[] = [];
  const versions: string[] = [];
  let open = false;
  for (const c of constraints) {
    switch (c.comparator) {
      case "*":
        return { events: [{ introduced: "0" }], versions: [] };
      case ">=":
        events.push({ introduced: c.version });
        open = true;
        break;
      case "<":
      case "<=":
        if (!open) events.push({ introduced: "0" });
        events.push(c.comparator === "<" ? { fixed: c.version } : { last_affected: c.version });
        open = false;
        break;
      case "=":
        versions.push(c.version);
        break;
      default:
        throw new VersionsProblem(`"${c.comparator}${c.version}" has no OSV form; use >=, <, <= or exact versions`);
    }
  }
  return { events, versions };
}

function packageOf(a: Extract<AffectedInput, { kind: "purl" }>): AffectedPackage | AffectedProduct {
  const ref = osvPackageOfPurl(a.purl);
  const versions = a.versions?.trim() ?? "";
  if (!ref.ok) {
    // No OSV ecosystem (pkg:generic, say): a product named by the purl's namespace and name.
    const purl = parsePurl(a.purl);
    const vendor = purl.ok ? (purl.value.namespace ?? purl.value.type) : "unknown";
    const product = purl.ok ? purl.value.name : a.purl;
    return { vendor, product, versions: productVersions(versions) };
  }
  if (versions === "") {
    if (ref.value.version === undefined)
      throw new VersionsProblem("name the affected versions (a range, vers, or a purl with a version)");
    return {
      ecosystem: ref.value.ecosystem,
      name: ref.value.name,
      purl: ref.value.purl,
      ranges: [],
      versions: [ref.value.version],
    };
  }
  const type = parsePurl(a.purl);
  const osv = osvOf(constraintsOf(versions, type.ok ? type.value.type : undefined));
  return {
    ecosystem: ref.value.ecosystem,
    name: ref.value.name,
    purl: ref.value.purl,
    ranges: osv.events.length > 0 ? [{ type: "ECOSYSTEM", events: osv.events }] : [],
    versions: osv.versions,
  };
}

/**
 * CVE-style versions of a product: a lower bound with lessThan/lessThanOrEqual, or exact versions.
 * Text that is not comparators is kept as the version as written (CVE `custom` versions).
 */
function productVersions(text: string): AffectedProduct["versions"] {
  if (text === "") return [];
  let constraints: VersConstraint[];
  try {
    constraints = constraintsOf(text, undefined);
  } catch {
    return [{ version: text.slice(0, 200) }];
  }
  const out: AffectedProduct["versions"] = [];
  let lower: string | undefined;
  for (const c of constraints) {
    if (c.comparator === ">=") lower = c.version;
    else if (c.comparator === "<") out.push({ version: lower ?? "0", lessThan: c.version });
    else if (c.comparator === "<=") out.push({ version: lower ?? "0", lessThanOrEqual: c.version });
    else if (c.comparator === "=") out.push({ version: c.version });
    else return [{ version: text.slice(0, 200) }];
    if (c.comparator !== ">=") lower = undefined;
  }
  return out;
}

/** `cpe:2.3:a:vendor:product:…` or `cpe:/a:vendor:product:…` → vendor and product. */
function cpeNames(cpe: string): { vendor: string; product: string } {
  const parts = cpe.startsWith("cpe:2.3:") ? cpe.split(":").slice(3, 5) : cpe.split(":").slice(2, 4);
  const clean = (s: string | undefined) => (s ?? "").replace(/\\(.)/g, "$1").replaceAll("_", " ") || "unknown";
  return { vendor: clean(parts[0]), product: clean(parts[1]) };
}

function isPackage(x: AffectedPackage | AffectedProduct): x is AffectedPackage {
  return "ecosystem" in x;
}

/**
 * The affected packages and products of a vulnerability. A versions text that cannot be read is a
 * problem named by its index in `affected`.
 */
export function affectedOf(affected: readonly AffectedInput[]): {
  packages: AffectedPackage[];
  products: AffectedProduct[];
  problems: { index: number; message: string }[];
} {
  const packages: AffectedPackage[] = [];
  const products: AffectedProduct[] = [];
  const problems: { index: number; message: string }[] = [];
  affected.forEach((a, index) => {
    try {
      if (a.kind === "purl") {
        const p = packageOf(a);
        if (isPackage(p)) packages.push(p);
        else products.push(p);
      } else if (a.kind === "cpe") {
        products.push({
          ...cpeNames(a.cpe),
          ...(isCpe23(a.cpe) && { cpe: a.cpe }),
          versions: productVersions(a.versions?.trim() ?? ""),
        });
      } else {
        products.push({ vendor: a.vendor, product: a.product, versions: productVersions(a.versions?.trim() ?? "") });
      }
    } catch (error) {
      if (!(error instanceof VersionsProblem)) throw error;
      problems.push({ index, message: error.message });
    }
  });
  return { packages, products, problems };
}

/** The first paragraph of a description, at most `max` characters: the advisory's summary. */
function firstParagraph(text: string, max: number): string {
  const first = text
    .trim()
    .split(/\n\s*\n/)[0]!
    .trim();
  return first.length <= max ? first : `${first.slice(0, max - 1)}…`;
}

/** The advisory draft of a vulnerability; `packages`/`products` come from `affectedOf`. */
function draftOf(
  vul: Vulnerability,
  affected: Pick<ReturnType<typeof affectedOf>, "packages" | "products">,
  ctx: DraftContext,
): AdvisoryDraftInput {
  const statements = ctx.statements.filter((s) => s.vulnerabilityId === vul.id);
  return {
    ...(ctx.advisoryId !== null && { id: ctx.advisoryId }),
    aliases: vul.cveId === null ? [] : [vul.cveId],
    title: vul.title.slice(0, 256),
    summary: firstParagraph(vul.description, 1000),
    details: vul.description,
    cwes: vul.cwes,
    cvss: vul.cvss.map((c) => ({ vector: c.vector })),
    packages: affected.packages,
    products: affected.products,
    vendorStatements: statements.map((s) => {
      const purl = s.product.startsWith("pkg:") ? parsePurl(s.product) : undefined;
      return {
        vendor: s.vendorOrgName,
        product: purl?.ok ? purl.value.name : s.product,
        ...(purl?.ok && { purl: s.product }),
        status: s.status,
        ...(s.justification !== null && { justification: s.justification as never }),
        ...(s.impactStatement !== null && { impactStatement: s.impactStatement }),
        ...(s.actionStatement !== null && { actionStatement: s.actionStatement }),
        fixedVersions: s.fixedVersions,
      };
    }),
    remediations: statements
      .filter((s) => s.workarounds.trim() !== "")
      .map((s) => ({
        category: "workaround" as const,
        details: `${s.vendorOrgName} ${s.product}: ${s.workarounds.trim()}`.slice(0, 5000),
      })),
    credits: ctx.credit === null ? [] : [{ name: ctx.credit, type: "FINDER" as const }],
    tlp: ctx.tlp,
    recipients: ctx.tlp === "CLEAR" ? [] : [...ctx.recipients],
  };
}

/**
 * The drafts of a case's vulnerabilities, in order. What cannot be published (unreadable versions,
 * nothing named as affected) is one validation error naming every `vulnerabilities.N.…` field.
 */
export function caseDrafts(
  vulnerabilities: readonly (Vulnerability & { advisoryId: string | null })[],
  ctx: Omit<DraftContext, "advisoryId">,
): AdvisoryDraftInput[] {
  const problems: FieldProblem[] = [];
  const affected = vulnerabilities.map((v, i) => {
    const result = affectedOf(v.affected as AffectedInput[]);
    for (const p of result.problems)
      problems.push({ field: `vulnerabilities.${i}.affected.${p.index}.versions`, message: p.message });
    const stated = ctx.statements.some((s) => s.vulnerabilityId === v.id);
    if (result.packages.length + result.products.length === 0 && !stated && result.problems.length === 0)
      problems.push({
        field: `vulnerabilities.${i}.affected`,
        message: "name what is affected (a product, package or vendor statement) before publishing",
      });
    return result;
  });
  if (problems.length > 0)
    throw new AppError("validation", problems.map((p) => `${p.field}: ${p.message}`).join("; "), problems);
  return vulnerabilities.map((v, i) => draftOf(v, affected[i]!, { ...ctx, advisoryId: v.advisoryId }));
}
