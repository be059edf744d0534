/**
 * One score to summarise: a sample's score value (0–1), the sample id, and optionally its category
 * and cluster (task family). Epochs of a sample are several observations with the same id.
 */
export interface Observation {
  id: string;
  value: number;
  category?: string;
  cluster?: string;
}

/**
 * The unit of independence an observation belongs to: its cluster, else its sample id, so repeated
 * epochs of one sample are never treated as independent evidence.
 */
export function clusterOf(observation: Observation): string {
  return observation.cluster ?? `sample:${observation.id}`;
}

/** Observations grouped by cluster: each cluster's value sum and count, in first-seen order. */
export function clusterTotals(observations: readonly Observation[]): { sum: number; count: number }[] {
  const totals = new Map<string, { sum: number; count: number }>();
  for (const observation of observations) {
    const key = clusterOf(observation);
    const total = totals.get(key) ?? { sum: 0, count: 0 };
    total.sum += observation.value;
    total.count += 1;
    totals.set(key, total);
  }
  return [...totals.values()];
}
