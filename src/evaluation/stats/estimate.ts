import { type BootstrapOptions, clusteredBootstrap } from "./bootstrap.ts";
import { clusteredStderr } from "./clustered-stderr.ts";
import { clamp01, isBinary, mean, Z95 } from "./descriptive.ts";
import { clusterTotals, type Observation } from "./observation.ts";
import { wilsonInterval } from "./wilson.ts";

/** A mean score with its uncertainty. */
export interface Estimate {
  /** Observations (samples × epochs). */
  n: number;
  /** Independent units: clusters, or samples when no cluster is given. */
  clusters: number;
  mean: number;
  /** Cluster-robust standard error (the ordinary one when every cluster has one observation); NaN below two clusters. */
  stderr: number;
  ci95: [number, number];
  /** How `ci95` was computed. */
  interval: "wilson" | "clustered-bootstrap" | "normal";
}

/**
 * Accuracy (the mean score) with standard error and 95% interval. Independent 0/1 scores get the Wilson
 * interval; scores grouped in clusters (task families, or epochs of one sample) the clustered
 * bootstrap, which does not assume independence within a cluster; other independent scores the normal
 * interval, clipped to [0, 1].
 */
export function estimate(observations: readonly Observation[], bootstrap: BootstrapOptions = {}): Estimate {
  if (observations.length === 0) throw new RangeError("no observations to estimate from");
  for (const { id, value } of observations) {
    if (!(value >= 0 && value <= 1)) throw new RangeError(`score of ${id} must be within 0..1, got ${value}`);
  }
  const values = observations.map((observation) => observation.value);
  const n = values.length;
  const clusters = clusterTotals(observations).length;
  const m = mean(values);
  const stderr = clusteredStderr(observations);
  const base = { n, clusters, mean: m, stderr };
  if (clusters < n)
    return { ...base, ci95: clusteredBootstrap(observations, bootstrap).ci95, interval: "clustered-bootstrap" };
  if (isBinary(values)) return { ...base, ci95: wilsonInterval(Math.round(m * n), n), interval: "wilson" };
  const half = Number.isNaN(stderr) ? 0 : Z95 * stderr;
  return { ...base, ci95: [clamp01(m - half), clamp01(m + half)], interval: "normal" };
}
