/**
 * Provider throughput bench: the openai-compatible provider, under its RateGovernor, against the aicc
 * OpenAI-compatible TEST server answering every call in a fixed latency. The server runs in a child
 * process so that the CPU time measured here is the client's alone (request building, HTTP, JSON
 * parsing and checking, governing). Prints wall time against the ideal (calls × latency ÷
 * concurrency), client CPU time per call and peak RSS, after an unmeasured warm-up. The calls
 * share two CPUs with the server (and whatever else runs), so the load average is printed too.
 *
 *   npx tsx bench/eval-providers.ts [calls] [concurrency] [latency-ms]     (default 2000 100 200)
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import os from "node:os";
import { createInterface } from "node:readline";
import { GovernedProvider } from "../src/evaluation/providers/governed-provider.ts";
import { OpenAICompatibleProvider } from "../src/evaluation/providers/openai-compatible.ts";
import { RateGovernor } from "../src/evaluation/providers/rate-governor.ts";
import { startTestModelServer } from "../src/evaluation/test-server/test-model-server.ts";

const [calls, concurrency, latencyMs] = [2000, 100, 200].map((fallback, i) =>
  Number(process.argv[i + 2] ?? fallback),
) as [number, number, number];

/** Child mode: serve until stdin closes, then report the server's CPU time and request count on stdout. */
async function serve(answerMs: number) {
  const server = await startTestModelServer({
    latencyMs: answerMs,
    script: () => ({ content: "ANSWER: B", usage: { inputTokens: 120, outputTokens: 4 } }),
  });
  console.log(JSON.stringify({ baseUrl: server.baseUrl }));
  process.stdin.resume();
  await once(process.stdin, "end");
  const cpu = process.cpuUsage();
  console.log(JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, requests: server.requests().length }));
  await server.close();
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

async function measure() {
  const child = spawn(process.execPath, ["--import", "tsx", import.meta.filename, "--serve", String(latencyMs)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const { baseUrl } = JSON.parse((await lines.next()).value as string) as { baseUrl: string };

  const governor = new RateGovernor({
    initialConcurrency: concurrency,
    maxConcurrency: concurrency,
    timeoutMs: 30_000,
  });
  const provider = new GovernedProvider(
    new OpenAICompatibleProvider({ id: "openai-compatible:bench", model: "bench", baseUrl }),
    governor,
  );
  const prompt = "Which port does SSH listen on by default?\nA) 21\nB) 22\nC) 23\nD) 25\nAnswer with ANSWER: X.";
  const ask = (i: number) =>
    provider.generate({
      messages: [{ role: "user", content: `${i}: ${prompt}` }],
      config: { temperature: 0, maxTokens: 16 },
    });

  // Warm-up (5 × concurrency calls, not measured): opens the connections and lets the JIT settle.
  for (let round = 0; round < 5; round++) {
    await Promise.all(Array.from({ length: concurrency }, (_, i) => ask(-i - 1)));
  }

  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const outputs = await Promise.all(Array.from({ length: calls }, (_, i) => ask(i)));
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;

  child.stdin!.end();
  const server = JSON.parse((await lines.next()).value as string) as { cpuMs: number; requests: number };
  await once(child, "exit");

  const idealMs = (calls * latencyMs) / concurrency;
  const latencies = outputs.map((o) => o.latencyMs).sort((a, b) => a - b);
  const [load1] = os.loadavg();
  console.log(
    `eval-providers bench: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}), load average ${load1?.toFixed(1)}, node ${process.version}`,
  );
  console.log(
    `openai-compatible provider → aicc OpenAI-compatible TEST server (child process), ${latencyMs} ms per answer`,
  );
  console.log(`calls ${calls}, concurrency ${concurrency} (RateGovernor fixed at ${governor.concurrency})`);
  console.log(
    `wall ${wallMs.toFixed(0)} ms vs ideal ${idealMs.toFixed(0)} ms (${((wallMs / idealMs - 1) * 100).toFixed(1)} % over); ` +
      `${((calls / wallMs) * 1000).toFixed(0)} calls/s`,
  );
  console.log(
    `call latency p50 ${percentile(latencies, 0.5).toFixed(0)} ms, p99 ${percentile(latencies, 0.99).toFixed(0)} ms; ` +
      `mean queued ${(outputs.reduce((s, o) => s + (o.waitMs ?? 0), 0) / calls).toFixed(0)} ms`,
  );
  console.log(
    `client CPU ${(((cpu.user + cpu.system) / calls) * 1e-3).toFixed(3)} ms per call ` +
      `(user ${(cpu.user / 1000).toFixed(0)} ms, system ${(cpu.system / 1000).toFixed(0)} ms); peak RSS ${peakRssMb.toFixed(0)} MB`,
  );
  console.log(
    `server CPU ${(server.cpuMs / server.requests).toFixed(3)} ms per request over ${server.requests} requests`,
  );
}

if (process.argv[2] === "--serve") await serve(Number(process.argv[3]));
else await measure();
