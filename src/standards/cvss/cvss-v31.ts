/**
 * CVSS 3.1 (FIRST, 2019): the 3.x grammar and equations of cvss-v3.ts with this version's two rules.
 */
import type { Cvss3Rules } from "./cvss-v3.ts";

/**
 * Roundup of CVSS 3.1 Appendix A: works on an integer of five decimals so that binary noise
 * (4.000000000000001) does not lift a score by a whole tenth.
 */
export function roundup31(x: number): number {
  const scaled = Math.round(x * 100000);
  return scaled % 10000 === 0 ? scaled / 100000 : (Math.floor(scaled / 10000) + 1) / 10;
}

/** CVSS 3.1 rules: Appendix A's Roundup, and the revised Modified Impact for a changed scope (spec §7.3). */
export const cvss31Rules: Cvss3Rules = {
  version: "3.1",
  roundup: roundup31,
  changedScopeModifiedImpact: (miss) => 7.52 * (miss - 0.029) - 3.25 * (miss * 0.9731 - 0.02) ** 13,
};
