import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Locator, Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../app/demo-seed.ts";
import { startWebHarness, type TestPage, type WebHarness } from "./browser.ts";

/**
 * The clearinghouse from report to public advisory, in a real Chromium against a real server, every
 * actor in a browser context of their own: a researcher reports, a coordinator validates and opens a
 * case with the vendor, runs the embargo, the vendor states VEX status and writes, the coordinator
 * publishes as TLP:CLEAR; then anyone (plain HTTP, no session) finds the advisory through the OSV
 * API and the CSAF provider. Script errors and CSP violations fail every step.
 */

const RESEARCHER = "dana@researcher.demo";
const COORDINATOR = "coordinator@cisa.demo";
const VENDOR = "psirt@acme.demo";
const VENDOR_ORG = "Acme Software";
const OTHER_VENDOR = "psirt@globex.demo";

const PACKAGE = "aicc-e2e-archive";
const PURL = `pkg:npm/${PACKAGE}`;
const TITLE = "Path traversal in aicc-e2e-archive extract()";
const FIXED_VERSION = "1.4.2";
/** Markdown with what must render (bold, an https link) and what must not (HTML, a javascript: link). */
const MESSAGE = [
  `**Fix released** in \`${FIXED_VERSION}\`: see [the release notes](https://example.org/acme/releases/${FIXED_VERSION}).`,
  "",
  // Mid-line, so it is inline HTML in a paragraph (a line that starts with <script> is an HTML block).
  "Ignore: <script>window.__xss=1</script> [x](javascript:window.__xss=1) <img src=x onerror=window.__xss=1>",
].join("\n");

/** A UTC day `days` from now, as a date input takes it. */
const dayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function signIn(opened: TestPage, email: string): Promise<Page> {
  const { page } = opened;
  await page.goto("/");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("navigation", { name: "Modules" }).waitFor();
  return page;
}

const region = (page: Page, name: string): Locator => page.getByRole("region", { name, exact: true });
const h1 = (page: Page) => page.getByRole("heading", { level: 1 });

