/**
 * `npm run bench:api`: the API under load on this machine. A raw Fastify hello-world is the baseline,
 * measured in the same run; then /health and an authenticated, paginated list with 10,000 rows behind
 * it, on PGlite and (when DATABASE_URL is set) on PostgreSQL. Server and load generator share the
 * machine, so compare ratios, not absolute figures.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Fastify from "fastify";
import { sql } from "kysely";
import { createContext } from "../src/app/context.ts";
import { ROUTES } from "../src/app/routes.ts";
import { loadConfig } from "../src/platform/config/config.ts";
import { openTestStore, testEngines } from "../src/platform/db/testing.ts";
import { buildApp } from "../src/platform/http/app.ts";
import { type LoadFigures, measure, printTable } from "./http-load.ts";

const ROWS = 10_000;
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const rows: LoadFigures[] = [];

const hello = Fastify();
hello.get("/", async () => ({ hello: "world" }));
await hello.listen({ port: 0, host: "127.0.0.1" });
const helloPort = (hello.server.address() as { port: number }).port;
const baseline = await measure("baseline: raw Fastify hello-world", `http://127.0.0.1:${helloPort}/`, { seconds });
rows.push(baseline);
await hello.close();

for (const engine of testEngines()) {
  const store = await openTestStore(engine);
  const config = loadConfig({}, { home: mkdtempSync(path.join(tmpdir(), "aicc-bench-")), logLevel: "silent" });
  const ctx = createContext(config, store);
  const org = await ctx.identity.createOrg(null, { name: "Bench Agency", kind: "government" });
  const admin = await ctx.identity.createUser(null, {
    orgId: org.id,
    email: "admin@bench.test",
    displayName: "Admin",
    password: "bench password 1",
    roles: ["admin"],
  });
  // 10k users inserted in SQL: hashing 10k passwords would measure argon2, not the API.
  await sql`insert into users (id, org_id, email, display_name, roles, clearance)
    select 'usr_bench' || lpad(i::text, 6, '0'), ${org.id}, 'user' || lpad(i::text, 6, '0') || '@bench.test', 'User ' || i, '{coordinator}', 'none'
    from generate_series(1, ${ROWS}) as i`.execute(store.db);
  const { token } = await ctx.identity.createToken(null, admin.id, { name: "bench", scopes: ["admin"] });
  const app = await buildApp(ctx, { routes: ROUTES, version: "bench" });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  rows.push(await measure(`${engine}: GET /health`, `${base}/health`, { seconds }));
  rows.push(
    await measure(
      `${engine}: GET /api/users?limit=50 (${ROWS} rows, token)`,
      `${base}/api/users?limit=50&cursor=user005000%40bench.test`,
      {
        seconds,
        headers: { authorization: `Bearer ${token}` },
      },
    ),
  );
  await app.close();
  await store.close();
}

printTable(rows, baseline);
