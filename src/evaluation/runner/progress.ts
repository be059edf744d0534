import type { RunCounts } from "./store.ts";

/** Compact token counts: 950, 12.3k, 4.56M. */
export function formatTokens(n: number): string {
  if (n < 1_000) return String(n);
  if (n < 1_000_000) return `${(n / 1_000).toFixed(1)}k`;
  return `${(n / 1_000_000).toFixed(2)}M`;
}

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  if (seconds < 3_600) return `${Math.floor(seconds / 60)}m${String(Math.ceil(seconds % 60)).padStart(2, "0")}s`;
  return `${Math.floor(seconds / 3_600)}h${String(Math.floor((seconds % 3_600) / 60)).padStart(2, "0")}m`;
}

/**
 * The live progress line of a run: finished/total, errors, tokens, rate and ETA. The rate counts
 * only what finished since this process started, so a resumed run's ETA is not skewed by earlier work.
 */
export class ProgressLine {
  private readonly startedAt: number;
  private first: number | undefined;

  constructor(
    private readonly runId: string,
    private readonly now: () => number = Date.now,
  ) {
    this.startedAt = now();
  }

  render(counts: RunCounts): string {
    const finished = counts.done + counts.error;
    this.first ??= finished;
    const seconds = (this.now() - this.startedAt) / 1000;
    const rate = seconds > 0 ? (finished - this.first) / seconds : 0;
    const eta = rate > 0 ? (counts.total - finished) / rate : Number.POSITIVE_INFINITY;
    return [
      `${this.runId}: ${finished}/${counts.total} done`,
      `${counts.error} errors`,
      `${formatTokens(counts.inputTokens + counts.outputTokens)} tokens`,
      `${rate.toFixed(1)}/s`,
      finished === counts.total ? "finished" : `ETA ${formatDuration(eta)}`,
    ].join(", ");
  }
}
