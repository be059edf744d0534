import { createHash } from "node:crypto";
import { parsePurl } from "../../standards/purl/index.ts";
import type { AffectedInput } from "./model.ts";

/**
 * Duplicate detection, pure: lookup keys for affected products, a stack/sink fingerprint, and a
 * ranking of candidates by package, CWE, text similarity (TF-IDF cosine over title + description)
 * and fingerprint, with the reasons per candidate.
 */

/** A report or advisory as dedup compares it. */
export interface DedupDoc {
  id: string;
  kind: "report" | "advisory";
  title: string;
  text: string;
  packageKeys: readonly string[];
  cwes: readonly string[];
  fingerprint: string | null;
  createdAt: string;
}

export interface DuplicateCandidate {
  id: string;
  kind: "report" | "advisory";
  title: string;
  score: number;
  /** At or above MERGE_SUGGESTION_SCORE: proposed as the same flaw (a coordinator still decides). */
  suggestMerge: boolean;
  reasons: string[];
  createdAt: string;
}

/** The name part of a package key: lower case, alphanumerics only ("Log4j-Core" → "log4jcore"). */
export function nameKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "");
}

/** A language binding's affix, spelt apart from the product ("docker-py", "python-gnupg", "node-sass"). */
const BINDING_AFFIX = /^(?:python|py|go|node)[-_.](?=.)|[-_.](?:python|py|go|js|node)$/i;

/** Name keys of a product: its name, and without a binding affix when it has one (docker-py → docker). */
function nameKeys(name: string): string[] {
  const bare = name.replace(BINDING_AFFIX, "");
  return bare === name ? [`name:${nameKey(name)}`] : [`name:${nameKey(name)}`, `name:${nameKey(bare)}`];
}

/** The OSV-style package name of a purl (Go and npm keep their namespace), for advisory lookups. */
export function purlPackageName(purl: string): string | null {
  const parsed = parsePurl(purl);
  if (!parsed.ok) return null;
  const { type, namespace, name } = parsed.value;
  if (!namespace) return name;
  if (type === "maven") return `${namespace}:${name}`;
  return `${namespace}/${name}`;
}

/**
 * The product a purl names: its name, except for Go modules with a major-version suffix
 * (`pkg:golang/github.com/foo/bar/v2`), which are the module before the suffix, not "v2".
 */
function productName(type: string, namespace: string | undefined, name: string): string {
  if (type !== "golang" || !/^v\d+$/.test(name) || !namespace) return name;
  return namespace.split("/").pop() ?? name;
}

/**
 * Lookup keys per affected entry: `pkg:<type>/<namespace>/<name>` for a purl (version dropped,
 * names normalised by the purl rules), `cpe:<vendor>:<product>`, `vp:<vendor>:<product>`, and for
 * every kind `name:<product name>` so one product spelt as purl, CPE or vendor+product still meets.
 */
export function packageKeys(affected: readonly AffectedInput[]): string[] {
  const keys = new Set<string>();
  for (const a of affected) {
    if (a.kind === "purl") {
      const parsed = parsePurl(a.purl);
      if (!parsed.ok) continue;
      const p = parsed.value;
      keys.add(`pkg:${p.type}/${p.namespace ? `${p.namespace.toLowerCase()}/` : ""}${p.name.toLowerCase()}`);
      for (const k of nameKeys(productName(p.type, p.namespace, p.name))) keys.add(k);
    } else if (a.kind === "cpe") {
      const parts = a.cpe.startsWith("cpe:/") ? ["", "", ...a.cpe.slice(5).split(":")] : a.cpe.split(":");
      const vendor = parts[3] ?? "";
      const product = parts[4] ?? "";
      keys.add(`cpe:${nameKey(vendor)}:${nameKey(product)}`);
      keys.add(`vp:${nameKey(vendor)}:${nameKey(product)}`);
      for (const k of nameKeys(product)) keys.add(k);
    } else {
      keys.add(`vp:${nameKey(a.vendor)}:${nameKey(a.product)}`);
      for (const k of nameKeys(a.product)) keys.add(k);
    }
  }
  return [...keys].filter((k) => !k.endsWith(":"));
}

/** How many top frames make a fingerprint: deeper frames vary with the caller, not the flaw. */
const FINGERPRINT_FRAMES = 5;

/**
 * Normalises one frame: drops addresses, offsets, line/column numbers and argument lists, so the
 * same crash from two builds or two harnesses gives the same frame.
 */
