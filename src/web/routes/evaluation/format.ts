import type { EstimateView } from "../../../evaluation/runner/viewer-model.ts";

/** Display helpers of the evaluation pages; every value is rendered by React as text. */

/** 0.5714 → `57.1%`. */
export const percent = (x: number): string => `${(100 * x).toFixed(1)}%`;

/** `[25.0%, 84.2%]`. */
export const interval = ([low, high]: [number, number]): string => `[${percent(low)}, ${percent(high)}]`;

const METHODS: Record<EstimateView["interval"], string> = {
  wilson: "Wilson",
  "clustered-bootstrap": "clustered bootstrap",
  normal: "normal",
};

export const intervalMethod = (method: EstimateView["interval"]): string => METHODS[method];

/** The outcome of a (sample, epoch) under the primary scorer. */
export function outcomeOf(sample: {
  status: string;
  value: number | null;
}): "correct" | "incorrect" | "error" | "open" {
  if (sample.status === "error") return "error";
  if (sample.status !== "done" || sample.value === null) return "open";
  return sample.value >= 1 ? "correct" : "incorrect";
}

export const targetText = (target: string | string[]): string => (Array.isArray(target) ? target.join(" | ") : target);
