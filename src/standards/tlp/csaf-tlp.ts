/**
 * Mapping between TLP 2.0 and the TLP 1.0 labels of CSAF 2.0 (`/document/distribution/tlp/label`
 * is one of WHITE, GREEN, AMBER, RED). TLP 1.0 has no AMBER+STRICT: it goes out as AMBER with a
 * note for `/document/distribution/text`, and that note brings it back on import.
 */
import { fail, ok, type Result } from "../result.ts";
import type { TlpLabel } from "./tlp.ts";

/** The TLP 1.0 labels CSAF 2.0 allows. */
export const CSAF_TLP_LABELS = ["WHITE", "GREEN", "AMBER", "RED"] as const;

/** A CSAF 2.0 `distribution.tlp.label`. */
export type CsafTlpLabel = (typeof CSAF_TLP_LABELS)[number];

/** The URL CSAF 2.0 gives as the default `distribution.tlp.url`. */
export const CSAF_TLP_URL = "https://www.first.org/tlp/";

/** A CSAF 2.0 TLP marking, plus text that must go into `distribution.text` when the mapping loses detail. */
export interface CsafTlpMapping {
  /** Value for `/document/distribution/tlp`. */
  tlp: { label: CsafTlpLabel; url: string };
  /** Sentence for `/document/distribution/text`; present only for AMBER+STRICT. */
  note?: string;
}

/** The note that marks a CSAF TLP:AMBER as really TLP 2.0 TLP:AMBER+STRICT. */
export const AMBER_STRICT_NOTE =
  "TLP:AMBER+STRICT (TLP 2.0) is carried as CSAF 2.0 TLP:AMBER; recipients may share it only within their own organization.";

const TO_CSAF: Readonly<Record<TlpLabel, CsafTlpLabel>> = {
  CLEAR: "WHITE",
  GREEN: "GREEN",
  AMBER: "AMBER",
  "AMBER+STRICT": "AMBER",
  RED: "RED",
};

const FROM_CSAF: Readonly<Record<CsafTlpLabel, TlpLabel>> = {
  WHITE: "CLEAR",
  GREEN: "GREEN",
  AMBER: "AMBER",
  RED: "RED",
};

/** The CSAF 2.0 marking for a TLP 2.0 label (CLEAR becomes WHITE; AMBER+STRICT becomes AMBER plus a note). */
export function toCsafTlp(label: TlpLabel): CsafTlpMapping {
  const mapping: CsafTlpMapping = { tlp: { label: TO_CSAF[label], url: CSAF_TLP_URL } };
  if (label === "AMBER+STRICT") mapping.note = AMBER_STRICT_NOTE;
  return mapping;
}

/**
 * The TLP 2.0 label for a CSAF 2.0 `distribution.tlp.label`. `distributionText` is the document's
 * `distribution.text`: when it names TLP:AMBER+STRICT, an AMBER label is read as AMBER+STRICT.
 */
export function fromCsafTlp(label: unknown, distributionText?: string): Result<TlpLabel> {
  if (typeof label !== "string" || !Object.hasOwn(FROM_CSAF, label)) {
    return fail(
      "tlp.unknown_csaf_label",
      `not a CSAF 2.0 TLP label: ${JSON.stringify(label) ?? "undefined"}`,
      "/document/distribution/tlp/label",
    );
  }
  const mapped = FROM_CSAF[label as CsafTlpLabel];
  if (mapped === "AMBER" && typeof distributionText === "string" && /TLP:AMBER\+STRICT/i.test(distributionText)) {
    return ok("AMBER+STRICT");
  }
  return ok(mapped);
}
