import type { BootstrapOptions } from "./bootstrap.ts";
import { type Estimate, estimate } from "./estimate.ts";
import type { Observation } from "./observation.ts";

/**
 * The unbiased pass@k estimator for one problem: the chance that at least one of k attempts drawn
 * without replacement from n attempts, c of them correct, is correct: 1 − C(n−c, k) / C(n, k).
 * Computed as 1 − Π_{i=n−c+1}^{n} (1 − k/i), which never forms the huge binomial coefficients.
 */
export function passAtK(n: number, c: number, k: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive whole number, got ${n}`);
  if (!Number.isInteger(c) || c < 0 || c > n) throw new RangeError(`c must be a whole number within 0..${n}, got ${c}`);
  if (!Number.isInteger(k) || k < 1 || k > n) throw new RangeError(`k must be a whole number within 1..${n}, got ${k}`);
  if (n - c < k) return 1;
  let none = 1;
  for (let i = n - c + 1; i <= n; i++) none *= 1 - k / i;
  return 1 - none;
}

/**
 * pass@k over a set: attempts (epochs) are grouped by sample id, each sample's pass@k is computed
 * from its n attempts and c successes (a score of 1 counts as a success), and the per-sample values
 * are summarised like any score, clustered by the samples' cluster.
 */
export function passAtKEstimate(
  attempts: readonly Observation[],
  k: number,
  bootstrap: BootstrapOptions = {},
): Estimate {
  const bySample = new Map<string, { n: number; c: number; first: Observation }>();
  for (const attempt of attempts) {
    const entry = bySample.get(attempt.id) ?? { n: 0, c: 0, first: attempt };
    entry.n += 1;
    if (attempt.value === 1) entry.c += 1;
    bySample.set(attempt.id, entry);
  }
  const perSample = [...bySample.entries()].map(([id, { n, c, first }]) => {
    if (n < k) throw new RangeError(`sample ${id} has ${n} attempts, fewer than k = ${k}`);
    return { ...first, id, value: passAtK(n, c, k) };
  });
  return estimate(perSample, bootstrap);
}
