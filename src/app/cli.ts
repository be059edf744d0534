import { advisoryCommands } from "../clearinghouse/advisories/cli.ts";
import { caseCommands } from "../clearinghouse/cases/cli.ts";
import { cveIdCommands } from "../clearinghouse/cve-ids/cli.ts";
import { importCommands } from "../clearinghouse/imports/cli.ts";
import { reportCommands } from "../clearinghouse/reports/cli.ts";
import { evalCommands } from "../evaluation/runner/cli.ts";
import { auditCommands } from "../platform/audit/cli.ts";
import { type Command, runCli, UsageError } from "../platform/cli/frame.ts";
import { ConfigError, loadConfig } from "../platform/config/config.ts";
import { migrate, migrationStatus } from "../platform/db/migrator.ts";
import { identityCommands } from "../platform/identity/cli.ts";
import { queueStats, requeueDeadJobs, requeueJob } from "../platform/queue/index.ts";
import { type AppContext, createContext } from "./context.ts";
import { DEMO_PASSWORD, demoLogins } from "./demo-seed.ts";
import { createWorker } from "./jobs.ts";
import { openConfiguredStore, startServer } from "./server.ts";

/** The `aicc` command: every module's commands over one configuration and one store. */
function loadConfigOrExit() {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`aicc: configuration: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

const config = loadConfigOrExit();

async function withContext<T>(fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const store = await openConfiguredStore(config);
  try {
    await migrate(store);
    return await fn(createContext(config, store));
  } finally {
    await store.close();
  }
}

const platformCommands: Command[] = [
  {
    path: ["serve"],
    summary: "Run the API and web server (embedded PGlite unless DATABASE_URL is set)",
    options: { demo: { type: "boolean", description: "seed and allow the demo organisations and users" } },
    async run({ values }, io) {
      const store = await openConfiguredStore(config);
      const demo = values.demo === true;
      const server = await startServer(config, store, { demo });
      io.print({ url: server.url, database: store.engine, demo }, () =>
        [
          `aicc is running at ${server.url}  (database: ${store.engine === "pglite" ? `PGlite in ${config.home}` : "PostgreSQL"})`,
          ...(demo
            ? ["", `Demo logins (password for all: ${DEMO_PASSWORD}):`, ...demoLogins().map((l) => `  ${l}`)]
            : []),
          "",
          "API reference: /docs   OpenAPI: /openapi.json   Stop with Ctrl-C.",
        ].join("\n"),
      );
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      await server.close();
      await store.close();
    },
  },
  {
    path: ["worker"],
    summary: "Run a queue worker process (several, on several machines, share one PostgreSQL)",
    options: { concurrency: { type: "string", description: "jobs at once (default 4)" } },
    async run({ values }, io) {
      const store = await openConfiguredStore(config);
      await migrate(store);
      const worker = createWorker(createContext(config, store), Number(values.concurrency ?? 4));
      if (!worker) {
        io.info("no module defines a queue yet: nothing to do");
        await store.close();
        return;
      }
      worker.start();
      io.info(`aicc worker running (${store.engine}); stop with Ctrl-C`);
      await new Promise<void>((resolve) => {
        process.once("SIGINT", () => resolve());
        process.once("SIGTERM", () => resolve());
      });
      await worker.stop();
      await store.close();
    },
  },
  {
    path: ["queue", "stats"],
    summary: "Job counts per queue and state",
    run: (_args, io) =>
      withContext(async (ctx) => {
        const stats = await queueStats(ctx.db);
        io.print(stats, (s: typeof stats) => JSON.stringify(s, null, 2));
      }),
  },
  {
    path: ["queue", "requeue"],
    summary: "Give a dead job a fresh attempt budget (--all: every dead job)",
    positionals: ["job-id?"],
    options: { all: { type: "boolean", description: "requeue every dead job" } },
    run: ({ values, positionals }, io) =>
      withContext(async (ctx) => {
        if (values.all) {
          const count = await requeueDeadJobs(ctx.db, {});
          io.print({ requeued: count }, () => `requeued ${count} dead jobs`);
        } else if (positionals[0]) {
          await requeueJob(ctx.db, positionals[0]);
          io.print({ requeued: positionals[0] }, () => `requeued ${positionals[0]}`);
        } else throw new UsageError("give a job id or --all");
      }),
  },
  {
    path: ["migrate"],
    summary: "Apply pending database migrations (--status: list them)",
    options: { status: { type: "boolean", description: "show applied and pending migrations, change nothing" } },
    async run({ values }, io) {
      const store = await openConfiguredStore(config);
      try {
        if (values.status) {
          const status = await migrationStatus(store);
          io.print(status, (s: typeof status) =>
            s
              .map(
                (m) =>
                  `${m.applied ? "applied" : "pending"}  ${m.name}${m.appliedAt ? `  ${m.appliedAt.toISOString()}` : ""}`,
              )
              .join("\n"),
          );
        } else {
          const applied = await migrate(store);
          io.print({ applied }, () => (applied.length ? `applied ${applied.join(", ")}` : "nothing to apply"));
        }
      } finally {
        await store.close();
      }
    },
  },
];

const commands: Command[] = [
  ...platformCommands,
  ...identityCommands(withContext),
  ...auditCommands(withContext),
  ...reportCommands(withContext),
  ...caseCommands(withContext),
  ...cveIdCommands(withContext),
  ...evalCommands(withContext),
  ...importCommands(withContext),
  ...advisoryCommands(withContext),
];

process.exitCode = await runCli(commands, process.argv.slice(2));
