import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { after, before, describe, test } from "node:test";
import type { AxeResults } from "axe-core";
import type { Page } from "playwright-core";
import { DEMO_ORGS, DEMO_PASSWORD } from "../../app/demo-seed.ts";
import { startWebHarness, type TestPage, type WebHarness } from "./browser.ts";

const AXE_PATH = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** Module links as the contract names them, in the server's order. */
const LINKS = {
  dashboard: ["Dashboard", "/"],
  clearinghouse: ["Vulnerabilities", "/clearinghouse"],
  exposure: ["Exposure", "/exposure"],
  evaluation: ["Evaluations", "/evaluation"],
  framework: ["Pre-release framework", "/framework"],
  programs: ["Programs", "/programs"],
  admin: ["Administration", "/admin"],
} as const;
type ModuleId = keyof typeof LINKS;
/** Modules whose page is still their plan ("What will be here"); the others show their own content. */
const PLANNED = new Set<ModuleId>(["exposure", "framework", "programs", "admin"]);

/** One demo user per role and the navigation that role must see (the API contract's table). */
const ROLES: { role: string; email: string; org: string; clearance: string; modules: ModuleId[] }[] = [
  {
    role: "coordinator",
    email: "coordinator@cisa.demo",
    org: "CISA",
    clearance: "Secret",
    modules: ["dashboard", "clearinghouse", "exposure", "programs"],
  },
  {
    role: "admin",
    email: "admin@cisa.demo",
    org: "CISA",
    clearance: "Secret",
    modules: ["dashboard", "clearinghouse", "exposure", "evaluation", "framework", "programs", "admin"],
  },
  {
    role: "evaluator",
    email: "evaluator@nsa.demo",
    org: "NSA",
    clearance: "Top Secret",
    modules: ["dashboard", "clearinghouse", "evaluation", "framework", "programs"],
  },
  {
    role: "benchmark_custodian",
    email: "custodian@nsa.demo",
    org: "NSA",
    clearance: "Top Secret",
    modules: ["dashboard", "clearinghouse", "evaluation", "framework", "programs"],
  },
  {
    role: "determination_official",
    email: "official@treasury.demo",
    org: "Treasury",
    clearance: "Secret",
    modules: ["dashboard", "clearinghouse", "evaluation", "framework", "programs"],
  },
  {
    role: "liaison",
    email: "liaison@aurora.demo",
    org: "Aurora Labs",
    clearance: "No clearance",
    modules: ["dashboard", "clearinghouse", "framework"],
  },
  {
    role: "researcher (AI developer)",
    email: "researcher@aurora.demo",
    org: "Aurora Labs",
    clearance: "No clearance",
    modules: ["dashboard", "clearinghouse", "framework"],
  },
  {
    role: "psirt",
    email: "psirt@acme.demo",
    org: "Acme Software",
    clearance: "No clearance",
    modules: ["dashboard", "clearinghouse"],
  },
  {
    role: "security (operator)",
    email: "security@riverton.demo",
    org: "Riverton Power",
    clearance: "CUI",
    modules: ["dashboard", "clearinghouse", "exposure"],
  },
  {
    role: "reporter",
    email: "dana@researcher.demo",
    org: "Dana Reyes (independent)",
    clearance: "No clearance",
    modules: ["dashboard", "clearinghouse"],
  },
];

const displayNameOf = (email: string) =>
  DEMO_ORGS.flatMap((org) => org.users).find((user) => user.email === email)?.displayName ??
  assert.fail(`no demo user ${email}`);

async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function signInAndWait(page: Page, email: string): Promise<void> {
  await page.goto("/");
  await signIn(page, email);
  await page.getByRole("navigation", { name: "Modules" }).waitFor();
}

async function navLinks(page: Page): Promise<[string, string][]> {
  const links = page.getByRole("navigation", { name: "Modules" }).getByRole("link");
  return links.evaluateAll((anchors) =>
    anchors.map((a) => [a.textContent?.trim() ?? "", a.getAttribute("href") ?? ""] as [string, string]),
  );
}

