import type { BootstrapOptions } from "./bootstrap.ts";
import { type Estimate, estimate } from "./estimate.ts";
import type { Observation } from "./observation.ts";

/** The label observations without a category are grouped under. */
export const NO_CATEGORY = "(none)";

/** An estimate per category (e.g. ATT&CK tactic, CTF category), ordered by category name. */
export function byCategory(
  observations: readonly Observation[],
  bootstrap: BootstrapOptions = {},
): ({ category: string } & Estimate)[] {
  const groups = new Map<string, Observation[]>();
  for (const observation of observations) {
    const category = observation.category ?? NO_CATEGORY;
    const group = groups.get(category) ?? [];
    group.push(observation);
    groups.set(category, group);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([category, group]) => ({ category, ...estimate(group, bootstrap) }));
}