export function normaliseFrame(frame: string): string {
  return frame
    .toLowerCase()
    .replace(/^\s*#?\d+\s+/, "")
    .replace(/0x[0-9a-f]+/g, "")
    .replace(/\(.*?\)/g, "")
    .replace(/:\d+(:\d+)?/g, "")
    .replace(/\+\d+/g, "")
    .replace(/\b(in|at)\b/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** SHA-256 of the normalised top frames and the sink; null when neither is given. */
export function stackFingerprint(
  stack: { frames: readonly string[]; sink?: string | undefined } | undefined,
): string | null {
  if (!stack || (stack.frames.length === 0 && !stack.sink)) return null;
  const frames = stack.frames.map(normaliseFrame).filter(Boolean).slice(0, FINGERPRINT_FRAMES);
  const sink = stack.sink ? normaliseFrame(stack.sink) : "";
  return createHash("sha256")
    .update(JSON.stringify([frames, sink]))
    .digest("hex");
}

// ---- text similarity --------------------------------------------------------------------------

const STOP = new Set(
  "a an and are as at be been but by can could does for from has have how if in into is it its may of on or that the their then there these this to via was were when which while will with would".split(
    " ",
  ),
);

/** Words of a text, lower-cased, stop words and numbers-only tokens dropped, plural/verb endings trimmed. */
export function tokens(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().split(/[^a-z0-9_]+/)) {
    if (raw.length < 2 || STOP.has(raw) || /^\d+$/.test(raw)) continue;
    out.push(stem(raw));
  }
  return out;
}

/** A light suffix stripper: enough that "overflows", "overflowed" and "overflowing" meet. */
function stem(word: string): string {
  for (const suffix of ["ing", "ed", "es", "s", "ly"]) {
    if (word.length > suffix.length + 3 && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  }
  return word;
}

function termFrequencies(words: readonly string[]): Map<string, number> {
  const tf = new Map<string, number>();
  for (const w of words) tf.set(w, (tf.get(w) ?? 0) + 1);
  return tf;
}

/**
 * TF-IDF cosine similarity of `query` against each document; document frequencies come from the
 * documents compared plus the query, so words every candidate shares (the package name) weigh little.
 */
export function tfidfSimilarities(query: string, documents: readonly string[]): number[] {
  const docs = [query, ...documents].map((d) => termFrequencies(tokens(d)));
  const df = new Map<string, number>();
  for (const tf of docs) for (const w of tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const n = docs.length;
  const vectors = docs.map((tf) => {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [w, count] of tf) {
      const weight = (1 + Math.log(count)) * Math.log(1 + n / (df.get(w) ?? 1));
      v.set(w, weight);
      norm += weight * weight;
    }
    return { v, norm: Math.sqrt(norm) };
  });
  const q = vectors[0]!;
  return vectors.slice(1).map((d) => {
    if (q.norm === 0 || d.norm === 0) return 0;
    let dot = 0;
    for (const [w, weight] of q.v) dot += weight * (d.v.get(w) ?? 0);
    return dot / (q.norm * d.norm);
  });
}

// ---- ranking ----------------------------------------------------------------------------------

/** Weights of the signals; text similarity is scaled by its cosine. */
// Text carries the most weight: many packages have dozens of advisories, so a shared package
// alone says little; a shared package with similar text is the duplicate (bench:dedup).
const WEIGHTS = { package: 0.2, product: 0.1, cwe: 0.1, text: 0.6, fingerprint: 0.3 } as const;
/**
 * Candidates at or above this score are suggested as merges (the coordinator still decides);
 * measured by `npm run bench:dedup` (docs/BENCHMARKS.md).
 */
export const MERGE_SUGGESTION_SCORE = 0.6;
/** Candidates below this score are noise. */
export const MIN_CANDIDATE_SCORE = 0.2;

/** Ranks `candidates` as duplicates of `subject`, best first, each with the reasons it scored. */
export function rankDuplicates(subject: DedupDoc, candidates: readonly DedupDoc[], limit = 10): DuplicateCandidate[] {
  const others = candidates.filter((c) => c.id !== subject.id);
  const similarity = tfidfSimilarities(
    `${subject.title} ${subject.text}`,
    others.map((c) => `${c.title} ${c.text}`),
  );
  const subjectKeys = new Set(subject.packageKeys);
  const subjectCwes = new Set(subject.cwes);
  const ranked = others.map((c, i) => {
    const reasons: string[] = [];
    let score = 0;
    const exact = c.packageKeys.filter((k) => !k.startsWith("name:") && subjectKeys.has(k));
    const names = c.packageKeys.filter((k) => k.startsWith("name:") && subjectKeys.has(k));
    if (exact.length > 0) {
      score += WEIGHTS.package;
      reasons.push(`same package or product: ${exact.join(", ")}`);
    } else if (names.length > 0) {
      score += WEIGHTS.product;
      reasons.push(`same product name: ${names.map((k) => k.slice(5)).join(", ")}`);
    }
    const cwes = c.cwes.filter((w) => subjectCwes.has(w));
    if (cwes.length > 0) {
      score += WEIGHTS.cwe;
      reasons.push(`same CWE: ${cwes.join(", ")}`);
    }
    const text = similarity[i] ?? 0;
    if (text >= 0.1) {
      score += WEIGHTS.text * text;
      reasons.push(`similar text (cosine ${text.toFixed(2)})`);
    }
    if (subject.fingerprint !== null && c.fingerprint === subject.fingerprint) {
      score += WEIGHTS.fingerprint;
      reasons.push("same stack/sink fingerprint");
    }
    return {
      id: c.id,
      kind: c.kind,
      title: c.title,
      score: Math.round(score * 1000) / 1000,
      suggestMerge: score >= MERGE_SUGGESTION_SCORE,
      reasons,
      createdAt: c.createdAt,
    };
  });
  return ranked
    .filter((r) => r.score >= MIN_CANDIDATE_SCORE)
    .sort((a, b) => b.score - a.score || a.createdAt.localeCompare(b.createdAt))
    .slice(0, limit);
}
