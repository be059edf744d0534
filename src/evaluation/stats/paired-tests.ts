import type { Random } from "./prng.ts";

/**
 * Exact McNemar test for paired 0/1 outcomes: of the `discordant` pairs, `b` favour one run; under
 * the null each goes either way with probability ½, so the two-sided p-value is
 * min(1, 2 · P(X ≤ min(b, discordant − b))) for X ~ Binomial(discordant, ½).
 */
export function mcnemarExact(b: number, c: number): number {
  const m = b + c;
  if (m === 0) return 1;
  const low = Math.min(b, c);
  // Summed in log space: 2^−m underflows for a few thousand pairs.
  let logPmf = -m * Math.LN2;
  let logTail = logPmf;
  for (let i = 1; i <= low; i++) {
    logPmf += Math.log((m - i + 1) / i);
    logTail = logAddExp(logTail, logPmf);
  }
  return Math.min(1, 2 * Math.exp(logTail));
}

/**
 * Two-sided sign-flip permutation test of a zero mean difference: under the null each unit's
 * difference is as likely negated, so the p-value is the share of sign assignments whose |sum| is at
 * least the observed one. Exact over all 2^m assignments up to `exactLimit` nonzero units, else
 * estimated from `draws` random ones as (hits + 1) / (draws + 1).
 */
export function signFlipTest(
  differences: readonly number[],
  random: Random,
  options: { exactLimit?: number; draws?: number } = {},
): { p: number; exact: boolean } {
  const units = differences.filter((d) => d !== 0);
  const observed = Math.abs(units.reduce((sum, d) => sum + d, 0));
  // Ties in floating point: a permuted sum equal to the observed one must count as "at least".
  const threshold = observed - 1e-9 * Math.max(1, observed);
  if (units.length === 0) return { p: 1, exact: true };
  if (units.length <= (options.exactLimit ?? 16)) {
    let hits = 0;
    const total = 2 ** units.length;
    for (let mask = 0; mask < total; mask++) {
      let sum = 0;
      for (let i = 0; i < units.length; i++) sum += mask & (1 << i) ? -units[i]! : units[i]!;
      if (Math.abs(sum) >= threshold) hits++;
    }
    return { p: hits / total, exact: true };
  }
  const draws = options.draws ?? 10_000;
  let hits = 0;
  for (let r = 0; r < draws; r++) {
    let sum = 0;
    for (const d of units) sum += random() < 0.5 ? -d : d;
    if (Math.abs(sum) >= threshold) hits++;
  }
  return { p: (hits + 1) / (draws + 1), exact: false };
}

function logAddExp(a: number, b: number): number {
  const high = Math.max(a, b);
  return high + Math.log(Math.exp(a - high) + Math.exp(b - high));
}
