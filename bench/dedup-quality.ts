/**
 * `npm run bench:dedup`: duplicate-detection quality and lookup latency on the labelled set of
 * `bench/dedup-dataset.ts`, through the real store and service, on PGlite and (when DATABASE_URL is
 * set) on PostgreSQL.
 *
 * The real corpus (~7,000 go-vulndb, PyPA and KEV records) is written through the reports store;
 * the ~1,200 queries are submitted through `ReportService.submit` (validation, intake, the dedup
 * index); then the store is filled with seeded variants up to each size in DEDUP_SIZES (default
 * 10000,100000) and every query is looked up with `ReportService.duplicates`, as a coordinator.
 * Reported per size: recall@1 and recall@5 of the queries that have a duplicate (a hit is a
 * candidate describing the same flaw), the false-merge rate at the merge-suggestion threshold, and
 * p50/p99 latency of one lookup.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createContext } from "../src/app/context.ts";
import { MERGE_SUGGESTION_SCORE, packageKeys } from "../src/clearinghouse/reports/dedup.ts";
import * as reportStore from "../src/clearinghouse/reports/store.ts";
import { loadConfig, projectRoot } from "../src/platform/config/config.ts";
import type { Store } from "../src/platform/db/database.ts";
import { openTestStore, testEngines } from "../src/platform/db/testing.ts";
import { newId } from "../src/platform/ids/ids.ts";
import { buildDedupDataset, type LabelledReport, type QueryKind } from "./dedup-dataset.ts";

const SEED = Number(process.env.DEDUP_SEED ?? 20261126);
const SIZES = (process.env.DEDUP_SIZES ?? "10000,100000").split(",").map(Number);
const BATCH = 1_000;
/** DEDUP_SHOW_MISSES=n prints up to n misses per query kind: the query, what it should find, what ranked first. */
const SHOW_MISSES = Number(process.env.DEDUP_SHOW_MISSES ?? 0);

const dataset = buildDedupDataset({
  dataDir: path.join(projectRoot(), "..", "shared", "data"),
  seed: SEED,
  variants: 300,
  negatives: 300,
});
const kinds = new Map<QueryKind, number>();
for (const q of dataset.queries) kinds.set(q.kind, (kinds.get(q.kind) ?? 0) + 1);
console.log(
  `machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? "unknown cpu"}, node ${process.version}; seed ${SEED}`,
);
console.log(
  `labelled set: ${dataset.stored.length} real records stored; queries: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(", ")}`,
);

/**
 * Writes `docs` through the reports store (one transaction per batch), as one reporter's reports;
 * notes each new report's flaw in `flawOf`.
 */
async function storeReports(
  store: Store,
  reporter: { userId: string; orgId: string },
  docs: LabelledReport[],
  flawOf: Map<string, string>,
) {
  for (let i = 0; i < docs.length; i += BATCH) {
    await store.db.transaction().execute(async (trx) => {
      for (const doc of docs.slice(i, i + BATCH)) {
        const row = await reportStore.insertReport(trx, {
          id: newId("rpt"),
          reporter_user_id: reporter.userId,
          reporter_org_id: reporter.orgId,
          title: doc.title.slice(0, 300),
          description: doc.description,
          affected: doc.affected,
          package_keys: packageKeys(doc.affected),
          cwes: doc.cwes,
          cve_ids: [],
          cvss: [],
          cvss_score: null,
          impact: "",
          reproduction: "",
          disclosure: {},
          credit: null,
          provenance_kind: "human",
          provenance: { kind: "human" },
          status: "received",
          completeness: 50,
          missing: [],
          ssvc: null,
          triage_rank: 0,
          kev: null,
          in_kev: false,
          tlp: "AMBER",
          stack: null,
          fingerprint: null,
          evidence: null,
          duplicate_of: null,
        });
        await reportStore.indexForDedup(trx, row);
        flawOf.set(row.id, doc.flaw);
      }
    });
  }
}

