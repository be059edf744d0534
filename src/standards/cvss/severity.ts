/** Qualitative severity ratings of CVSS scores. */

/** The rating names of the CVSS 3.x/4.0 scale (CVSS 2.0 ratings use LOW, MEDIUM and HIGH only). */
export type CvssSeverity = "NONE" | "LOW" | "MEDIUM" | "HIGH" | "CRITICAL";

/**
 * Rates a CVSS 3.x or 4.0 score on the scale both specifications define
 * (None 0.0, Low 0.1–3.9, Medium 4.0–6.9, High 7.0–8.9, Critical 9.0–10.0).
 */
export function severityOf(score: number): CvssSeverity {
  if (score >= 9) return "CRITICAL";
  if (score >= 7) return "HIGH";
  if (score >= 4) return "MEDIUM";
  if (score > 0) return "LOW";
  return "NONE";
}
