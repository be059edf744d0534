/**
 * `npm run bench:eval`: CyberMetric-500 × 4 epochs (2,000 model calls) at concurrency 100 through the
 * evaluation runner, the embedded path `aicc eval run` takes (a disk-backed PGlite; PostgreSQL too
 * when DATABASE_URL is set), against the aicc OpenAI-compatible TEST server answering every call in
 * 200 ms with the right letter. Then the same questions and endpoint through promptfoo 0.118.0 at the
 * same concurrency, installed on first use into a scratch folder outside the project.
 *
 * The server runs in a child process so the CPU time measured here is the runner's alone. Prints wall
 * time against the ideal (calls × latency ÷ concurrency), CPU time per sample, peak RSS and the cores.
 *
 *   npm run bench:eval [-- --no-promptfoo]
 */
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { DATASETS } from "../src/evaluation/datasets/registry.ts";
import type { Dataset } from "../src/evaluation/model.ts";
import { GovernorRegistry } from "../src/evaluation/providers/rate-governor.ts";
import { resolveProvider } from "../src/evaluation/providers/resolve-provider.ts";
import { runResults } from "../src/evaluation/runner/results.ts";
import { createRun, runEmbedded, runGovernorOptions } from "../src/evaluation/runner/runner.ts";
import type { RunRecord } from "../src/evaluation/runner/store.ts";
import { buildTask, TASKS } from "../src/evaluation/runner/tasks.ts";
import { multipleChoicePrompt } from "../src/evaluation/solvers/multiple-choice.ts";
import { startTestModelServer } from "../src/evaluation/test-server/test-model-server.ts";
import { projectRoot } from "../src/platform/config/config.ts";
import { openStore, type Store } from "../src/platform/db/database.ts";
import { migrate } from "../src/platform/db/migrator.ts";
import { openTestStore } from "../src/platform/db/testing.ts";

const TASK = "cybermetric-500";
const EPOCHS = 4;
const CONCURRENCY = 100;
const LATENCY_MS = 200;
const MODEL = "aicc-test-model";
const PROMPTFOO_VERSION = "0.118.0";
const PROMPTFOO_DIR = path.join(os.tmpdir(), "aicc-bench-promptfoo");

const loadDataset = (): Promise<Dataset> => {
  const entry = DATASETS[TASK]!;
  return entry.load(path.resolve(projectRoot(), entry.defaultPath));
};

/** Each question as the multiple-choice solver words it, with its right letter: what both clients send. */
const promptsOf = (dataset: Dataset) =>
  dataset.samples.map((sample) => ({
    prompt: multipleChoicePrompt(sample.input as string, sample.choices!),
    letter: sample.target as string,
  }));

/** Server statistics since the last `stats` line: calls, and the most calls any one body got. */
interface ServerStats {
  requests: number;
  maxPerBody: number;
  cpuMs: number;
}

/**
 * Child mode: the TEST server answering the right letter after LATENCY_MS. Reads `stats` lines on
 * stdin and answers each with the figures since the previous one; exits when stdin closes.
 */
async function serve() {
  const answers = new Map(promptsOf(await loadDataset()).map(({ prompt, letter }) => [prompt, letter]));
  const server = await startTestModelServer({
    latencyMs: LATENCY_MS,
    script: (request) =>
      `ANSWER: ${answers.get(request.messages.findLast((m) => m.role === "user")?.content ?? "") ?? "A"}`,
  });
  console.log(JSON.stringify({ baseUrl: server.baseUrl }));
  let seen = 0;
  let cpuBefore = process.cpuUsage();
  for await (const line of createInterface({ input: process.stdin })) {
    if (line !== "stats") continue;
    const all = server.requests();
    const perBody = new Map<string, number>();
    // Epochs repeat the same body; the epoch is not on the wire, so a body may be seen EPOCHS times.
    for (const request of all.slice(seen)) {
      const body = JSON.stringify(request.body);
      perBody.set(body, (perBody.get(body) ?? 0) + 1);
    }
    const cpu = process.cpuUsage(cpuBefore);
    cpuBefore = process.cpuUsage();
    console.log(
      JSON.stringify({
        requests: all.length - seen,
        maxPerBody: Math.max(0, ...perBody.values()),
        cpuMs: (cpu.user + cpu.system) / 1000,
      } satisfies ServerStats),
    );
    seen = all.length;
  }
  await server.close();
}

