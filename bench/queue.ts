/**
 * Work queue bench: jobs per second through enqueue → claim → commit (each job's handler inserts one
 * effect row inside `ctx.commit`), with 1 and 4 in-process workers, on PGlite and, when DATABASE_URL is
 * set, on PostgreSQL (in a scratch database that is dropped afterwards). Each run starts from a fresh
 * database; enqueueing is timed apart from processing (one autocommit statement per job), and
 * processing stops after 8 s (the rate is then over the jobs done so far), to keep the bench short.
 *
 *   npx tsx bench/queue.ts [jobs-per-run]        (default 300 on PGlite, 600 on PostgreSQL)
 */
import os from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import type { DatabaseEngine, Store } from "../src/platform/db/database.ts";
import { openTestStore } from "../src/platform/db/testing.ts";
import { enqueue, Worker } from "../src/platform/queue/index.ts";
import { createEffectsTable, effectsQueue, memoryLogger, recordEffect } from "../src/platform/queue/testing.ts";

const WORKER_COUNTS = [1, 4];
const CONCURRENCY = 1;
const MAX_PROCESS_MS = 8_000;

async function scratch(engine: DatabaseEngine): Promise<{ store: Store; drop(): Promise<void> }> {
  // Room for every writer at once, so the pool is not what is measured.
  const store = await openTestStore(engine, { poolSize: 20 });
  return { store, drop: () => store.close() };
}

interface Figures {
  enqueuePerSecond: number;
  processPerSecond: number;
  processed: number;
}

async function run(engine: DatabaseEngine, workerCount: number, jobs: number): Promise<Figures> {
  const { store, drop } = await scratch(engine);
  try {
    const { db } = store;
    await createEffectsTable(db);
    let enqueueStart = performance.now();
    for (let n = 0; n < jobs; n++) await enqueue(db, effectsQueue, { n });
    const enqueueMs = performance.now() - enqueueStart;

    let completed = 0;
    let allDone!: () => void;
    const finished = new Promise<void>((resolve) => {
      allDone = resolve;
    });
    const workers = Array.from({ length: workerCount }, (_, i) =>
      new Worker({ db, name: `bench-${i}`, concurrency: CONCURRENCY, logger: memoryLogger() }).handle(
        effectsQueue,
        async (_payload, ctx) => {
          await ctx.commit((trx) => recordEffect(trx, ctx.job.id, String(i)));
          if (++completed === jobs) allDone();
        },
      ),
    );
    enqueueStart = performance.now();
    for (const worker of workers) worker.start();
    await Promise.race([finished, sleep(MAX_PROCESS_MS)]);
    const processed = completed;
    const processMs = performance.now() - enqueueStart;
    await Promise.all(workers.map((worker) => worker.stop({ graceMs: 0 })));
    return {
      enqueuePerSecond: (jobs / enqueueMs) * 1000,
      processPerSecond: (processed / processMs) * 1000,
      processed,
    };
  } finally {
    await drop();
  }
}

const engines: DatabaseEngine[] = process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
const [load1] = os.loadavg();
console.log(
  `queue bench: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}), load average ${load1?.toFixed(1)}, ` +
    `node ${process.version}; workers × concurrency ${CONCURRENCY}`,
);
console.log("engine     workers   jobs  enqueue jobs/s  claim+commit jobs/s");
for (const engine of engines) {
  const jobs = Number(process.argv[2] ?? (engine === "pglite" ? 300 : 600));
  for (const workerCount of WORKER_COUNTS) {
    const figures = await run(engine, workerCount, jobs);
    console.log(
      `${engine.padEnd(10)} ${String(workerCount).padStart(7)}  ${String(jobs).padStart(5)}  ` +
        `${figures.enqueuePerSecond.toFixed(0).padStart(14)}  ${figures.processPerSecond.toFixed(0).padStart(19)}` +
        (figures.processed < jobs ? `  (${figures.processed} done in ${MAX_PROCESS_MS / 1000} s)` : ""),
    );
  }
}
