import { readFileSync } from "node:fs";
import { openStore } from "../../platform/db/database.ts";
import { runResults } from "./results.ts";
import { createRun, resumeRun, runEmbedded } from "./runner.ts";
import { modelCallCounts, runCounts } from "./store.ts";
import { buildTask, TASKS } from "./tasks.ts";
import { inlineMultipleChoice, testDeps } from "./testing.ts";

/**
 * The runner process of the kill-and-resume test (`node --import tsx kill-resume.fixture.ts`), kept
 * apart from the `aicc` CLI so it starts in a fraction of the time. Without RUN_ID it creates a run
 * of QUESTIONS inline questions × EPOCHS in a PGlite data directory seeded from TEMPLATE and prints
 * `run <id>`; with RUN_ID it resumes that run, first printing `completed <json>` (the model calls
 * already in the response cache per sample). Either way it then works on the run with 3 embedded
 * workers, printing `done <n>` as (sample, epoch)s finish and `results <json>` at the end.
 */
const env = process.env;
const store = await openStore({
  dataDir: env.DATA_DIR!,
  ...(env.TEMPLATE ? { loadDataDir: new Blob([readFileSync(env.TEMPLATE)]) } : {}),
});
const say = (line: string) => process.stdout.write(`${line}\n`);
let runId = env.RUN_ID;
if (!runId) {
  const task = buildTask(TASKS["cybermetric-80"]!, await inlineMultipleChoice(Number(env.QUESTIONS)));
  runId = (await createRun(store.db, task, "openai-compatible:aicc-test-model", { epochs: Number(env.EPOCHS) })).id;
  say(`run ${runId}`);
} else {
  say(`completed ${JSON.stringify(Object.fromEntries(await modelCallCounts(store.db, runId)))}`);
  await resumeRun(store.db, runId);
}
let last = (await runCounts(store.db, runId)).done;
await runEmbedded(testDeps(store.db, env.BASE_URL!), runId, {
  concurrency: 3,
  pollMs: 20,
  // Short, so the resume does not wait long for the killed process's leases to run out.
  leaseMs: 1_500,
  logger: {
    warn: () => undefined,
    error: (fields, message) => process.stderr.write(`${message} ${JSON.stringify(fields)}\n`),
  },
  onProgress(counts) {
    if (counts.done === last) return;
    last = counts.done;
    say(`done ${last}`);
  },
});
say(`results ${JSON.stringify(await runResults(store.db, runId))}`);
await store.close();
