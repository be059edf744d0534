/** Statistics over scores: intervals, clustered errors, pass@k, breakdowns and paired comparisons. Pure functions. */

export { type BootstrapOptions, type BootstrapResult, clusteredBootstrap } from "./bootstrap.ts";
export { byCategory, NO_CATEGORY } from "./breakdown.ts";
export { clusteredStderr } from "./clustered-stderr.ts";
export { type Estimate, estimate } from "./estimate.ts";
export { clusterOf, type Observation } from "./observation.ts";
export { comparePaired, type PairedComparison } from "./paired-comparison.ts";
export { mcnemarExact, signFlipTest } from "./paired-tests.ts";
export { passAtK, passAtKEstimate } from "./pass-at-k.ts";
export { type Random, seededRandom } from "./prng.ts";
export { wilsonInterval } from "./wilson.ts";
