import { readFileSync } from "node:fs";
import path from "node:path";
import { type Config, projectRoot } from "../platform/config/config.ts";
import { openStore, type Store } from "../platform/db/database.ts";
import { migrate } from "../platform/db/migrator.ts";
import { buildApp } from "../platform/http/app.ts";
import type { AppInstance } from "../platform/http/types.ts";
import { type AppContext, createContext } from "./context.ts";
import { seedDemoContent } from "./demo-content.ts";
import { seedDemo } from "./demo-seed.ts";
import { createWorker } from "./jobs.ts";
import { ROUTES } from "./routes.ts";

export function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(projectRoot(), "package.json"), "utf8")) as { version: string }).version;
}

/** Opens the configured store: PostgreSQL when DATABASE_URL is set, else PGlite under AICC_HOME. */
export function openConfiguredStore(config: Config): Promise<Store> {
  return openStore({ databaseUrl: config.databaseUrl, dataDir: path.join(config.home, "pgdata") });
}

export class DemoDataError extends Error {}

export interface RunningServer {
  app: AppInstance;
  ctx: AppContext;
  url: string;
  seeded: boolean;
  close(): Promise<void>;
}

/**
 * Starts the API and web server on an open store: migrations, demo seed (demo mode only), HTTP.
 * A production start refuses a database holding demo users, so a demo is never mistaken for a service.
 */
export async function startServer(
  config: Config,
  store: Store,
  options: {
    demo: boolean;
    /** Seed the demo's reports, advisories and case too (default: yes, with `demo`). */
    demoContent?: boolean;
  },
): Promise<RunningServer> {
  await migrate(store);
  const ctx = createContext(config, store);
  let seeded = false;
  if (options.demo) {
    seeded = await seedDemo(ctx);
    if (seeded && options.demoContent !== false) await seedDemoContent(ctx);
  } else if (await ctx.identity.hasDemoData()) {
    throw new DemoDataError(
      "this database holds demo users; start it with `aicc serve --demo` or use a fresh database",
    );
  }
  const app = await buildApp(ctx, {
    routes: ROUTES,
    webRoot: path.join(projectRoot(), "dist", "web"),
    version: packageVersion(),
  });
  await app.listen({ host: config.host, port: config.port });
  // Embedded mode has no other process to run jobs; with PostgreSQL, `aicc worker` processes add capacity.
  const worker = createWorker(ctx, config.inProcessWorkers)?.start();
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  return {
    app,
    ctx,
    url: `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`,
    seeded,
    async close() {
      await worker?.stop();
      await app.close();
    },
  };
}
