import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { projectRoot } from "../../platform/config/config.ts";
import { openTestStore } from "../../platform/db/testing.ts";
import { waitFor } from "../../platform/queue/testing.ts";
import { answerMultipleChoice, startTestModelServer } from "../test-server/index.ts";
import { runResults } from "./results.ts";
import { createRun } from "./runner.ts";
import { runCounts } from "./store.ts";
import { buildTask, TASKS } from "./tasks.ts";
import { answerKey, inlineMultipleChoice } from "./testing.ts";

const QUESTIONS = 40;
const WRONG = 4;

/** A real `aicc worker` process; it tells the model server who it is by its API key. */
function workerProcess(name: string, databaseUrl: string, home: string) {
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(projectRoot(), "bin", "aicc.js"), "worker", "--concurrency", "4"],
    {
      cwd: projectRoot(),
      env: { ...process.env, DATABASE_URL: databaseUrl, AICC_HOME: home, AICC_MODEL_API_KEY: `key-${name}` },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  let onReady!: () => void;
  const ready = new Promise<void>((resolve) => {
    onReady = resolve;
  });
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.includes("aicc worker running")) onReady();
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const exited = once(child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
  return {
    child,
    exited,
    output: () => output,
    ready: Promise.race([
      ready,
      exited.then(() => {
        throw new Error(`worker ${name} exited before it ran:\n${output}`);
      }),
    ]),
  };
}

const skip = process.env.DATABASE_URL
  ? false
  : "DATABASE_URL is not set: two `aicc worker` processes sharing a run need a PostgreSQL server";

test("two `aicc worker` processes share one run on PostgreSQL; no model call is made twice", {
  skip,
  timeout: 180_000,
}, async (t) => {
  const store = await openTestStore("postgres");
  const home = mkdtempSync(path.join(tmpdir(), "aicc-two-workers-"));
  const server = await startTestModelServer({
    latencyMs: 100,
    script: answerMultipleChoice({ answerKey: answerKey(QUESTIONS, WRONG) }),
  });
  const workers = [workerProcess("a", store.databaseUrl!, home), workerProcess("b", store.databaseUrl!, home)];
  try {
    // Both are polling before the run exists, so they start the race together.
    await Promise.all(workers.map((w) => w.ready));
    const task = buildTask(TASKS["cybermetric-80"]!, await inlineMultipleChoice(QUESTIONS));
    // Enqueue only: no embedded worker in this process.
    const { id } = await createRun(store.db, task, "openai-compatible:aicc-test-model", { baseUrl: server.baseUrl });
    await waitFor(
      "every sample finished",
      async () => {
        const counts = await runCounts(store.db, id);
        return counts.pending + counts.running === 0;
      },
      120_000,
    );

    const results = await runResults(store.db, id);
    assert.equal(results.scored, QUESTIONS);
    assert.deepEqual(results.errors, {});
    assert.equal(results.accuracy?.mean, (QUESTIONS - WRONG) / QUESTIONS);

    const requests = server.requests();
    const perBody = new Map<string, number>();
    for (const request of requests) {
      const body = JSON.stringify(request.body);
      perBody.set(body, (perBody.get(body) ?? 0) + 1);
    }
    assert.equal(perBody.size, QUESTIONS, "one distinct request per sample");
    assert.deepEqual(
      [...perBody.values()].filter((n) => n > 1),
      [],
      "no request body was sent twice",
    );
    const perWorker = new Map<string, number>();
    for (const request of requests) {
      const key = String(request.headers.authorization).replace(/^Bearer /, "");
      perWorker.set(key, (perWorker.get(key) ?? 0) + 1);
    }
    assert.ok((perWorker.get("key-a") ?? 0) > 0, "worker a made model calls");
    assert.ok((perWorker.get("key-b") ?? 0) > 0, "worker b made model calls");
    t.diagnostic(`model calls per worker: a=${perWorker.get("key-a")}, b=${perWorker.get("key-b")}`);
  } finally {
    for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill("SIGTERM");
    const exits = await Promise.all(workers.map((w) => w.exited));
    await server.close();
    await store.close();
    rmSync(home, { recursive: true, force: true });
    assert.deepEqual(
      exits,
      workers.map(() => [0, null]),
      workers.map((w) => w.output()).join("\n"),
    );
  }
});
