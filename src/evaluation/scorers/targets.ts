import type { Sample } from "../model.ts";

/** A sample's accepted targets as a list (a string target is one entry); blank entries dropped. */
export function targetsOf(sample: Sample): string[] {
  const targets = Array.isArray(sample.target) ? sample.target : [sample.target];
  return targets.filter((target) => target.trim() !== "");
}
