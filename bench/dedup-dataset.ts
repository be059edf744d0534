/**
 * The labelled set for the dedup benchmark (`bench/dedup-quality.ts`), built from ../shared/data,
 * the same for the same seed.
 *
 * Procedure:
 * 1. Read every go-vulndb (OSV JSON) and PyPA (OSV YAML) advisory and CISA's KEV catalogue, each
 *    as a report: title (OSV summary, else the first sentence; KEV's vulnerability name),
 *    description (OSV details; KEV's short description), affected product (the OSV package's
 *    purl; KEV's vendor + product), CWEs (KEV's). Withdrawn advisories are left out.
 * 2. Group records into flaws: records that share an id or a CVE/GHSA alias describe one flaw
 *    (union-find over ids and aliases; OSV `related` links are not identity and are ignored).
 * 3. Real pairs. In a flaw with several OSV records, the earliest published is stored and each
 *    other is a query: `go-vs-pypa` when the two come from different databases, else
 *    `same-database` (one CVE recorded twice, often for two packages). A KEV entry whose CVE an
 *    OSV record covers is a `kev-vs-osv` query (KEV's text against the stored OSV record's).
 *    Every other KEV entry and OSV record is stored.
 * 4. Hard negatives: `negatives` single-record flaws whose package has at least two other stored
 *    advisories are taken out of the store and queried as re-spelt reports (step 5): a same-package,
 *    unrelated report with no duplicate stored. Any merge suggestion on one is a false merge.
 * 5. Variants: `variants` stored single-record flaws are re-reported by a seeded procedure and
 *    queried: sentences reordered and one dropped, words swapped from a fixed synonym table,
 *    version numbers changed, file paths cut to their base name, "X in Y" titles turned into
 *    "Y: x", and the affected product spelt differently (purl with a version, vendor + product,
 *    or CPE 2.3).
 * 6. Fill: `fill(n)` gives n more variants of random stored records (same flaw as their original),
 *    to grow the store to 10k or 100k reports.
 * A query is answered correctly when a candidate describes the query's flaw.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { readKevCatalog } from "../src/clearinghouse/imports/kev.ts";
import { titleFrom } from "../src/clearinghouse/imports/model.ts";
import type { AffectedInput } from "../src/clearinghouse/reports/model.ts";
import { type OsvVulnerability, parseOsvJson, parseOsvYaml } from "../src/standards/osv/index.ts";
import { parsePurl } from "../src/standards/purl/index.ts";

export type Source = "go-vulndb" | "pypa" | "kev" | "variant";

/** A report as the benchmark stores or queries it. */
export interface LabelledReport {
  key: string;
  /** Records with the same flaw describe the same vulnerability: they are duplicates. */
  flaw: string;
  source: Source;
  title: string;
  description: string;
  affected: AffectedInput[];
  cwes: string[];
  published: string;
}

export type QueryKind = "kev-vs-osv" | "go-vs-pypa" | "same-database" | "variant" | "negative";

export interface LabelledQuery {
  kind: QueryKind;
  report: LabelledReport;
}

export interface DedupDataset {
  stored: LabelledReport[];
  queries: LabelledQuery[];
  /** `count` more stored reports: seeded variants of stored records. */
  fill(count: number): LabelledReport[];
}

// ---- seeded randomness ------------------------------------------------------------------------

