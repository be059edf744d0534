import { Z95 } from "./descriptive.ts";

/**
 * The Wilson score interval for a proportion of `successes` in `n` trials. Unlike the normal
 * (Wald) interval it stays inside [0, 1] and keeps its coverage near 0 and 1 and for small n.
 */
export function wilsonInterval(successes: number, n: number, z = Z95): [number, number] {
  if (!Number.isInteger(n) || n <= 0) throw new RangeError(`n must be a positive whole number, got ${n}`);
  if (successes < 0 || successes > n) throw new RangeError(`successes must be within 0..${n}, got ${successes}`);
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At 0 or n successes one end is exactly 0 or 1; computed, it would be off by a rounding error.
  return [successes === 0 ? 0 : Math.max(0, centre - half), successes === n ? 1 : Math.min(1, centre + half)];
}
