import type { Observation } from "./observation.ts";
import { clusterTotals } from "./observation.ts";

/**
 * The cluster-robust (CLT) standard error of the mean: sqrt(G/(G−1) · Σ_g (Σ_{i∈g} (x_i − x̄))² / n²)
 * over G clusters and n observations. Correlated scores within a task family widen it; with one
 * observation per cluster it equals the ordinary s/√n. NaN with fewer than two clusters.
 */
export function clusteredStderr(observations: readonly Observation[]): number {
  const n = observations.length;
  const totals = clusterTotals(observations);
  const g = totals.length;
  if (g < 2) return Number.NaN;
  let grand = 0;
  for (const total of totals) grand += total.sum;
  const m = grand / n;
  let sum = 0;
  for (const total of totals) sum += (total.sum - total.count * m) ** 2;
  return Math.sqrt(((g / (g - 1)) * sum) / (n * n));
}
