import os from "node:os";
import autocannon from "autocannon";

/** One load measurement: autocannon for `seconds` at `connections`, reduced to the figures we report. */
export interface LoadFigures {
  name: string;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

export async function measure(
  name: string,
  url: string,
  options: { seconds?: number; connections?: number; headers?: Record<string, string> } = {},
): Promise<LoadFigures> {
  // A short warm-up, so JIT and caches are not part of the figure.
  await autocannon({ url, connections: 10, duration: 1, ...(options.headers ? { headers: options.headers } : {}) });
  const result = await autocannon({
    url,
    connections: options.connections ?? 50,
    duration: options.seconds ?? 5,
    ...(options.headers ? { headers: options.headers } : {}),
  });
  return {
    name,
    reqPerSec: Math.round(result.requests.mean),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

export function printTable(rows: LoadFigures[], baseline?: LoadFigures): void {
  console.log(`machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? "unknown cpu"}, node ${process.version}`);
  console.log(
    `${"case".padEnd(44)} ${"req/s".padStart(8)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"vs baseline".padStart(12)} errors`,
  );
  for (const r of rows) {
    const ratio = baseline ? `${((r.reqPerSec / baseline.reqPerSec) * 100).toFixed(0)}%` : "";
    console.log(
      `${r.name.padEnd(44)} ${String(r.reqPerSec).padStart(8)} ${String(r.p50Ms).padStart(7)} ${String(r.p99Ms).padStart(7)} ${ratio.padStart(12)} ${r.errors + r.non2xx}`,
    );
  }
}
