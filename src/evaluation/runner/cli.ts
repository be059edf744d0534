import { writeFileSync } from "node:fs";
import path from "node:path";
import type { AppContext, WithContext } from "../../app/context.ts";
import { type Command, UsageError } from "../../platform/cli/frame.ts";
import { projectRoot } from "../../platform/config/config.ts";
import type { Worker } from "../../platform/queue/index.ts";
import { DATASETS } from "../datasets/registry.ts";
import type { GenerateConfig, ModelProvider } from "../model.ts";
import { resolveProvider } from "../providers/resolve-provider.ts";
import { EXPORT_FORMATS, type ExportFormat, exportRun } from "./export-run.ts";
import { ProgressLine } from "./progress.ts";
import { compareRuns, type RunResults, runResults } from "./results.ts";
import { createRun, resumeRun, runEmbedded, runGovernorOptions } from "./runner.ts";
import { evalSampleQueue, type SampleHandlerDeps, sampleHandler } from "./sample-handler.ts";
import { getRun, listRuns, type RunRecord } from "./store.ts";
import { buildTask, TASKS } from "./tasks.ts";

function positiveInt(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive integer`);
  return n;
}

function number(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number`);
  return n;
}

/** The handler's dependencies in a CLI process: the built-in tasks, models resolved once per run. */
function handlerDeps(ctx: AppContext): SampleHandlerDeps {
  const models = new Map<string, Promise<ModelProvider>>();
  return {
    db: ctx.db,
    tasks: TASKS,
    modelFor(run: RunRecord) {
      let model = models.get(run.id);
      if (!model) {
        model = (async () => {
          const { apiKeySecret, baseUrl, id } = run.spec.model;
          const apiKey = apiKeySecret ? await ctx.vault.getSecret(ctx.db, null, apiKeySecret) : undefined;
          if (apiKeySecret && apiKey === undefined) throw new Error(`no secret named ${apiKeySecret} in the store`);
          return resolveProvider(id, {
            ...(baseUrl ? { baseUrl } : {}),
            ...(apiKey ? { apiKey } : {}),
            governor: runGovernorOptions(run.spec),
          });
        })();
        models.set(run.id, model);
      }
      return model;
    },
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function describeResults(r: RunResults): string {
  const { spec } = r.run;
  const lines = [
    `${r.run.id}  ${spec.task.name}  ${spec.model.id}  ${r.run.status}  (${spec.dataset.samples} samples × ${spec.epochs} epochs)`,
  ];
  if (r.accuracy) {
    const a = r.accuracy;
    lines.push(
      `${r.scorer}: ${pct(a.mean)} ± ${pct(Number.isNaN(a.stderr) ? 0 : a.stderr)} (SE), 95% CI [${pct(a.ci95[0])}, ${pct(a.ci95[1])}] (${a.interval}), n=${a.n}`,
    );
  } else lines.push(`${r.scorer}: no scored samples`);
  const errors = Object.entries(r.errors);
  lines.push(
    `scored ${r.scored}/${r.total}; errors (not scored): ${errors.length ? errors.map(([k, n]) => `${k} ${n}`).join(", ") : "none"}${r.open ? `; open ${r.open}` : ""}`,
  );
  if (Object.keys(r.limits).length)
    lines.push(
      `limits hit: ${Object.entries(r.limits)
        .map(([k, n]) => `${k} ${n}`)
        .join(", ")}`,
    );
  if (r.refusals) lines.push(`refusals: ${r.refusals}`);
  if (r.byCategory.length > 1)
    for (const c of r.byCategory)
      lines.push(
        `  ${c.category.padEnd(28)} ${pct(c.mean).padStart(6)}  [${pct(c.ci95[0])}, ${pct(c.ci95[1])}]  n=${c.n}`,
      );
  lines.push(`tokens: ${r.tokens.input} in, ${r.tokens.output} out`);
  return lines.join("\n");
}

/** Runs `runId` in this process, with a live progress line on stderr; Ctrl-C leaves it resumable. */
async function runWithProgress(ctx: AppContext, runId: string, concurrency: number): Promise<void> {
  const progress = new ProgressLine(runId);
  const tty = process.stderr.isTTY === true;
  let last = "";
  const stop = new AbortController();
  const interrupt = () => stop.abort();
  process.once("SIGINT", interrupt);
  try {
    await runEmbedded(handlerDeps(ctx), runId, {
      concurrency,
      signal: stop.signal,
      onProgress(counts) {
        const line = progress.render(counts);
        if (line === last) return;
        last = line;
        // A terminal gets one line rewritten in place; a pipe gets a line per change.
        process.stderr.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
      },
      logger: {
        warn: () => undefined,
        error: (fields, message) => process.stderr.write(`\n${message} ${JSON.stringify(fields)}\n`),
      },
    });
  } finally {
    process.removeListener("SIGINT", interrupt);
    if (tty) process.stderr.write("\n");
  }
  if (stop.signal.aborted) process.stderr.write(`interrupted; continue with: aicc eval resume ${runId}\n`);
}

/**
 * Registers the sample handler on a generic `aicc worker` (src/app/jobs.ts), so worker processes on a
 * shared PostgreSQL take any run's samples alongside the embedded workers of `aicc eval run`.
 */
export function registerEvalJobs(worker: Worker, ctx: AppContext): void {
  worker.handle(evalSampleQueue, sampleHandler(handlerDeps(ctx)));
}

/** `aicc eval …`: run, resume, show, compare and list evaluation runs. */
export function evalCommands(withContext: WithContext): Command[] {
  return [
    {
      path: ["eval", "run"],
      summary: "Run a task against a model (embedded workers; progress on stderr), then print the score",
      options: {
        model: { type: "string", description: "PROVIDER:MODEL, e.g. openai-compatible:llama3", required: true },
        "base-url": { type: "string", description: "endpoint base URL including /v1 (openai-compatible)" },
        task: { type: "string", description: `task name: ${Object.keys(TASKS).join(", ")}`, required: true },
        dataset: { type: "string", description: "dataset file or folder (default: the task's public set)" },
        epochs: { type: "string", description: "epochs per sample (default 1)" },
        limit: { type: "string", description: "only the first N samples" },
        "max-connections": { type: "string", description: "samples in flight at once (default 4)" },
        "max-attempts": { type: "string", description: "attempts before an infrastructure error is final (default 3)" },
        temperature: { type: "string", description: "sampling temperature" },
        "max-tokens": { type: "string", description: "max output tokens per call" },
        seed: { type: "string", description: "sampling seed" },
        "api-key-secret": { type: "string", description: "name of the secret holding the API key (else from env)" },
      },
      run: ({ values }, io) =>
        withContext(async (ctx) => {
          const definition = TASKS[String(values.task)];
          if (!definition) throw new UsageError(`unknown task ${values.task}; tasks: ${Object.keys(TASKS).join(", ")}`);
          const entry = DATASETS[definition.dataset];
          if (!entry) throw new Error(`task ${definition.name} names an unknown dataset ${definition.dataset}`);
          const datasetPath = path.resolve(
            (values.dataset as string | undefined) ?? path.join(projectRoot(), entry.defaultPath),
          );
          const task = buildTask(definition, await entry.load(datasetPath));
          const seed = number("seed", values.seed);
          const config: GenerateConfig = {
            ...(values.temperature !== undefined ? { temperature: number("temperature", values.temperature) } : {}),
            ...(values["max-tokens"] !== undefined
              ? { maxTokens: positiveInt("max-tokens", values["max-tokens"]) }
              : {}),
            ...(seed !== undefined ? { seed } : {}),
          };
          const maxConnections = positiveInt("max-connections", values["max-connections"]) ?? 4;
          const { id, spec } = await createRun(ctx.db, task, String(values.model), {
            epochs: positiveInt("epochs", values.epochs) ?? 1,
            limit: positiveInt("limit", values.limit),
            maxConnections,
            maxAttempts: positiveInt("max-attempts", values["max-attempts"]) ?? 3,
            config,
            datasetPath,
            ...(values["base-url"] ? { baseUrl: String(values["base-url"]) } : {}),
            ...(values["api-key-secret"] ? { apiKeySecret: String(values["api-key-secret"]) } : {}),
          });
          process.stderr.write(
            `run ${id}: ${spec.task.name} (${spec.dataset.samples} samples × ${spec.epochs} epochs) against ${spec.model.id}\n`,
          );
          await runWithProgress(ctx, id, maxConnections);
          io.print(await runResults(ctx.db, id), describeResults);
        }),
    },
    {
      path: ["eval", "resume"],
      summary: "Continue an interrupted run; completed model calls are replayed from the cache, not repeated",
      positionals: ["run"],
      options: { "max-connections": { type: "string", description: "samples in flight (default: the run's)" } },
      run: ({ values, positionals }, io) =>
        withContext(async (ctx) => {
          const runId = positionals[0]!;
          const left = await resumeRun(ctx.db, runId);
          const run = (await getRun(ctx.db, runId))!;
          process.stderr.write(`run ${runId}: ${left} (sample, epoch)s left\n`);
          const concurrency = positiveInt("max-connections", values["max-connections"]) ?? run.spec.maxConnections;
          if (left > 0) await runWithProgress(ctx, runId, concurrency);
          io.print(await runResults(ctx.db, runId), describeResults);
        }),
    },
    {
      path: ["eval", "show"],
      summary: "A run's score with its 95% interval, per category, errors and tokens",
      positionals: ["run"],
      run: ({ positionals }, io) =>
        withContext(async (ctx) => io.print(await runResults(ctx.db, positionals[0]!), describeResults)),
    },
    {
      path: ["eval", "compare"],
      summary: "Paired comparison of two runs on the samples both scored (A − B)",
      positionals: ["run-a", "run-b"],
      run: ({ positionals }, io) =>
        withContext(async (ctx) => {
          const result = await compareRuns(ctx.db, positionals[0]!, positionals[1]!);
          io.print(result, (r: typeof result) => {
            const c = r.comparison;
            return [
              `${r.a} vs ${r.b} on ${c.n} paired samples (${r.scorer})`,
              `A ${pct(c.candidateMean)}, B ${pct(c.referenceMean)}, A − B = ${pct(c.difference)}, 95% CI [${pct(c.ci95[0])}, ${pct(c.ci95[1])}], p = ${c.p.toPrecision(3)} (${c.test})`,
              ...(c.discordant
                ? [`only A right: ${c.discordant.candidateOnly}, only B right: ${c.discordant.referenceOnly}`]
                : []),
            ].join("\n");
          });
        }),
    },
    {
      path: ["eval", "list"],
      summary: "List evaluation runs, newest first",
      run: (_args, io) =>
        withContext(async (ctx) => {
          const runs = await listRuns(ctx.db);
          io.print(runs, (rs: typeof runs) =>
            rs.length === 0
              ? "no runs"
              : rs
                  .map(
                    (r) =>
                      `${r.id}  ${r.status.padEnd(7)} ${r.createdAt.toISOString()}  ${r.spec.task.name.padEnd(20)} ${r.spec.model.id}`,
                  )
                  .join("\n"),
          );
        }),
    },
    {
      path: ["eval", "export"],
      summary: "Write a run as JSON: the aicc run log (every event) or an Inspect AI eval log",
      positionals: ["run"],
      options: {
        format: { type: "string", description: `${EXPORT_FORMATS.join(" or ")} (default aicc)` },
        out: { type: "string", description: "output file (default: standard output)" },
      },
      run: ({ values, positionals }, io) =>
        withContext(async (ctx) => {
          const format = (values.format as string | undefined) ?? "aicc";
          if (!(EXPORT_FORMATS as readonly string[]).includes(format))
            throw new UsageError(`--format must be ${EXPORT_FORMATS.join(" or ")}`);
          const text = `${JSON.stringify(await exportRun(ctx.db, positionals[0]!, format as ExportFormat), null, 2)}\n`;
          if (values.out === undefined) process.stdout.write(text);
          else {
            writeFileSync(path.resolve(String(values.out)), text);
            io.info(`wrote ${format} log of ${positionals[0]} to ${values.out}`);
          }
        }),
    },
    {
      path: ["eval", "tasks"],
      summary: "List the built-in tasks",
      run: async (_args, io) => {
        const tasks = Object.values(TASKS).map((t) => ({
          name: t.name,
          dataset: t.dataset,
          description: t.description,
        }));
        io.print(tasks, (ts: typeof tasks) => ts.map((t) => `${t.name.padEnd(20)} ${t.description}`).join("\n"));
      },
    },
  ];
}
