import { quantileSorted, sampleVariance } from "./descriptive.ts";
import { clusterTotals, type Observation } from "./observation.ts";
import { randomIndex, seededRandom } from "./prng.ts";

export interface BootstrapOptions {
  /** Resamples to draw (default 2000). */
  resamples?: number;
  /** PRNG seed (default 0): the same seed gives the same interval. */
  seed?: number;
}

export interface BootstrapResult {
  /** Standard deviation of the resampled means. */
  stderr: number;
  /** Percentile 95% interval of the resampled means. */
  ci95: [number, number];
  resamples: number;
}

/**
 * The clustered bootstrap of the mean: whole clusters (task families) are drawn with replacement, so
 * the interval reflects how much the score depends on which families happened to be in the set.
 */
export function clusteredBootstrap(
  observations: readonly Observation[],
  options: BootstrapOptions = {},
): BootstrapResult {
  const resamples = options.resamples ?? 2000;
  if (!Number.isInteger(resamples) || resamples < 2)
    throw new RangeError(`resamples must be a whole number ≥ 2, got ${resamples}`);
  const totals = clusterTotals(observations);
  if (totals.length === 0) throw new RangeError("the bootstrap of no observations is undefined");
  const random = seededRandom(options.seed ?? 0);
  const means = new Array<number>(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    let count = 0;
    for (let i = 0; i < totals.length; i++) {
      const drawn = totals[randomIndex(random, totals.length)]!;
      sum += drawn.sum;
      count += drawn.count;
    }
    means[r] = sum / count;
  }
  means.sort((a, b) => a - b);
  return {
    stderr: Math.sqrt(sampleVariance(means)),
    ci95: [quantileSorted(means, 0.025), quantileSorted(means, 0.975)],
    resamples,
  };
}
