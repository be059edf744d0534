import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { before, test } from "node:test";
import { Ajv2020 } from "ajv/dist/2020.js";
import { type AppContext, createContext } from "../../app/context.ts";
import { ROUTES } from "../../app/routes.ts";
import { loadConfig } from "../../platform/config/config.ts";
import { describeEachEngine } from "../../platform/db/testing.ts";
import { buildApp } from "../../platform/http/app.ts";
import type { AppInstance } from "../../platform/http/types.ts";
import { wilsonInterval } from "../stats/index.ts";
import { exportRun } from "./export-run.ts";
import type { RunDetail, RunLog, RunSummary, SampleSummary, SampleTranscript } from "./viewer-model.ts";
import {
  CATEGORIES,
  CTF_FLAG,
  createViewerRuns,
  FAILING,
  STDERR_TEXT,
  type ViewerRuns,
  WRONG,
  XSS_TEXT,
} from "./viewer-testing.ts";

describeEachEngine("evaluation viewer API", (store) => {
  let app: AppInstance;
  let ctx: AppContext;
  let runs: ViewerRuns;
  const tokens: Record<string, string> = {};

  async function user(orgId: string, email: string, roles: string[], scopes: ("read" | "write")[] = ["read"]) {
    const u = await ctx.identity.createUser(null, {
      orgId,
      email,
      displayName: email,
      password: "correct horse battery",
      roles,
    });
    tokens[email] = (await ctx.identity.createToken(null, u.id, { name: "t", scopes })).token;
  }

  before(async () => {
    const config = loadConfig({}, { home: mkdtempSync(path.join(tmpdir(), "aicc-eval-viewer-")), logLevel: "silent" });
    ctx = createContext(config, store());
    const nsa = await ctx.identity.createOrg(null, { name: "NSA", kind: "government" });
    await user(nsa.id, "evaluator@gov.test", ["evaluator"]);
    await user(nsa.id, "writer@gov.test", ["evaluator"], ["write"]);
    const cisa = await ctx.identity.createOrg(null, { name: "CISA", kind: "government" });
    await user(cisa.id, "coord@gov.test", ["coordinator"]);
    await user((await ctx.identity.createOrg(null, { name: "Acme", kind: "vendor" })).id, "psirt@acme.test", ["psirt"]);
    await user((await ctx.identity.createOrg(null, { name: "Indie", kind: "researcher" })).id, "dana@indie.test", [
      "reporter",
    ]);
    await user((await ctx.identity.createOrg(null, { name: "Aurora", kind: "ai_developer" })).id, "r@aurora.test", [
      "researcher",
    ]);
    app = await buildApp(ctx, { routes: ROUTES, version: "test" });
    runs = await createViewerRuns(ctx.db);
  });

  /** The Inspect export as plain JSON data, to read its fields. */
  const inspectLog = async (runId: string) => JSON.parse(JSON.stringify(await exportRun(ctx.db, runId, "inspect")));
  const get = (email: string, url: string) =>
    app.inject({ method: "GET", url, headers: { authorization: `Bearer ${tokens[email]}` } });

  test("the runs list: newest first, progress, errors and the primary score with its interval", async () => {
    const res = await get("evaluator@gov.test", "/api/eval/runs");
    assert.equal(res.statusCode, 200, res.body);
    const { items, nextCursor } = res.json() as { items: RunSummary[]; nextCursor: string | null };
    assert.deepEqual(
      items.map((r) => r.id),
      [runs.agent, runs.candidate, runs.reference],
    );
    assert.equal(nextCursor, null);
    const candidate = items[1]!;
    assert.equal(candidate.task, "cybermetric-80");
    assert.equal(candidate.status, "done");
    assert.deepEqual([candidate.done, candidate.total, candidate.errors], [8, 8, 1]);
    assert.equal(candidate.scorer, "choice_match");
    assert.equal(candidate.accuracy?.mean, 4 / 7);
    assert.deepEqual(candidate.accuracy?.ci95, wilsonInterval(4, 7));

    const first = (await get("evaluator@gov.test", "/api/eval/runs?limit=2")).json();
    assert.equal(first.items.length, 2);
    const rest = (await get("evaluator@gov.test", `/api/eval/runs?limit=2&cursor=${first.nextCursor}`)).json();
    assert.deepEqual(
      rest.items.map((r: RunSummary) => r.id),
      [runs.reference],
    );
    const bad = await get("evaluator@gov.test", "/api/eval/runs?cursor=nonsense");
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /cursor/);
  });

  test("a run: accuracy with stderr, Wilson and by-category bootstrap, the breakdown, errors by kind, tokens", async () => {
    const res = await get("evaluator@gov.test", `/api/eval/runs/${runs.candidate}`);
    assert.equal(res.statusCode, 200, res.body);
    const run = res.json() as RunDetail;
    assert.equal(run.access, "full");
    assert.equal(run.spec.task.name, "cybermetric-80");
    assert.deepEqual(run.errorsByKind, { infrastructure: 1 });
    assert.equal(run.scored, 7);
    assert.deepEqual(run.categories, [...CATEGORIES]);
    assert.ok(run.tokens.input > 0 && run.tokens.output > 0);
    const [choice] = run.scorers;
    assert.equal(choice?.scorer, "choice_match");
    assert.equal(choice?.accuracy?.mean, 4 / 7);
    assert.equal(choice?.accuracy?.interval, "wilson");
    assert.ok(choice?.accuracy?.stderr !== null && choice!.accuracy!.stderr > 0);
    assert.deepEqual(choice?.wilson95, wilsonInterval(4, 7));
    assert.equal(choice?.categoryBootstrap?.clusters, 2);
    assert.deepEqual(
      choice?.byCategory.map((c) => [c.category, c.n, c.mean]),
      [
        ["cryptography", 4, 2 / 4],
        ["network security", 3, 2 / 3],
      ],
    );
    assert.deepEqual(choice?.byCategory[0]?.ci95, wilsonInterval(2, 4));
  });

  test("samples filter by outcome and category, page by cursor", async () => {
    const list = async (query: string) => {
      const res = await get("evaluator@gov.test", `/api/eval/runs/${runs.candidate}/samples${query}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as { items: SampleSummary[]; nextCursor: string | null };
    };
    assert.deepEqual(
      (await list("?score=incorrect")).items.map((s) => s.sampleId),
      WRONG,
    );
    assert.deepEqual(
      (await list("?score=error")).items.map((s) => [s.sampleId, s.errorKind]),
      [[FAILING, "infrastructure"]],
    );
    assert.deepEqual(
      (await list("?score=correct&category=cryptography")).items.map((s) => s.sampleId),
      ["q05", "q07"],
    );
    const wrong = (await list("?score=incorrect")).items[0]!;
    assert.equal(wrong.value, 0);
    assert.equal(wrong.category, "cryptography");
    assert.equal(wrong.target, "A");
    const first = await list("?limit=5");
    assert.equal(first.items.length, 5);
    const rest = await list(`?limit=5&cursor=${first.nextCursor}`);
    assert.deepEqual(
      rest.items.map((s) => s.sampleId),
      ["q06", "q07", "q08"],
    );
    const bad = await get("evaluator@gov.test", `/api/eval/runs/${runs.candidate}/samples?score=maybe`);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /score/);
  });

  test("a transcript: the model's markup as text, the tool call with the sandbox's output and exit code, scores, events", async () => {
    const res = await get("evaluator@gov.test", `/api/eval/runs/${runs.agent}/samples/ctf-xss/1`);
    assert.equal(res.statusCode, 200, res.body);
    const t = res.json() as SampleTranscript;
    assert.equal(t.status, "done", JSON.stringify(t.error));
    assert.equal(t.answer, CTF_FLAG);
    assert.equal(t.scores.flag_match?.value, 1);
    assert.deepEqual(t.sample.files, ["flag.txt"], "file names only, never host paths");
    assert.deepEqual(
      t.messages.map((m) => m.role),
      ["user", "assistant", "tool", "assistant", "tool"],
    );
    const said = t.messages[1]!;
    assert.ok(said.role === "assistant" && said.content.includes(XSS_TEXT));
    assert.equal(t.toolCalls[0]?.call.name, "bash");
    assert.equal(t.toolCalls[0]?.exitCode, 3);
    assert.ok(t.toolCalls[0]?.output.includes(CTF_FLAG));
    assert.ok(t.toolCalls[0]?.output.includes(STDERR_TEXT));
    assert.deepEqual(
      t.events.map((e) => e.event.type),
      ["model", "tool", "model", "tool", "score"],
    );
    const missing = await get("evaluator@gov.test", `/api/eval/runs/${runs.agent}/samples/nope/1`);
    assert.equal(missing.statusCode, 404);
    const badEpoch = await get("evaluator@gov.test", `/api/eval/runs/${runs.agent}/samples/ctf-xss/zero`);
    assert.equal(badEpoch.statusCode, 400);
    assert.match(badEpoch.body, /epoch/);
  });

  test("the run log downloads as an attachment with spec, samples and events", async () => {
    const res = await get("evaluator@gov.test", `/api/eval/runs/${runs.agent}/log`);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers["content-disposition"]), new RegExp(`^attachment; filename="${runs.agent}.json"`));
    assert.match(String(res.headers["content-type"]), /^application\/json/);
    const log = res.json() as RunLog;
    assert.equal(log.format, "aicc-eval-log");
    assert.equal(log.run.spec.task.name, "intercode-ctf");
    assert.equal(log.samples.length, 1);
    assert.equal(log.samples[0]?.events.length, 5);
    assert.ok(!JSON.stringify(log).includes(tmpdir()), "no host path of the task files");
  });

  test("paired comparison of two runs; differently scored or unknown runs are refused", async () => {
    const res = await get("evaluator@gov.test", `/api/eval/compare?a=${runs.candidate}&b=${runs.reference}`);
    assert.equal(res.statusCode, 200, res.body);
    const { comparison } = res.json();
    assert.equal(comparison.n, 7);
    assert.deepEqual(comparison.discordant, { candidateOnly: 0, referenceOnly: 3 });
    assert.equal(
      (await get("evaluator@gov.test", `/api/eval/compare?a=${runs.candidate}&b=${runs.agent}`)).statusCode,
      409,
    );
    assert.equal((await get("evaluator@gov.test", `/api/eval/compare?a=${runs.candidate}&b=run_nope`)).statusCode, 404);
    const missing = await get("evaluator@gov.test", `/api/eval/compare?a=${runs.candidate}`);
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /\bb\b/);
  });

  test("the Inspect export validates against Inspect's eval log schema and carries messages, output and scores", async () => {
    const schema = JSON.parse(
      readFileSync(new URL("./fixtures/inspect-eval-log.schema.json", import.meta.url), "utf8"),
    );
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
    for (const runId of [runs.candidate, runs.agent]) {
      const log = await exportRun(ctx.db, runId, "inspect");
      assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    }
    const mc = await inspectLog(runs.candidate);
    const broken = structuredClone(mc);
    delete broken.samples[0].output.choices[0].message.model;
    assert.equal(validate(broken), false, "the schema holds the messages to Inspect's required fields");
    assert.equal(mc.version, 2);
    assert.equal(mc.status, "success");
    assert.equal(mc.eval.task, "cybermetric-80");
    assert.equal(mc.plan.steps[0].solver, "multiple_choice");
    const [accuracy] = mc.results.scores;
    assert.equal(accuracy.scorer, "choice_match");
    assert.equal(accuracy.metrics.accuracy.value, 4 / 7);
    assert.ok(accuracy.metrics.stderr.value > 0);
    assert.equal(mc.samples.length, 8);
    const failed = mc.samples.find((s: { id: string }) => s.id === FAILING);
    assert.match(failed.error.message, /^infrastructure/);
    assert.equal(failed.scores, null);

    const agent = await inspectLog(runs.agent);
    const [sample] = agent.samples;
    assert.deepEqual(
      sample.messages.map((m: { role: string }) => m.role),
      ["user", "assistant", "tool", "assistant", "tool"],
    );
    assert.equal(sample.messages[1].tool_calls[0].function, "bash");
    assert.equal(sample.messages[2].metadata.exit_code, 3);
    assert.equal(sample.output.choices[0].message.tool_calls[0].function, "submit");
    assert.equal(sample.scores.flag_match.value, 1);
    assert.deepEqual(sample.files, ["flag.txt"]);
    assert.deepEqual(
      (await exportRun(ctx.db, runs.agent, "aicc")) as RunLog,
      (await get("evaluator@gov.test", `/api/eval/runs/${runs.agent}/log`)).json(),
    );
  });

  test("vendors, researchers, AI developers and coordinators get 403 for the list and 404 for a run; a token needs read", async () => {
    for (const email of ["psirt@acme.test", "dana@indie.test", "r@aurora.test", "coord@gov.test", "writer@gov.test"]) {
      assert.equal((await get(email, "/api/eval/runs")).statusCode, 403, email);
      for (const url of [
        `/api/eval/runs/${runs.candidate}`,
        `/api/eval/runs/${runs.candidate}/samples`,
        `/api/eval/runs/${runs.agent}/samples/ctf-xss/1`,
        `/api/eval/runs/${runs.agent}/log`,
      ])
        assert.equal((await get(email, url)).statusCode, 404, `${email} ${url}`);
    }
    const anonymous = await app.inject({ method: "GET", url: "/api/eval/runs" });
    assert.equal(anonymous.statusCode, 401);
    assert.equal((await get("evaluator@gov.test", "/api/eval/runs/run_unknown")).statusCode, 404);
  });
});
