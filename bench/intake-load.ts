/**
 * `npm run bench:intake`: report intake under concurrent load, through a real HTTP server, on PGlite
 * and (when DATABASE_URL is set) on PostgreSQL.
 *
 * 100 clients, each with its own user and API token (25 organisations of 4 users), submit 1,000
 * reports together (10 each, one after another per client) to POST /api/reports. The per-organisation
 * quota is raised through instance_settings for the run. Afterwards every submission is checked:
 * each got 201 and an id, every id is in the database once with the title its client sent, no
 * report was stored twice, and the dedup index holds every report (term rows and the document
 * count). Prints p50/p99 latency and requests per second.
 */

import { fork } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { createContext } from "../src/app/context.ts";
import { ROUTES } from "../src/app/routes.ts";
import { loadConfig } from "../src/platform/config/config.ts";
import { openTestStore, testEngines } from "../src/platform/db/testing.ts";
import { buildApp } from "../src/platform/http/app.ts";

const CLIENTS = Number(process.env.INTAKE_CLIENTS ?? 100);
const PER_CLIENT = Number(process.env.INTAKE_PER_CLIENT ?? 10);
const USERS_PER_ORG = 4;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

function reportBody(client: number, n: number) {
  return {
    title: `intake-load ${client}-${n}: heap overflow in libfoo decode_chunk`,
    description: `Client ${client}, submission ${n}. A crafted PNG with an oversized IHDR chunk overflows a heap buffer in decode_chunk of libfoo ${client % 7}.${n}.`,
    affected: [{ kind: "purl", purl: `pkg:npm/libfoo${client % 13}@1.${n}.0` }],
    cwes: ["CWE-122"],
    cvss: ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"],
    impact: "Remote code execution when a server thumbnails uploads.",
    reproduction: "node poc.js crafted.png",
    provenance: { kind: "human" },
  };
}

interface ClientResults {
  latencies: number[];
  sent: Map<string, string>;
  failures: string[];
  seconds: number;
}

/**
 * The clients run in a child process: the server's event loop also runs PGlite, so clients in the
 * same loop would wait for it and measure the wrong thing.
 */
function runClients(url: string, tokens: string[]): Promise<ClientResults> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ["--clients"], {
      execArgv: ["--import", "tsx"],
      serialization: "advanced", // carries the Map
    });
    child.once("message", (results) => resolve(results as ClientResults));
    child.once("error", reject);
    child.send({ url, tokens });
  });
}

async function clients({ url, tokens }: { url: string; tokens: string[] }): Promise<ClientResults> {
  const latencies: number[] = [];
  const sent = new Map<string, string>(); // title → id the server answered
  const failures: string[] = [];
  const started = performance.now();
  await Promise.all(
    tokens.map(async (token, client) => {
      for (let n = 0; n < PER_CLIENT; n++) {
        const body = reportBody(client, n);
        const t0 = performance.now();
        const res = await fetch(url, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        const answer = (await res.json()) as { id?: string; detail?: string };
        latencies.push(performance.now() - t0);
        if (res.status !== 201 || !answer.id) failures.push(`${body.title}: ${res.status} ${answer.detail ?? ""}`);
        else sent.set(body.title, answer.id);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { latencies, sent, failures, seconds: (performance.now() - started) / 1000 };
}

if (process.argv.includes("--clients"))
  process.once("message", async (job) => {
    process.send!(await clients(job as { url: string; tokens: string[] }), () => process.exit(0));
  });
else await main();

async function main() {
  console.log(`machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? "unknown cpu"}, node ${process.version}`);
  console.log(`${CLIENTS} clients × ${PER_CLIENT} submissions, ${CLIENTS / USERS_PER_ORG} organisations`);

  for (const engine of testEngines()) {
    const store = await openTestStore(engine, { poolSize: 10 });
    const config = loadConfig({}, { home: mkdtempSync(path.join(os.tmpdir(), "aicc-bench-")), logLevel: "silent" });
    const ctx = createContext(config, store);
    // Users in SQL: hashing 100 passwords would measure argon2, not intake. Tokens through the service.
    await sql`insert into orgs (id, name, kind)
    select 'org_load' || lpad(i::text, 4, '0'), 'Load org ' || i, 'researcher' from generate_series(1, ${CLIENTS / USERS_PER_ORG}) as i`.execute(
      store.db,
    );
    await sql`insert into users (id, org_id, email, display_name, roles, clearance)
    select 'usr_load' || lpad(i::text, 4, '0'), 'org_load' || lpad((1 + (i - 1) / ${USERS_PER_ORG})::text, 4, '0'),
      'client' || i || '@load.test', 'Client ' || i, '{reporter}', 'none'
    from generate_series(1, ${CLIENTS}) as i`.execute(store.db);
    const tokens: string[] = [];
    for (let i = 1; i <= CLIENTS; i++)
      tokens.push(
        (
          await ctx.identity.createToken(null, `usr_load${String(i).padStart(4, "0")}`, {
            name: "load",
            scopes: ["read", "write"],
          })
        ).token,
      );
    await ctx.db
      .insertInto("instance_settings")
      .values({ key: "reports.quota_per_org_24h", value: "100000" })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value: "100000" }))
      .execute();
    const app = await buildApp(ctx, { routes: ROUTES, version: "bench" });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/api/reports`;

    const { latencies, sent, failures, seconds } = await runClients(url, tokens);

    const rows = await ctx.db
      .selectFrom("reports")
      .select(["id", "title"])
      .where("title", "like", "intake-load %")
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r.title]));
    const titles = new Set(rows.map((r) => r.title));
    const lost = [...sent].filter(([title, id]) => byId.get(id) !== title);
    const index = (
      await sql<{ indexed: number; counted: number }>`select
      (select count(*)::int from report_dedup_terms) as indexed,
      (select df from report_dedup_stats where term = '') as counted`.execute(ctx.db)
    ).rows[0]!;
    const total = CLIENTS * PER_CLIENT;
    console.log(
      `\n[${engine}] ${total} submissions in ${seconds.toFixed(1)} s: ${(total / seconds).toFixed(0)} req/s, ` +
        `p50 ${percentile(latencies, 0.5).toFixed(0)} ms, p90 ${percentile(latencies, 0.9).toFixed(0)} ms, ` +
        `p99 ${percentile(latencies, 0.99).toFixed(0)} ms, max ${latencies[latencies.length - 1]!.toFixed(0)} ms`,
    );
    console.log(
      `[${engine}] answered 201: ${sent.size}; failed: ${failures.length}; rows stored: ${rows.length}; ` +
        `distinct titles stored: ${titles.size}; answered ids missing or wrong: ${lost.length}; ` +
        `dedup index: ${index.indexed} reports, document count ${index.counted}`,
    );
    for (const f of failures.slice(0, 5)) console.log(`  failure: ${f}`);
    const ok =
      failures.length === 0 &&
      sent.size === total &&
      rows.length === total &&
      titles.size === total &&
      lost.length === 0 &&
      index.indexed === total &&
      index.counted === total;
    console.log(`[${engine}] ${ok ? "none lost, none duplicated" : "MISMATCH: see the counts above"}`);
    if (!ok) process.exitCode = 1;
    await app.close();
    await store.close();
  }
}