/** The server child and a way to ask it for its figures. */
async function startServerChild() {
  const child = spawn(process.execPath, ["--import", "tsx", import.meta.filename, "--serve"], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const { baseUrl } = JSON.parse((await lines.next()).value as string) as { baseUrl: string };
  return {
    baseUrl,
    async stats(): Promise<ServerStats> {
      child.stdin!.write("stats\n");
      return JSON.parse((await lines.next()).value as string) as ServerStats;
    },
    async close() {
      child.stdin!.end();
      await once(child, "exit");
    },
  };
}

interface Figures {
  label: string;
  /** From the start of creating the run (ours) or of the process (promptfoo) to the last answer scored. */
  wallMs: number;
  /** Of which recording the run and enqueueing its jobs (ours). */
  createMs?: number;
  samples: number;
  correct: number;
  cpuMsPerSample?: number;
  peakRssMb?: number;
  server: ServerStats;
  note?: string;
}

/** One run of the task through the embedded runner; a short unmeasured run first warms up the process. */
async function runOurs(
  label: string,
  store: Store,
  dataset: Dataset,
  server: Awaited<ReturnType<typeof startServerChild>>,
): Promise<Figures> {
  const task = buildTask(TASKS[TASK]!, dataset);
  const governors = new GovernorRegistry();
  const deps = {
    db: store.db,
    tasks: TASKS,
    modelFor: (run: RunRecord) =>
      resolveProvider(run.spec.model.id, {
        baseUrl: server.baseUrl,
        governors,
        governor: runGovernorOptions(run.spec),
      }),
  };
  const quiet = { warn: () => undefined, error: (fields: object, message: string) => console.error(message, fields) };
  const model = `openai-compatible:${MODEL}`;
  const options = { maxConnections: CONCURRENCY, baseUrl: server.baseUrl };

  const warmUp = await createRun(store.db, task, model, { ...options, limit: CONCURRENCY });
  await runEmbedded(deps, warmUp.id, { concurrency: CONCURRENCY, logger: quiet });
  await server.stats();

  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const { id } = await createRun(store.db, task, model, { ...options, epochs: EPOCHS });
  const createMs = performance.now() - started;
  const counts = await runEmbedded(deps, id, { concurrency: CONCURRENCY, logger: quiet });
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const results = await runResults(store.db, id);
  return {
    label,
    wallMs,
    createMs,
    samples: counts.done,
    correct: Math.round((results.accuracy?.mean ?? 0) * (results.accuracy?.n ?? 0)),
    cpuMsPerSample: (cpu.user + cpu.system) / 1000 / counts.total,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    server: await server.stats(),
  };
}

async function oursOnPglite(dataset: Dataset, server: Awaited<ReturnType<typeof startServerChild>>) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "aicc-bench-eval-"));
  const store = await openStore({ dataDir: path.join(dir, "pgdata") });
  try {
    await migrate(store);
    return await runOurs("aicc runner, PGlite (disk)", store, dataset, server);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function oursOnPostgres(dataset: Dataset, server: Awaited<ReturnType<typeof startServerChild>>) {
  const store = await openTestStore("postgres", { poolSize: 10 });
  try {
    return await runOurs("aicc runner, PostgreSQL", store, dataset, server);
  } finally {
    await store.close();
  }
}

/** The promptfoo CLI, installed into the scratch folder on first use; undefined (with why) when that fails. */
function promptfooCli(): { cli?: string; why?: string } {
  const cli = path.join(PROMPTFOO_DIR, "node_modules", "promptfoo", "dist", "src", "main.js");
  if (!existsSync(cli)) {
    console.log(`installing promptfoo ${PROMPTFOO_VERSION} into ${PROMPTFOO_DIR} (once)…`);
    mkdirSync(PROMPTFOO_DIR, { recursive: true });
    const install = spawnSync(
      "npm",
      ["i", `promptfoo@${PROMPTFOO_VERSION}`, "--prefix", PROMPTFOO_DIR, "--no-audit", "--no-fund"],
      { env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" }, encoding: "utf8" },
    );
    if (install.status !== 0)
      return { why: `npm i promptfoo@${PROMPTFOO_VERSION} failed: ${install.stderr.slice(-500)}` };
  }
  return existsSync(cli) ? { cli } : { why: `promptfoo installed, but ${cli} is missing` };
}

/** The same questions × epochs through `promptfoo eval` at the same concurrency; wall time of the whole CLI. */
async function runPromptfoo(
  dataset: Dataset,
  server: Awaited<ReturnType<typeof startServerChild>>,
): Promise<Figures | { label: string; why: string }> {
  const label = `promptfoo ${PROMPTFOO_VERSION}`;
  const { cli, why } = promptfooCli();
  if (!cli) return { label, why: why! };
  const work = mkdtempSync(path.join(os.tmpdir(), "aicc-bench-promptfoo-run-"));
  try {
    const config = {
      description: `${TASK} × ${EPOCHS} (aicc bench:eval)`,
      prompts: ["{{question}}"],
      providers: [
        {
          id: `openai:chat:${MODEL}`,
          config: { apiBaseUrl: server.baseUrl, apiKey: "aicc-bench", temperature: 0 },
        },
      ],
      tests: promptsOf(dataset).map(({ prompt, letter }) => ({
        vars: { question: prompt },
        assert: [{ type: "contains", value: `ANSWER: ${letter}` }],
      })),
      evaluateOptions: { maxConcurrency: CONCURRENCY, repeat: EPOCHS, cache: false, showProgressBar: false },
    };
    const configFile = path.join(work, "promptfooconfig.json");
    const outputFile = path.join(work, "results.json");
    writeFileSync(configFile, JSON.stringify(config));
    const args = [cli, "eval", "-c", configFile, "-j", String(CONCURRENCY), "--repeat", String(EPOCHS)];
    args.push("--no-cache", "--no-progress-bar", "--no-table", "-o", outputFile);
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      cwd: work,
      env: {
        ...process.env,
        PROMPTFOO_CONFIG_DIR: path.join(work, "home"),
        PROMPTFOO_DISABLE_TELEMETRY: "1",
        PROMPTFOO_DISABLE_UPDATE: "1",
        PROMPTFOO_DISABLE_SHARING: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      log += chunk.toString();
    });
    child.stderr!.on("data", (chunk: Buffer) => {
      log += chunk.toString();
    });
    const [code] = (await once(child, "exit")) as [number | null];
    const wallMs = performance.now() - started;
    const server2 = await server.stats();
    if (!existsSync(outputFile))
      return { label, why: `promptfoo exited ${code} without results:\n${log.slice(-2000)}` };
    const output = JSON.parse(readFileSync(outputFile, "utf8")) as {
      results: { stats: { successes: number; failures: number; errors: number } };
    };
    const { successes, failures, errors } = output.results.stats;
    return {
      label: `${label} (whole CLI process)`,
      wallMs,
      samples: successes + failures + errors,
      correct: successes,
      server: server2,
      ...(errors > 0 ? { note: `${errors} errors` } : {}),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function main() {
  const skipPromptfoo = process.argv.includes("--no-promptfoo");
  const dataset = await loadDataset();
  const calls = dataset.samples.length * EPOCHS;
  const idealMs = (calls * LATENCY_MS) / CONCURRENCY;
  const server = await startServerChild();
  const rows: (Figures | { label: string; why: string })[] = [];
  try {
    rows.push(await oursOnPglite(dataset, server));
    if (process.env.DATABASE_URL) rows.push(await oursOnPostgres(dataset, server));
    if (!skipPromptfoo) rows.push(await runPromptfoo(dataset, server));
  } finally {
    await server.close();
  }

  const [load1] = os.loadavg();
  console.log(
    `bench:eval: ${TASK} (${dataset.samples.length} questions) × ${EPOCHS} epochs = ${calls} calls, concurrency ${CONCURRENCY}, ` +
      `TEST server (child process) answering in ${LATENCY_MS} ms`,
  );
  console.log(
    `${os.availableParallelism()} cores (${os.cpus()[0]?.model ?? "?"}), load average ${load1?.toFixed(1)}, node ${process.version}; ` +
      `ideal ${calls} × ${LATENCY_MS} ms / ${CONCURRENCY} = ${(idealMs / 1000).toFixed(1)} s`,
  );
  const ours = rows.find((row): row is Figures => "wallMs" in row && row.label.startsWith("aicc"));
  console.log(
    "| client | wall s | of which creating the run | % of ideal throughput (sampling phase) | samples | correct | calls seen by server | CPU ms/sample | peak RSS MB |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const row of rows) {
    if (!("wallMs" in row)) {
      console.log(`| ${row.label} | – | – | – | – | – | – | – | – |`);
      console.log(`\n${row.label} could not run: ${row.why}\n`);
      continue;
    }
    const cells = [
      row.label,
      (row.wallMs / 1000).toFixed(2),
      row.createMs === undefined ? "–" : `${(row.createMs / 1000).toFixed(2)} s`,
      `${((idealMs / (row.wallMs - (row.createMs ?? 0))) * 100).toFixed(0)}%`,
      String(row.samples),
      String(row.correct),
      `${row.server.requests} (max ${row.server.maxPerBody} per body)`,
      row.cpuMsPerSample === undefined ? "–" : row.cpuMsPerSample.toFixed(2),
      row.peakRssMb === undefined ? "–" : row.peakRssMb.toFixed(0),
    ];
    console.log(`| ${cells.join(" | ")} |${row.note ? ` ${row.note}` : ""}`);
  }
  const promptfoo = rows.find((row): row is Figures => "wallMs" in row && row.label.startsWith("promptfoo"));
  if (ours && promptfoo)
    console.log(`\naicc runner (PGlite) vs promptfoo: ${(promptfoo.wallMs / ours.wallMs).toFixed(1)}× faster`);
}

if (process.argv[2] === "--serve") await serve();
else await main();