const h1Text = async (page: Page) => (await page.getByRole("heading", { level: 1 }).textContent())?.trim();

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.map((node) => node.target.join(" ")),
    }));
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.targets.slice(0, 3).join(", ")})`);
}

describe("web shell in Chromium", () => {
  let web: WebHarness;
  /** Two pages for the whole file (a browser context costs seconds on a busy machine): */
  const pages: { app?: TestPage; axe?: TestPage } = {};

  before(async () => {
    web = await startWebHarness();
  });
  after(async () => {
    await web?.close();
  });

  /**
   * Runs a test on a signed-out page: the app under the server's CSP, or (for axe-core, which is
   * injected as a script) one that bypasses it. Script errors and CSP violations fail the test.
   */
  async function withPage(run: (page: Page) => Promise<void>, options: { bypassCSP?: boolean } = {}) {
    const key = options.bypassCSP ? "axe" : "app";
    pages[key] ??= await web.openPage(options);
    const opened = pages[key];
    await opened.context.clearCookies();
    opened.problems.length = 0;
    await run(opened.page);
    assert.deepEqual(opened.problems, [], "no script errors or CSP violations");
  }

  for (const user of ROLES) {
    test(`${user.role} (${user.email}) sees exactly that role's navigation`, () =>
      withPage(async (page) => {
        await signInAndWait(page, user.email);
        assert.deepEqual(
          await navLinks(page),
          user.modules.map((id) => [...LINKS[id]]),
        );
        const banner = (await page.getByRole("banner").textContent()) ?? "";
        assert.ok(banner.includes(displayNameOf(user.email)), `header names the user: ${banner}`);
        assert.ok(banner.includes(user.org), `header names the organisation: ${banner}`);
        assert.ok(banner.includes(`Clearance: ${user.clearance}`), `header shows the clearance: ${banner}`);
        assert.equal(await h1Text(page), "Dashboard");
      }));
  }

  test("every module page of the admin has one h1 named like its link, a main landmark and its plan", () =>
    withPage(async (page) => {
      await signInAndWait(page, "admin@cisa.demo");
      for (const id of ["clearinghouse", "exposure", "evaluation", "framework", "programs", "admin"] as const) {
        const [title, path] = LINKS[id];
        await page.getByRole("navigation", { name: "Modules" }).getByRole("link", { name: title, exact: true }).click();
        await page.waitForURL((url) => url.pathname === path);
        assert.equal(await h1Text(page), title);
        assert.equal(await page.getByRole("main").count(), 1);
        assert.equal(await page.getByRole("heading", { level: 1 }).count(), 1);
        if (PLANNED.has(id)) await page.getByRole("heading", { level: 2, name: "What will be here" }).waitFor();
        const active = page.getByRole("navigation", { name: "Modules" }).locator('[aria-current="page"]');
        assert.equal((await active.textContent())?.trim(), title);
        assert.equal(await page.title(), `${title} – aicc`);
      }
    }));

  test("a module outside the role is not found, even by its address", () =>
    withPage(async (page) => {
      await signInAndWait(page, "psirt@acme.demo");
      await page.goto("/admin");
      await page.getByRole("heading", { level: 1, name: "Page not found" }).waitFor();
      assert.deepEqual(await navLinks(page), [[...LINKS.dashboard], [...LINKS.clearinghouse]]);
    }));

  test("a wrong password shows the server's error and stays on the sign-in page", () =>
    withPage(async (page) => {
      await page.goto("/");
      await signIn(page, "coordinator@cisa.demo", "not-the-password");
      await page.getByRole("alert").filter({ hasText: "Email or password is wrong" }).waitFor();
      assert.equal(new URL(page.url()).pathname, "/login");
      assert.equal(await h1Text(page), "Sign in");
      assert.equal(await page.getByRole("navigation", { name: "Modules" }).count(), 0);
      assert.equal(await page.getByLabel("Password").inputValue(), "", "the password field is cleared");
    }));

  test("signing out returns to the sign-in page and ends the session", () =>
    withPage(async (page) => {
      await signInAndWait(page, "evaluator@nsa.demo");
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
      assert.equal(new URL(page.url()).pathname, "/login");
      await page.reload();
      await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
      assert.equal(await page.getByRole("navigation", { name: "Modules" }).count(), 0);
    }));

  test("a page asked for before signing in opens after signing in", () =>
    withPage(async (page) => {
      await page.goto("/profile");
      await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
      await signIn(page, "liaison@aurora.demo");
      await page.getByRole("heading", { level: 1, name: "Profile" }).waitFor();
      assert.equal(new URL(page.url()).pathname, "/profile");
    }));

  test("an API token is created on the profile page, shown once, works, and is revoked", () =>
    withPage(async (page) => {
      await signInAndWait(page, "security@riverton.demo");
      await page.getByRole("banner").getByRole("link", { name: "Profile" }).click();
      await page.getByRole("heading", { level: 1, name: "Profile" }).waitFor();
      await page.getByText("You have no API tokens.").waitFor();

      // Markup in a name must show as text, never as HTML.
      const name = '<b>nightly</b> SBOM "upload"';
      await page.getByLabel("Name", { exact: true }).fill(name);
      await page.getByLabel(/^Write/).check();
      await page.getByLabel("Expires after").selectOption({ label: "7 days" });
      await page.getByRole("button", { name: "Create token" }).click();

      const secretField = page.getByLabel("Token secret");
      await secretField.waitFor();
      const secret = await secretField.inputValue();
      assert.match(secret, /^aicc_pat_\S{20,}$/);
      await page.getByText("It is shown only this once").waitFor();
      await page.getByRole("button", { name: "Copy" }).waitFor();

      const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });
      await row.waitFor();
      assert.equal(await page.locator("tbody b").count(), 0, "the name's markup was not parsed");
      assert.match((await row.textContent()) ?? "", /read, write.*Active/);

      const asToken = () => fetch(`${web.url}/api/session`, { headers: { authorization: `Bearer ${secret}` } });
      const before = await asToken();
      assert.equal(before.status, 200);
      assert.equal(((await before.json()) as { user: { email: string } }).user.email, "security@riverton.demo");

      await page.getByRole("button", { name: "I have copied it" }).click();
      assert.equal(await secretField.count(), 0, "the secret is gone once dismissed");

      await row.getByRole("button", { name: /^Revoke/ }).click();
      await row.getByRole("button", { name: /^Confirm revoke/ }).click();
      await row.getByText("Revoked", { exact: true }).waitFor();
      assert.equal(await row.getByRole("button").count(), 0, "a revoked token has no actions");
      assert.equal((await asToken()).status, 401, "the revoked token no longer works");

      await page.reload();
      await page.getByRole("rowheader", { name, exact: true }).waitFor();
      assert.ok(!(await page.content()).includes(secret), "the secret is never shown again");
    }));

  test("axe finds no serious or critical violation on the sign-in page", () =>
    withPage(
      async (page) => {
        await page.goto("/");
        await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
        assert.deepEqual(await axeViolations(page), []);
        await signIn(page, "coordinator@cisa.demo", "wrong-password");
        await page.getByRole("alert").waitFor();
        assert.deepEqual(await axeViolations(page), [], "also with the error shown");
      },
      { bypassCSP: true },
    ));

  test("axe finds no serious or critical violation on the dashboard and the profile", () =>
    withPage(
      async (page) => {
        await signInAndWait(page, "admin@cisa.demo");
        assert.deepEqual(await axeViolations(page), []);
        await page.getByRole("banner").getByRole("link", { name: "Profile" }).click();
        await page.getByRole("heading", { level: 2, name: "API tokens" }).waitFor();
        await page.getByRole("table").or(page.getByText("You have no API tokens.")).waitFor();
        assert.deepEqual(await axeViolations(page), [], "profile page");
      },
      { bypassCSP: true },
    ));
});
