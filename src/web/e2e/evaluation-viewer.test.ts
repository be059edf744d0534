import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../app/demo-seed.ts";
import type { RunDetail } from "../../evaluation/runner/viewer-model.ts";
import {
  CTF_FLAG,
  createViewerRuns,
  STDERR_TEXT,
  type ViewerRuns,
  WRONG,
  XSS_TEXT,
} from "../../evaluation/runner/viewer-testing.ts";
import { interval, percent } from "../routes/evaluation/format.ts";
import { startWebHarness, type TestPage, type WebHarness } from "./browser.ts";

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("navigation", { name: "Modules" }).waitFor();
}

/** A GET of the API from inside the page, with the page's session cookie. */
function apiGet(page: Page, url: string): Promise<{ status: number; body: unknown; disposition: string | null }> {
  return page.evaluate(async (u) => {
    const response = await fetch(u);
    const text = await response.text();
    return {
      status: response.status,
      body: text.startsWith("{") ? JSON.parse(text) : text,
      disposition: response.headers.get("content-disposition"),
    };
  }, url);
}

const navLinkNames = (page: Page) =>
  page
    .getByRole("navigation", { name: "Modules" })
    .getByRole("link")
    .evaluateAll((anchors) => anchors.map((a) => a.textContent?.trim() ?? ""));

const tableRows = (page: Page, testId: string) =>
  page
    .getByTestId(testId)
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll("th, td")].map((cell) => cell.textContent?.trim() ?? "")),
    );

describe("evaluation viewer in Chromium", () => {
  let web: WebHarness;
  let runs: ViewerRuns;
  let opened: TestPage | undefined;

  before(async () => {
    web = await startWebHarness();
    runs = await createViewerRuns(web.ctx.db);
  });
  after(async () => {
    await web?.close();
  });

  /** One browser context for the file, cleared per test; script errors and CSP violations fail the test. */
  async function withPage(run: (page: Page) => Promise<void>) {
    opened ??= await web.openPage();
    await opened.context.clearCookies();
    opened.problems.length = 0;
    await run(opened.page);
    assert.deepEqual(opened.problems, [], "no script errors or CSP violations");
  }

  test("an evaluator reads the runs, a run's scores (chart and table match the API) and filters samples", () =>
    withPage(async (page) => {
      await signIn(page, "evaluator@nsa.demo");
      await page.getByRole("navigation", { name: "Modules" }).getByRole("link", { name: "Evaluations" }).click();
      await page.getByRole("heading", { level: 1, name: "Evaluations" }).waitFor();
      for (const id of [runs.agent, runs.candidate, runs.reference])
        await page.getByRole("link", { name: id, exact: true }).waitFor();

      await page.getByRole("link", { name: runs.candidate, exact: true }).click();
      await page.getByRole("heading", { level: 1, name: /^Run cybermetric-80/ }).waitFor();
      const api = (await apiGet(page, `/api/eval/runs/${runs.candidate}`)).body as RunDetail;
      const [summary] = api.scorers;
      assert.ok(summary?.accuracy);

      // The chart draws the API's numbers: overall first, then each category.
      const chart = page.getByTestId("score-chart");
      assert.equal(await chart.count(), 1);
      const drawn = await chart
        .locator(".score-chart-row")
        .evaluateAll((rows) =>
          rows.map((row) => [
            row.getAttribute("data-label"),
            Number(row.getAttribute("data-mean")),
            Number(row.getAttribute("data-low")),
            Number(row.getAttribute("data-high")),
          ]),
        );
      assert.deepEqual(drawn, [
        ["choice_match (all)", summary.accuracy.mean, ...summary.accuracy.ci95],
        ...summary.byCategory.map((c) => [c.category, c.mean, ...c.ci95]),
      ]);
      // The table beside it says the same in words.
      const rows = await tableRows(page, "scores-choice_match");
      assert.deepEqual(
        rows.map(([label, n, mean, , ci]) => [label, n, mean, ci]),
        [
          ["All", String(summary.accuracy.n), percent(summary.accuracy.mean), interval(summary.accuracy.ci95)],
          ...summary.byCategory.map((c) => [c.category, String(c.n), percent(c.mean), interval(c.ci95)]),
        ],
      );
      assert.match((await page.getByTestId("error-counts").textContent()) ?? "", /infrastructure: 1/);

      await page.getByLabel("Outcome").selectOption("incorrect");
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid="samples"] tbody tr').length === n,
        WRONG.length,
      );
      assert.deepEqual(
        (await tableRows(page, "samples")).map((row) => row[0]),
        WRONG,
      );
      await page.getByRole("link", { name: WRONG[0], exact: true }).click();
      await page.getByRole("heading", { level: 1, name: `Sample ${WRONG[0]}, epoch 1` }).waitFor();
      await page.getByRole("heading", { level: 2, name: "Messages" }).waitFor();
    }));

  test("a transcript shows the sandbox's output and the model's markup as text, never as HTML", () =>
    withPage(async (page) => {
      await signIn(page, "evaluator@nsa.demo");
      await page.goto(`/evaluation/runs/${runs.agent}`);
      await page.getByRole("link", { name: "ctf-xss", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: "Sample ctf-xss, epoch 1" }).waitFor();

      const tools = page.getByTestId("tool-calls");
      const toolText = (await tools.textContent()) ?? "";
      assert.ok(toolText.includes("bash: exit code 3"), toolText);
      assert.ok(toolText.includes(CTF_FLAG), "the tool's stdout");
      assert.ok(toolText.includes(STDERR_TEXT), "the tool's stderr, markup as text");
      const main = page.getByRole("main");
      assert.ok(((await main.textContent()) ?? "").includes(XSS_TEXT), "the model's script tag is shown literally");
      assert.equal(await main.locator("script, b, img").count(), 0, "no element made from model or tool text");
      assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);

      const href = await page.getByRole("link", { name: "Download the run log (JSON)" }).getAttribute("href");
      assert.equal(href, `/api/eval/runs/${runs.agent}/log`);
      const download = await apiGet(page, String(href));
      assert.equal(download.status, 200);
      assert.match(download.disposition ?? "", /^attachment; filename="run_/);
    }));

  for (const email of ["psirt@acme.demo", "dana@researcher.demo"])
    test(`${email} has no evaluation module, and the API refuses it`, () =>
      withPage(async (page) => {
        await signIn(page, email);
        assert.ok(!(await navLinkNames(page)).includes("Evaluations"));
        await page.goto(`/evaluation/runs/${runs.candidate}`);
        await page.getByRole("heading", { level: 1, name: "Page not found" }).waitFor();
        assert.equal((await apiGet(page, "/api/eval/runs")).status, 403);
        assert.equal((await apiGet(page, `/api/eval/runs/${runs.candidate}`)).status, 404);
        assert.equal((await apiGet(page, `/api/eval/runs/${runs.agent}/samples/ctf-xss/1`)).status, 404);
        assert.equal((await apiGet(page, `/api/eval/runs/${runs.agent}/log`)).status, 404);
      }));
});