/** mulberry32: a small, fast, seedable generator (the benchmark needs repeatability, not quality). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: () => number, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

function shuffle<T>(rng: () => number, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

// ---- reading the real data --------------------------------------------------------------------

interface OsvReport extends LabelledReport {
  ids: string[];
}

function fromOsv(osv: OsvVulnerability, source: Source): OsvReport | null {
  if (osv.withdrawn !== undefined) return null;
  const pkg = osv.affected?.find((a) => a.package)?.package;
  if (!pkg) return null;
  const purl = pkg.purl ?? (pkg.ecosystem === "Go" ? `pkg:golang/${pkg.name}` : null);
  if (!purl || !parsePurl(purl).ok) return null;
  const details = (osv.details ?? "").trim();
  const title = osv.summary?.trim() || titleFrom(details);
  if (!title || !details) return null;
  return {
    key: osv.id,
    flaw: osv.id,
    ids: [osv.id, ...(osv.aliases ?? []).filter((a) => /^(CVE|GHSA)-/.test(a))],
    source,
    title,
    description: details.slice(0, 20_000),
    affected: [{ kind: "purl", purl }],
    cwes: [],
    published: osv.published ?? osv.modified,
  };
}

function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(suffix))
    .sort()
    .map((f) => path.join(dir, f));
}

function readOsv(dataDir: string): OsvReport[] {
  const out: OsvReport[] = [];
  for (const file of filesUnder(path.join(dataDir, "advisories/go-vulndb"), ".json")) {
    const parsed = parseOsvJson(readFileSync(file, "utf8"));
    const report = parsed.ok ? fromOsv(parsed.value, "go-vulndb") : null;
    if (report) out.push(report);
  }
  for (const file of filesUnder(path.join(dataDir, "advisories/pypa"), ".yaml")) {
    const parsed = parseOsvYaml(readFileSync(file, "utf8"));
    const report = parsed.ok ? fromOsv(parsed.value, "pypa") : null;
    if (report) out.push(report);
  }
  return out;
}

function readKev(dataDir: string): OsvReport[] {
  const file = path.join(dataDir, "kev/known_exploited_vulnerabilities.json");
  return readKevCatalog(readFileSync(file, "utf8"), file)
    .entries.filter((e) => e.description.trim() !== "")
    .map((e) => ({
      key: `KEV:${e.cveId}`,
      flaw: e.cveId,
      ids: [e.cveId],
      source: "kev" as const,
      title: e.name,
      description: e.description,
      affected: [{ kind: "product" as const, vendor: e.vendor, product: e.product }],
      cwes: e.cwes.filter((c) => /^CWE-\d+$/.test(c)),
      published: e.dateAdded,
    }));
}

/** Union-find over ids and aliases: each record's flaw becomes its group's smallest id. */
function groupFlaws(records: OsvReport[]): void {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  const union = (a: string, b: string) => {
    const [ra, rb] = [find(a), find(b)];
    if (ra === rb) return;
    const [low, high] = ra < rb ? [ra, rb] : [rb, ra];
    parent.set(high, low);
  };
  for (const r of records) for (const id of r.ids) union(r.ids[0]!, id);
  for (const r of records) r.flaw = find(r.ids[0]!);
}

// ---- re-reporting: the variant procedure ------------------------------------------------------

/** Words a second reporter would use instead (each swapped with probability 0.7). */
const SYNONYMS: [RegExp, string[]][] = [
  [/\bvulnerability\b/gi, ["flaw", "security issue", "weakness"]],
  [/\battackers?\b/gi, ["an adversary", "a malicious user", "remote parties"]],
  [/\ballows?\b/gi, ["lets", "permits", "makes it possible for"]],
  [/\barbitrary\b/gi, ["any", "attacker-chosen", "unrestricted"]],
  [/\bcrafted\b/gi, ["specially formed", "malformed", "maliciously built"]],
  [/\bremote\b/gi, ["network-based", "unauthenticated remote"]],
  [/\bdenial of service\b/gi, ["DoS", "service outage", "resource exhaustion"]],
  [/\bexecute\b/gi, ["run", "invoke"]],
  [/\bmalicious\b/gi, ["hostile", "attacker-controlled"]],
  [/\bfunction\b/gi, ["routine", "method"]],
  [/\bcould\b/gi, ["might", "can"]],
  [/\bissue\b/gi, ["problem", "bug"]],
  [/\bprior to\b/gi, ["before", "earlier than"]],
  [/\bfixed\b/gi, ["patched", "resolved"]],
  [/\bupgrade\b/gi, ["update", "move"]],
  [/\bpanic\b/gi, ["crash", "runtime panic"]],
  [/\binput\b/gi, ["data", "payload"]],
  [/\brequest\b/gi, ["HTTP request", "call"]],
];

function reword(text: string, rng: () => number): string {
  let out = text;
  for (const [pattern, words] of SYNONYMS) if (rng() < 0.7) out = out.replace(pattern, () => pick(rng, words));
  return out;
}

/** Versions move by a patch release or gain a ".0"; paths lose their directories. */
function noise(text: string, rng: () => number): string {
  return text
    .replace(/\b(\d+)\.(\d+)\.(\d+)\b/g, (whole, a, b, c) =>
      rng() < 0.5 ? `${a}.${b}.${Number(c) + 1}` : rng() < 0.5 ? `${whole}.0` : whole,
    )
    .replace(/(?:[\w.-]+\/)+([\w-]+\.(?:py|go|c|h|js|rs|java))\b/g, (whole, base) => (rng() < 0.6 ? base : whole));
}

function respellTitle(title: string, rng: () => number): string {
  const reworded = reword(title, rng);
  const m = /^(.+?) in (\S.+)$/.exec(reworded);
  if (m && rng() < 0.5) return `${m[2]}: ${m[1]!.charAt(0).toLowerCase()}${m[1]!.slice(1)}`;
  return reworded;
}

const cpePart = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, "_")
    .replace(/^_+|_+$/g, "") || "unknown";

