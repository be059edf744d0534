import type { Scorer } from "../model.ts";
import { ScorerError } from "./scorer-error.ts";
import { targetsOf } from "./targets.ts";

export interface IncludesOptions {
  /** Compare case-sensitively (default false). */
  caseSensitive?: boolean;
}

/**
 * 1 when the answer contains a target (any of them, for a list). Runs of whitespace compare equal, so
 * a line break inside the answer does not hide a match.
 */
export function includes(options: IncludesOptions = {}): Scorer {
  const fold = (text: string) => {
    const spaced = text.replace(/\s+/g, " ").trim();
    return options.caseSensitive ? spaced : spaced.toLowerCase();
  };
  return async (result, sample) => {
    const targets = targetsOf(sample);
    if (targets.length === 0) throw new ScorerError("includes", `sample ${sample.id} has no target`);
    const answer = fold(result.answer);
    const found = targets.find((target) => answer.includes(fold(target)));
    return found === undefined
      ? { value: 0, explanation: "the answer contains no target" }
      : { value: 1, answer: found, explanation: `the answer contains ${JSON.stringify(found)}` };
  };
}
