import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startServer } from "../../app/server.ts";
import { loadConfig } from "../config/config.ts";
import { openTestStore } from "../db/testing.ts";

/**
 * A real server for browser and HTTP tests: a fresh migrated PGlite database, the demo seed, the built
 * web app, listening on 127.0.0.1 at an ephemeral port.
 */
export async function startTestServer(options: { demo?: boolean; demoContent?: boolean } = {}) {
  const store = await openTestStore("pglite");
  const home = mkdtempSync(path.join(tmpdir(), "aicc-test-"));
  const config = loadConfig({}, { home, host: "127.0.0.1", port: 0, logLevel: "silent", inProcessWorkers: 0 });
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    // Tests start from the demo users only, unless they ask for the demo's reports and advisories.
    server = await startServer(config, store, {
      demo: options.demo ?? true,
      demoContent: options.demoContent ?? false,
    });
  } catch (error) {
    await store.close(); // an open PGlite would keep the test process alive
    throw error;
  }
  return {
    url: server.url,
    ctx: server.ctx,
    async close() {
      await server.close();
      await store.close();
    },
  };
}