/** The same product, spelt as a purl with a version, as vendor + product, or as a CPE 2.3 name. */
function respellAffected(affected: AffectedInput, rng: () => number): AffectedInput {
  let vendor: string;
  let product: string;
  let purl: string;
  if (affected.kind === "purl") {
    const parsed = parsePurl(affected.purl);
    if (!parsed.ok) return affected;
    const { type, namespace, name } = parsed.value;
    // Go modules with a major-version suffix (…/bar/v2) are named after the module, not "v2".
    const segments = [...(namespace ?? "").split("/").filter(Boolean), name];
    const meaningful = segments.filter((s) => !/^v\d+$/.test(s));
    product = meaningful[meaningful.length - 1] ?? name;
    vendor = meaningful.length > 1 ? meaningful[meaningful.length - 2]! : `${product} project`;
    if (vendor.includes(".")) vendor = `${product} project`; // a host name is no vendor
    purl = `${affected.purl.split("@")[0]}@${type === "golang" ? "v" : ""}1.${Math.floor(rng() * 20)}.${Math.floor(rng() * 10)}`;
  } else if (affected.kind === "product") {
    vendor = affected.vendor;
    product = affected.product;
    purl = `pkg:generic/${encodeURIComponent(cpePart(vendor))}/${encodeURIComponent(cpePart(product))}`;
  } else return affected;
  const choice = rng();
  if (choice < 0.34 && parsePurl(purl).ok) return { kind: "purl", purl };
  if (choice < 0.67) return { kind: "product", vendor, product };
  return { kind: "cpe", cpe: `cpe:2.3:a:${cpePart(vendor)}:${cpePart(product)}:*:*:*:*:*:*:*:*` };
}

/** A re-report of `original` by another finder: same flaw, other words and spellings. */
export function variantOf(original: LabelledReport, rng: () => number, key: string): LabelledReport {
  const sentences = original.description.split(/(?<=[.!?])\s+/).filter((s) => s.trim() !== "");
  if (sentences.length >= 3) sentences.splice(Math.floor(rng() * sentences.length), 1);
  if (rng() < 0.6) shuffle(rng, sentences);
  return {
    key,
    flaw: original.flaw,
    source: "variant",
    title: respellTitle(original.title, rng),
    description: noise(reword(sentences.join(" "), rng), rng),
    affected: original.affected.map((a) => respellAffected(a, rng)),
    cwes: original.cwes,
    published: original.published,
  };
}

// ---- the set ----------------------------------------------------------------------------------

const packageOf = (r: LabelledReport) => {
  const a = r.affected[0];
  return a?.kind === "purl" ? a.purl.split("@")[0]! : "";
};

export function buildDedupDataset(options: {
  dataDir: string;
  seed: number;
  variants: number;
  negatives: number;
}): DedupDataset {
  const rng = seededRandom(options.seed);
  const osv = readOsv(options.dataDir);
  const kev = readKev(options.dataDir);
  groupFlaws([...osv, ...kev]);

  const byFlaw = new Map<string, OsvReport[]>();
  for (const r of osv) byFlaw.set(r.flaw, [...(byFlaw.get(r.flaw) ?? []), r]);
  const stored: LabelledReport[] = [];
  const queries: LabelledQuery[] = [];
  for (const group of byFlaw.values()) {
    group.sort((a, b) => a.published.localeCompare(b.published) || a.key.localeCompare(b.key));
    const [first, ...rest] = group;
    stored.push(first!);
    for (const r of rest)
      queries.push({ kind: r.source === first!.source ? "same-database" : "go-vs-pypa", report: r });
  }
  for (const k of kev) {
    if (byFlaw.has(k.flaw)) queries.push({ kind: "kev-vs-osv", report: k });
    else stored.push(k);
  }

  // Hard negatives: single-record OSV flaws of packages with at least two other stored advisories.
  const perPackage = new Map<string, number>();
  for (const r of stored) perPackage.set(packageOf(r), (perPackage.get(packageOf(r)) ?? 0) + 1);
  const queried = new Set(queries.map((q) => q.report.flaw));
  const single = (r: LabelledReport) => r.source !== "kev" && byFlaw.get(r.flaw)?.length === 1 && !queried.has(r.flaw);
  const negativePool = shuffle(
    rng,
    stored.filter((r) => single(r) && (perPackage.get(packageOf(r)) ?? 0) >= 3),
  ).slice(0, options.negatives);
  const negativeKeys = new Set(negativePool.map((r) => r.key));
  const kept = stored.filter((r) => !negativeKeys.has(r.key));
  negativePool.forEach((r, i) => {
    queries.push({ kind: "negative", report: variantOf(r, rng, `negative-${i}:${r.key}`) });
  });

  const variantPool = shuffle(
    rng,
    kept.filter((r) => single(r)),
  ).slice(0, options.variants);
  variantPool.forEach((r, i) => {
    queries.push({ kind: "variant", report: variantOf(r, rng, `variant-${i}:${r.key}`) });
  });

  const fillRng = seededRandom(options.seed ^ 0x5eed);
  return {
    stored: kept,
    queries,
    fill(count) {
      return Array.from({ length: count }, (_, i) => {
        const original = pick(fillRng, kept);
        return variantOf(original, fillRng, `fill-${i}:${original.key}`);
      });
    },
  };
}
