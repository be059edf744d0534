/**
 * FIRST Traffic Light Protocol 2.0 labels: parsing, formatting and ordering by restrictiveness.
 * TLP 2.0 (August 2022) has five labels; TLP:WHITE of version 1.0 became TLP:CLEAR and
 * TLP:AMBER+STRICT is new.
 */
import { fail, ok, type Result } from "../result.ts";

/** The five TLP 2.0 labels, least restrictive first (the order is the restrictiveness ranking). */
export const TLP_LABELS = ["CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"] as const;

/** One TLP 2.0 label, written as in the standard without the `TLP:` prefix. */
export type TlpLabel = (typeof TLP_LABELS)[number];

/** What {@link parseTlp} tolerates beyond the canonical `TLP:<LABEL>` form. */
export interface TlpParseOptions {
  /** Accept a bare label (`AMBER`) without the `TLP:` prefix. Default false. */
  allowBare?: boolean;
  /** Read the TLP 1.0 label `WHITE` as `CLEAR`. Default false: it is reported as `tlp.version_1_label`. */
  acceptVersion1?: boolean;
}

const PREFIX = "TLP:";
const RANK: ReadonlyMap<string, number> = new Map(TLP_LABELS.map((label, index) => [label, index]));

/**
 * Parse a TLP 2.0 label such as `TLP:AMBER+STRICT`. The standard says labels MUST NOT contain
 * spaces and SHOULD be in capitals, so case is ignored but inner whitespace is an error
 * (`tlp.contains_space`). Whitespace around the whole label is trimmed.
 */
export function parseTlp(text: unknown, options: TlpParseOptions = {}): Result<TlpLabel> {
  if (typeof text !== "string") return fail("tlp.not_a_string", "a TLP label must be a string");
  const trimmed = text.trim();
  if (trimmed === "") return fail("tlp.empty", "the TLP label is empty");
  if (/\s/.test(trimmed)) return fail("tlp.contains_space", `TLP labels must not contain spaces: "${trimmed}"`);
  const upper = trimmed.toUpperCase();
  let body: string;
  if (upper.startsWith(PREFIX)) body = upper.slice(PREFIX.length);
  else if (options.allowBare) body = upper;
  else return fail("tlp.missing_prefix", `a TLP label starts with "TLP:": "${trimmed}"`);
  if (RANK.has(body)) return ok(body as TlpLabel);
  if (body === "WHITE") {
    if (options.acceptVersion1) return ok("CLEAR");
    return fail("tlp.version_1_label", "TLP:WHITE is a TLP 1.0 label; TLP 2.0 calls it TLP:CLEAR");
  }
  return fail("tlp.unknown_label", `not a TLP 2.0 label: "${trimmed}"`);
}

/** True when `text` is a label in exactly the canonical written form (`TLP:` prefix, capitals, no spaces). */
export function isCanonicalTlp(text: string): boolean {
  return text.startsWith(PREFIX) && RANK.has(text.slice(PREFIX.length));
}

/** The canonical written form, e.g. `TLP:AMBER+STRICT`. */
export function formatTlp(label: TlpLabel): string {
  return `${PREFIX}${label}`;
}

/** Restrictiveness rank: 0 for CLEAR up to 4 for RED. */
export function tlpRank(label: TlpLabel): number {
  return RANK.get(label) ?? 0;
}

/** Negative when `a` is less restrictive than `b`, zero when equal, positive when more restrictive. */
export function compareTlp(a: TlpLabel, b: TlpLabel): number {
  return tlpRank(a) - tlpRank(b);
}

/** True when `a` restricts sharing more than `b` (e.g. AMBER+STRICT over AMBER). */
export function isMoreRestrictive(a: TlpLabel, b: TlpLabel): boolean {
  return compareTlp(a, b) > 0;
}

/**
 * The most restrictive of several labels: what a document combining their information must carry.
 * Undefined for an empty list.
 */
export function mostRestrictiveTlp(labels: Iterable<TlpLabel>): TlpLabel | undefined {
  let best: TlpLabel | undefined;
  for (const label of labels) if (best === undefined || isMoreRestrictive(label, best)) best = label;
  return best;
}