describe("clearinghouse flow in Chromium: report → case → embargo → VEX → public advisory", () => {
  let web: WebHarness;
  const actors: Partial<Record<"researcher" | "coordinator" | "vendor" | "otherVendor", TestPage>> = {};
  /** Carried from step to step. */
  const flow: { reportId?: string; caseId?: string; advisoryId?: string } = {};

  before(async () => {
    web = await startWebHarness();
  });
  after(async () => {
    for (const actor of Object.values(actors)) await actor.close().catch(() => {});
    await web?.close();
  });

  /** The actor's page, signed in once; its script errors and CSP violations fail the step. */
  async function as(actor: keyof typeof actors, email: string, step: (page: Page) => Promise<void>) {
    let opened = actors[actor];
    if (!opened) {
      opened = await web.openPage();
      actors[actor] = opened;
      await signIn(opened, email);
    }
    opened.problems.length = 0;
    await step(opened.page);
    assert.deepEqual(opened.problems, [], `no script errors or CSP violations (${actor})`);
  }

  test("a researcher submits a report through the form", () =>
    as("researcher", RESEARCHER, async (page) => {
      await page.goto("/clearinghouse");
      await page.getByRole("link", { name: "Submit a report" }).click();
      await h1(page).filter({ hasText: "Submit a vulnerability report" }).waitFor();
      await page.getByLabel("Title").fill(TITLE);
      await page
        .getByLabel("Description")
        .fill("extract() joins archive entry names to the target directory without normalising `../`.");
      await page.getByLabel("Package URL (purl)").fill(PURL);
      await page.getByLabel("Affected versions").fill(`>=1.0.0 <${FIXED_VERSION}`);
      await page.getByLabel("CWE", { exact: true }).fill("CWE-22");
      await page.getByLabel("CVSS vectors").fill("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:H/A:N");
      await page.getByRole("radio", { name: /^Human/ }).check();
      await page.getByLabel("Credit", { exact: true }).fill("Dana Reyes");
      await page.getByRole("button", { name: "Submit report" }).click();
      await page.waitForURL(/\/clearinghouse\/reports\/rpt_[0-9A-Z]{26}$/);
      flow.reportId = new URL(page.url()).pathname.split("/").pop();
      await h1(page).filter({ hasText: TITLE }).waitFor();
    }));

  test("the coordinator finds it in the triage queue, validates it and opens a case with the vendor", () =>
    as("coordinator", COORDINATOR, async (page) => {
      assert.ok(flow.reportId, "the report exists");
      await page.goto("/clearinghouse");
      await page.getByRole("heading", { name: "Triage queue" }).waitFor();
      await page.getByRole("table", { name: "Triage queue" }).getByRole("link", { name: TITLE }).click();
      await page.waitForURL((url) => url.pathname.endsWith(flow.reportId!));

      const triage = region(page, "Triage");
      await triage.getByLabel("New state").selectOption("valid");
      await triage.getByLabel("Reproduction method").fill("Extracted a crafted archive; ../../etc/x was written.");
      await triage.getByRole("button", { name: "Change state" }).click();
      await triage.getByRole("status").filter({ hasText: "The report is now valid." }).waitFor();

      const open = region(page, "Open a case");
      await open.getByLabel(VENDOR_ORG).check();
      await open.getByRole("button", { name: "Open case" }).click();
      await page.waitForURL(/\/clearinghouse\/cases\/case_[0-9A-Z]{26}$/);
      flow.caseId = new URL(page.url()).pathname.split("/").pop();
      await h1(page).filter({ hasText: TITLE }).waitFor();

      const participants = region(page, "Participants");
      for (const [org, role] of [
        ["CISA", "Coordinator"],
        ["Dana Reyes (independent)", "Reporter"],
        [VENDOR_ORG, "Vendor"],
      ]) {
        const row = participants.getByRole("row").filter({ hasText: org! });
        await row.getByRole("cell", { name: role!, exact: true }).waitFor();
      }
      const vulnerability = region(page, "Vulnerabilities");
      await vulnerability.getByText("CWE-22").waitFor();
      await vulnerability.getByText(`${PURL} (>=1.0.0 <${FIXED_VERSION})`).waitFor();
    }));

  test("the coordinator proposes and accepts an embargo; its end shows in UTC with a countdown", () =>
    as("coordinator", COORDINATOR, async (page) => {
      const endDay = dayFromNow(30);
      const embargo = region(page, "Embargo");
      await embargo.getByText("No embargo").waitFor();
      await embargo.getByText("12:00 UTC on this day").waitFor();
      await embargo.getByLabel("End date").fill(endDay);
      await embargo.getByRole("button", { name: "Propose embargo" }).click();
      await embargo.getByRole("status").filter({ hasText: "Embargo: proposed." }).waitFor();
      await embargo.getByRole("button", { name: "Accept embargo" }).click();
      await embargo.getByRole("status").filter({ hasText: "Embargo: active." }).waitFor();
      await embargo.getByText(`${endDay} 12:00 UTC`).waitFor();
      const timer = embargo.getByRole("timer");
      assert.match((await timer.textContent()) ?? "", /^(29|30) days \d+ h \d+ min left$/);
    }));

  test("a vendor outside the case neither lists it nor opens it", () =>
    as("otherVendor", OTHER_VENDOR, async (page) => {
      await page.goto("/clearinghouse/cases");
      await h1(page).filter({ hasText: "Cases" }).waitFor();
      await page.getByText("There are no cases you take part in.").waitFor();
      await page.goto(`/clearinghouse/cases/${flow.caseId}`);
      await h1(page).filter({ hasText: "Page not found" }).waitFor();
      assert.equal(await page.getByText(TITLE).count(), 0, "nothing of the case shows");
    }));

  test("the vendor sees the case, states affected, then fixed, sets fix ready and writes in Markdown", () =>
    as("vendor", VENDOR, async (page) => {
      await page.goto("/clearinghouse/cases");
      const listed = page.getByRole("row").filter({ hasText: TITLE });
      await listed.getByText("TLP:AMBER").waitFor();
      await listed.getByText(/Active until \d{4}-\d{2}-\d{2} 12:00 UTC/).waitFor();
      await listed.getByRole("link", { name: TITLE }).click();
      await h1(page).filter({ hasText: TITLE }).waitFor();

      const statements = region(page, "Vendor statements");
      assert.equal(
        await statements.getByLabel("Product", { exact: true }).inputValue(),
        PURL,
        "the product is offered from the report",
      );
      await statements.getByLabel("Status (VEX)").selectOption({ label: "Affected" });
      await statements.getByLabel("Action statement").fill(`Upgrade to ${FIXED_VERSION} when it is released.`);
      await statements.getByRole("button", { name: "Save statement" }).click();
      await statements.getByRole("status").filter({ hasText: "is affected" }).waitFor();
      const row = statements.getByRole("row").filter({ hasText: PURL });
      await row.getByText("Affected", { exact: true }).waitFor();

      await statements.getByLabel("Status (VEX)").selectOption({ label: "Fixed" });
      await statements.getByLabel("Fixed versions").fill(FIXED_VERSION);
      await statements.getByRole("button", { name: "Save statement" }).click();
      await statements.getByRole("status").filter({ hasText: "is fixed" }).waitFor();
      await row.getByText("Fixed", { exact: true }).waitFor();
      await row.getByRole("cell", { name: FIXED_VERSION, exact: true }).waitFor();
      assert.equal(await statements.getByRole("row").filter({ hasText: PURL }).count(), 1, "one statement, revised");

      const flags = region(page, "Case flags");
      assert.equal(await flags.getByRole("switch", { name: "Public aware" }).isDisabled(), true, "coordinators' flag");
      // A click, not check(): the switch is controlled, it turns on when the server's answer arrives.
      await flags.getByRole("switch", { name: "Fix ready" }).click();
      await flags.getByRole("status").filter({ hasText: "Fix ready: set." }).waitFor();
      assert.equal(await flags.getByRole("switch", { name: "Fix ready" }).isChecked(), true);

      const messages = region(page, "Messages");
      await messages.getByLabel("Message", { exact: true }).fill(MESSAGE);
      await messages.getByRole("button", { name: "Send message" }).click();
      await messages.getByRole("status").filter({ hasText: "Message sent to every participant." }).waitFor();
      const shown = messages.getByRole("listitem").filter({ hasText: "Fix released" });
      await shown.locator("strong", { hasText: "Fix released" }).waitFor();
      const link = shown.getByRole("link", { name: "the release notes" });
      assert.equal(await link.getAttribute("href"), `https://example.org/acme/releases/${FIXED_VERSION}`);
      assert.equal(await link.getAttribute("rel"), "noopener noreferrer nofollow");
      assert.equal(await shown.locator("script, img, iframe, [onerror]").count(), 0, "no element from raw HTML");
      assert.equal(await page.locator('a[href^="javascript:" i]').count(), 0, "no javascript: link");
      await shown.getByText("x", { exact: true }).waitFor(); // the link text stays, as text
      assert.equal(await page.evaluate(() => (window as { __xss?: unknown }).__xss), undefined);
    }));

  test("the coordinator publishes as TLP:CLEAR and gets the advisory linked", () =>
    as("coordinator", COORDINATOR, async (page) => {
      await page.reload();
      await h1(page).filter({ hasText: TITLE }).waitFor();
      const statements = region(page, "Vendor statements");
      await statements.getByRole("row").filter({ hasText: VENDOR_ORG }).getByText("Fixed", { exact: true }).waitFor();
      await region(page, "Messages").locator("strong", { hasText: "Fix released" }).waitFor();

      const advisory = region(page, "Advisory");
      await advisory.getByLabel("TLP of the advisory").selectOption("CLEAR");
      await advisory.getByRole("button", { name: "Publish advisory" }).click();
      const link = advisory.getByRole("link", { name: /^AICC-\d{4}-\d+$/ });
      await link.waitFor();
      flow.advisoryId = (await link.textContent()) ?? undefined;
      await region(page, "Embargo").getByText("the advisory was published").waitFor();
      assert.equal(await region(page, "Case flags").getByRole("switch", { name: "Public aware" }).isChecked(), true);
      await link.click();
      await page.waitForURL((url) => url.pathname === `/clearinghouse/advisories/${flow.advisoryId}`);
    }));

  test("anyone finds the advisory over plain HTTP: OSV query and the CSAF provider's ROLIE feed", async () => {
    assert.ok(flow.advisoryId, "an advisory was published");
    const query = await fetch(`${web.url}/v1/query`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ package: { purl: `${PURL}@1.2.0` } }),
    });
    assert.equal(query.status, 200);
    const { vulns } = (await query.json()) as { vulns?: { id: string; affected: unknown[] }[] };
    assert.deepEqual(
      (vulns ?? []).map((v) => v.id),
      [`x_${flow.advisoryId}`],
    );
    const fixedQuery = await fetch(`${web.url}/v1/query`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ package: { purl: `${PURL}@${FIXED_VERSION}` } }),
    });
    assert.deepEqual(await fixedQuery.json(), {}, "the fixed version is not affected");

    // The documents name their absolute URLs under the server's public URL; the test server's port is
    // its own, so each link is followed by its path.
    const get = async (url: string) => {
      const response = await fetch(`${web.url}${new URL(url, web.url).pathname}`);
      assert.equal(response.status, 200, url);
      return response;
    };
    const metadata = (await (await get("/.well-known/csaf/provider-metadata.json")).json()) as {
      distributions: { rolie?: { feeds: { tlp_label: string; url: string }[] } }[];
    };
    const feedUrl = metadata.distributions
      .flatMap((d) => d.rolie?.feeds ?? [])
      .find((feed) => feed.tlp_label === "WHITE")?.url;
    assert.ok(feedUrl, "the provider metadata names a TLP:WHITE (CLEAR) ROLIE feed");
    const feed = (await (await get(feedUrl)).json()) as {
      feed: { entry: { id: string; content: { src: string } }[] };
    };
    const entry = feed.feed.entry.find((e) => e.id === flow.advisoryId);
    assert.ok(entry, `the feed lists ${flow.advisoryId}`);
    const document = (await (await get(entry.content.src)).json()) as {
      document: { tracking: { id: string }; distribution: { tlp: { label: string } } };
      product_tree: unknown;
      vulnerabilities: { cwe?: { id: string }; product_status?: Record<string, string[]> }[];
    };
    assert.equal(document.document.tracking.id, flow.advisoryId);
    assert.equal(document.document.distribution.tlp.label, "WHITE");
    assert.equal(document.vulnerabilities[0]?.cwe?.id, "CWE-22");
    assert.ok(document.vulnerabilities[0]?.product_status?.fixed?.length, "the vendor's fixed statement is in it");
  });
});
