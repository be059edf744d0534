/** z for a two-sided 95% normal interval (the 0.975 quantile of the standard normal). */
export const Z95 = 1.959963984540054;

export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("the mean of no values is undefined");
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** Sample variance (n − 1 in the denominator); NaN for fewer than two values. */
export function sampleVariance(values: readonly number[]): number {
  if (values.length < 2) return Number.NaN;
  const m = mean(values);
  let sum = 0;
  for (const value of values) sum += (value - m) ** 2;
  return sum / (values.length - 1);
}

/** The q-quantile (0 ≤ q ≤ 1) of sorted values, interpolating linearly between order statistics. */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError("the quantile of no values is undefined");
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

/** Whether every value is 0 or 1, so the scores are proportions. */
export function isBinary(values: readonly number[]): boolean {
  return values.every((value) => value === 0 || value === 1);
}

export const clamp01 = (value: number): number => Math.min(1, Math.max(0, value));
