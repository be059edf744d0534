import { clusteredStderr } from "./clustered-stderr.ts";
import { isBinary, mean, Z95 } from "./descriptive.ts";
import { clusterOf, type Observation } from "./observation.ts";
import { mcnemarExact, signFlipTest } from "./paired-tests.ts";
import { seededRandom } from "./prng.ts";

export interface PairedComparison {
  /** Samples scored in both runs. */
  n: number;
  candidateMean: number;
  referenceMean: number;
  /** candidate − reference, over the paired samples. */
  difference: number;
  /** Standard error of the difference from the paired differences (cluster-robust). */
  stderr: number;
  ci95: [number, number];
  /** Two-sided p-value for "no difference". */
  p: number;
  test: "mcnemar-exact" | "sign-flip-exact" | "sign-flip-monte-carlo";
  /** For 0/1 scores: samples only the candidate got right, and only the reference. */
  discordant?: { candidateOnly: number; referenceOnly: number };
  /** Sample ids scored in one run only, left out of the comparison. */
  unpaired: { candidateOnly: string[]; referenceOnly: string[] };
}

/**
 * Compares two runs on the same samples. Scores are paired by sample id (epochs of a sample are
 * averaged first), so sample difficulty cancels out and the interval is much narrower than two
 * separate intervals suggest. The p-value is McNemar's exact test for independent 0/1 scores, else a
 * sign-flip permutation test over clusters (task families), seeded for repeatability.
 */
export function comparePaired(
  candidate: readonly Observation[],
  reference: readonly Observation[],
  options: { seed?: number; draws?: number } = {},
): PairedComparison {
  const a = perSample(candidate);
  const b = perSample(reference);
  const ids = [...a.keys()].filter((id) => b.has(id));
  if (ids.length === 0) throw new RangeError("the runs have no sample in common");
  const pairs = ids.map((id) => ({ a: a.get(id)!, b: b.get(id)!, id }));
  const differences: Observation[] = pairs.map(({ a, b, id }) => ({
    id,
    value: a.value - b.value,
    cluster: a.cluster ?? b.cluster,
  }));
  const difference = mean(differences.map((d) => d.value));
  const stderr = clusteredStderr(differences);
  const half = Number.isNaN(stderr) ? 0 : Z95 * stderr;
  const unpaired = {
    candidateOnly: [...a.keys()].filter((id) => !b.has(id)),
    referenceOnly: [...b.keys()].filter((id) => !a.has(id)),
  };
  const base = {
    n: ids.length,
    candidateMean: mean(pairs.map((pair) => pair.a.value)),
    referenceMean: mean(pairs.map((pair) => pair.b.value)),
    difference,
    stderr,
    ci95: [difference - half, difference + half] as [number, number],
    unpaired,
  };
  const independent = new Set(differences.map(clusterOf)).size === differences.length;
  const binary = isBinary(pairs.flatMap((pair) => [pair.a.value, pair.b.value]));
  if (independent && binary) {
    const candidateOnly = pairs.filter((pair) => pair.a.value > pair.b.value).length;
    const referenceOnly = pairs.filter((pair) => pair.a.value < pair.b.value).length;
    return {
      ...base,
      p: mcnemarExact(candidateOnly, referenceOnly),
      test: "mcnemar-exact",
      discordant: { candidateOnly, referenceOnly },
    };
  }
  const clusterSums = new Map<string, number>();
  for (const d of differences) clusterSums.set(clusterOf(d), (clusterSums.get(clusterOf(d)) ?? 0) + d.value);
  const { p, exact } = signFlipTest([...clusterSums.values()], seededRandom(options.seed ?? 0), {
    draws: options.draws,
  });
  return { ...base, p, test: exact ? "sign-flip-exact" : "sign-flip-monte-carlo" };
}

/** Each sample's mean score over its epochs, keeping its cluster. */
function perSample(observations: readonly Observation[]): Map<string, Observation> {
  const groups = new Map<string, { sum: number; count: number; cluster?: string }>();
  for (const { id, value, cluster } of observations) {
    const group = groups.get(id) ?? { sum: 0, count: 0, cluster };
    group.sum += value;
    group.count += 1;
    groups.set(id, group);
  }
  return new Map([...groups].map(([id, { sum, count, cluster }]) => [id, { id, value: sum / count, cluster }]));
}
