/**
 * CVSS 3.0 (FIRST, 2015): the 3.x grammar and equations of cvss-v3.ts with this version's two rules.
 */
import type { Cvss3Rules } from "./cvss-v3.ts";

/** CVSS 3.0 rules: plain ceiling to one decimal, and the original Modified Impact for a changed scope (spec §8.3). */
export const cvss30Rules: Cvss3Rules = {
  version: "3.0",
  roundup: (x) => Math.ceil(x * 10) / 10,
  changedScopeModifiedImpact: (miss) => 7.52 * (miss - 0.029) - 3.25 * (miss - 0.02) ** 15,
};