async function showMiss(
  db: Store["db"],
  q: { id: string; flaw: string },
  candidates: { id: string; title: string; score: number; reasons: string[] }[],
  flawOf: Map<string, string>,
) {
  const expected = [...flawOf].filter(([id, flaw]) => flaw === q.flaw && id !== q.id).map(([id]) => id);
  const rows = await db
    .selectFrom("reports")
    .select(["id", "title", "package_keys"])
    .where("id", "in", [q.id, ...expected])
    .execute();
  const title = (id: string) => rows.find((r) => r.id === id);
  const rank = candidates.findIndex((c) => flawOf.get(c.id) === q.flaw);
  console.log(`  miss ${q.flaw}: "${title(q.id)?.title}" ${title(q.id)?.package_keys.join(" ")}`);
  for (const id of expected.slice(0, 2))
    console.log(`    expected "${title(id)?.title}" ${title(id)?.package_keys.join(" ")}`);
  console.log(
    `    ranked ${rank < 0 ? "nowhere" : rank + 1}; first "${candidates[0]?.title}" ${candidates[0]?.score} ${candidates[0]?.reasons.join("; ")}`,
  );
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const pct = (n: number, d: number) => (d === 0 ? "–" : `${((100 * n) / d).toFixed(1)}%`);

for (const engine of testEngines()) {
  const store = await openTestStore(engine);
  const config = loadConfig({}, { home: mkdtempSync(path.join(os.tmpdir(), "aicc-bench-")), logLevel: "silent" });
  const ctx = createContext(config, store);
  const gov = await ctx.identity.createOrg(null, { name: "CISA", kind: "government" });
  await ctx.identity.createUser(null, {
    orgId: gov.id,
    email: "coord@bench.test",
    displayName: "Coordinator",
    password: "bench password 1",
    roles: ["coordinator"],
  });
  const finders = await ctx.identity.createOrg(null, { name: "Finders", kind: "researcher" });
  const finderUser = await ctx.identity.createUser(null, {
    orgId: finders.id,
    email: "finder@bench.test",
    displayName: "Finder",
    password: "bench password 1",
    roles: ["reporter"],
  });
  const coordinator = (await ctx.identity.principalByEmail("coord@bench.test"))!;
  const finder = (await ctx.identity.principalByEmail("finder@bench.test"))!;
  await ctx.db
    .insertInto("instance_settings")
    .values({ key: "reports.quota_per_org_24h", value: "1000000" })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value: "1000000" }))
    .execute();

  const reporter = { userId: finderUser.id, orgId: finders.id };
  const flawOf = new Map<string, string>();
  let started = Date.now();
  await storeReports(store, reporter, dataset.stored, flawOf);
  const queries: { id: string; kind: QueryKind; flaw: string }[] = [];
  for (const q of dataset.queries) {
    const r = q.report;
    const report = await ctx.reports.submit(finder, {
      title: r.title.slice(0, 300),
      description: r.description,
      affected: r.affected,
      cwes: r.cwes,
      provenance: { kind: "human" },
    });
    queries.push({ id: report.id, kind: q.kind, flaw: r.flaw });
    // Queries stay stored: a later query of the same flaw may rightly find an earlier one.
    flawOf.set(report.id, r.flaw);
  }
  console.log(
    `\n[${engine}] stored ${flawOf.size} reports (real corpus + queries) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );

  let stored = flawOf.size;
  for (const size of SIZES) {
    if (size > stored) {
      started = Date.now();
      const fill = dataset.fill(size - stored);
      await storeReports(store, reporter, fill, flawOf);
      stored = size;
      console.log(`[${engine}] filled to ${size} reports in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }

    const latencies: number[] = [];
    /** Per query: the best score of a true duplicate and of any other candidate (0 when none). */
    const best: { negative: boolean; right: boolean; trueScore: number; falseScore: number }[] = [];
    const byKind = new Map<QueryKind, { n: number; at1: number; at5: number; falseMerge: number }>();
    for (const q of queries) {
      const t0 = performance.now();
      const candidates = await ctx.reports.duplicates(coordinator, q.id);
      latencies.push(performance.now() - t0);
      const k = byKind.get(q.kind) ?? { n: 0, at1: 0, at5: 0, falseMerge: 0 };
      k.n++;
      const same = candidates.map((c) => flawOf.get(c.id) === q.flaw);
      if (same[0]) k.at1++;
      else if (k.n - k.at1 <= SHOW_MISSES && q.kind !== "negative") await showMiss(ctx.db, q, candidates, flawOf);
      if (same.slice(0, 5).some(Boolean)) k.at5++;
      if (candidates.some((c, i) => c.score >= MERGE_SUGGESTION_SCORE && !same[i])) k.falseMerge++;
      best.push({
        negative: q.kind === "negative",
        right: same[0] === true,
        trueScore: Math.max(0, ...candidates.filter((_, i) => same[i]).map((c) => c.score)),
        falseScore: Math.max(0, ...candidates.filter((_, i) => !same[i]).map((c) => c.score)),
      });
      byKind.set(q.kind, k);
    }
    latencies.sort((a, b) => a - b);
    console.log(
      `[${engine}] ${size} stored: lookup p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms, max ${latencies[latencies.length - 1]!.toFixed(1)} ms`,
    );
    const total = { n: 0, at1: 0, at5: 0, falseMerge: 0 };
    console.log(
      `${"query kind".padEnd(16)} ${"n".padStart(5)} ${"recall@1".padStart(9)} ${"recall@5".padStart(9)} ${`false merge ≥${MERGE_SUGGESTION_SCORE}`.padStart(18)}`,
    );
    for (const [kind, k] of byKind) {
      if (kind !== "negative") {
        total.n += k.n;
        total.at1 += k.at1;
        total.at5 += k.at5;
        total.falseMerge += k.falseMerge;
      }
      const negative = kind === "negative";
      console.log(
        `${kind.padEnd(16)} ${String(k.n).padStart(5)} ${(negative ? "–" : pct(k.at1, k.n)).padStart(9)} ${(negative ? "–" : pct(k.at5, k.n)).padStart(9)} ${pct(k.falseMerge, k.n).padStart(18)}`,
      );
    }
    console.log(
      `${"with duplicate".padEnd(16)} ${String(total.n).padStart(5)} ${pct(total.at1, total.n).padStart(9)} ${pct(total.at5, total.n).padStart(9)} ${pct(total.falseMerge, total.n).padStart(18)}`,
    );
    // How the merge-suggestion threshold trades right suggestions for false merges.
    const positives = best.filter((b) => !b.negative);
    const negatives = best.filter((b) => b.negative);
    console.log(`threshold  right first suggestion  false merge (with dup)  false merge (negatives)`);
    for (const t of [0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8]) {
      const right = positives.filter((b) => b.right && b.trueScore >= t).length;
      const wrong = positives.filter((b) => b.falseScore >= t).length;
      const falseNeg = negatives.filter((b) => b.falseScore >= t).length;
      console.log(
        `${t.toFixed(2).padStart(9)}  ${pct(right, positives.length).padStart(22)}  ${pct(wrong, positives.length).padStart(22)}  ${pct(falseNeg, negatives.length).padStart(23)}`,
      );
    }
  }
  await store.close();
}
