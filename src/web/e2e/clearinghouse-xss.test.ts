import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../app/demo-seed.ts";
import { startWebHarness, type TestPage, type WebHarness } from "./browser.ts";

/**
 * Attacker-written report text in the clearinghouse pages, in a real Chromium against a real server:
 * every text field of a report carries script payloads, and every page that shows them must show
 * them as text. Checked under the server's CSP (no violation may even be attempted) and once with
 * the CSP bypassed, so the rendering itself is proved safe, not only the CSP.
 */

const PAYLOADS = [
  "<script>window.__xss=1</script>",
  '<img src=x onerror="window.__xss=1">',
  "<svg onload=window.__xss=1>",
  "javascript:window.__xss=1",
  "[x](javascript:window.__xss=1)",
  '"><iframe srcdoc="<script>parent.__xss=1</script>">',
];

const RESEARCHER = "researcher@aurora.demo";
const COORDINATOR = "coordinator@cisa.demo";
/** A package every report names, so the reports are each other's duplicate candidates. */
const SHARED_PURL = "pkg:npm/acme-portal";
const SHARED_TEXT =
  "Stored cross-site scripting in the Acme portal comment field runs script in other users' sessions.";
const TRANSCRIPT_SHA256 = "ab".repeat(32);

/** A signed-in API client (cookie + CSRF token), as the web app itself would call the server. */
interface ApiSession {
  call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  upload(path: string, content: string): Promise<number>;
}

async function apiSession(baseUrl: string, email: string): Promise<ApiSession> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  assert.equal(login.status, 200, `sign-in of ${email}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = { cookie, "x-csrf-token": csrfToken };
  return {
    async call<T>(method: string, path: string, body?: unknown) {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
    },
    async upload(path: string, content: string) {
      const response = await fetch(`${baseUrl}${path}`, {
        method: "POST",
        headers: { ...headers, "content-type": "text/html" },
        body: content,
      });
      await response.arrayBuffer();
      return response.status;
    },
  };
}

/** What one payload report was sent with: every text a page may show, field by field. */
interface PayloadReport {
  id: string;
  title: string;
  /** Texts every reader of the report sees on its page. */
  shown: string[];
  /** Texts only coordinators see (reproduction evidence). */
  coordinatorOnly: string[];
}

/** A filename cannot hold "/" (the server refuses it), so slashes become underscores there. */
const filenameFor = (payload: string) => `poc ${payload.replaceAll("/", "_")}.html`;

async function submitPayloadReport(researcher: ApiSession, coordinator: ApiSession, payload: string) {
  const text = (field: string) => `${field} ${payload}`;
  const input = {
    title: text("title"),
    description: `${SHARED_TEXT} ${text("description")}`,
    affected: [
      { kind: "purl", purl: SHARED_PURL, versions: text("versions") },
      { kind: "product", vendor: text("vendor"), product: text("product"), versions: text("range") },
    ],
    cwes: ["CWE-79"],
    cvss: ["CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N"],
    impact: text("impact"),
    reproduction: text("reproduction steps"),
    disclosure: { preferredDate: "2026-12-01", alreadyPublic: false, notes: text("disclosure notes") },
    credit: { name: text("credit"), public: true },
    provenance: {
      kind: "ai_assisted",
      model: text("model"),
      modelVersion: text("model version"),
      developerOrg: text("developer"),
      runId: text("run"),
      transcriptSha256: TRANSCRIPT_SHA256,
      verifiedBy: text("verifier"),
    },
    tlp: "AMBER",
  };
  const created = await researcher.call<{ id: string; status: string }>("POST", "/api/reports", input);
  assert.equal(created.status, 201, `submit: ${JSON.stringify(created.body)}`);
  const id = created.body.id;
  const filename = filenameFor(payload);
  const uploaded = await researcher.upload(
    `/api/reports/${id}/attachments?filename=${encodeURIComponent(filename)}`,
    `<html><body>${payload}</body></html>`,
  );
  assert.equal(uploaded, 201, "attachment upload");
  const transition = await coordinator.call("POST", `/api/reports/${id}/transition`, {
    to: "valid",
    note: text("transition note"),
    evidence: { reproduced: true, method: text("evidence method"), environment: text("evidence environment") },
  });
  assert.equal(transition.status, 200, `transition: ${JSON.stringify(transition.body)}`);
  return {
    id,
    title: input.title,
    shown: [
      input.title,
      text("description"),
      text("versions"),
      text("vendor"),
      text("product"),
      text("impact"),
      text("reproduction steps"),
      text("disclosure notes"),
      text("credit"),
      text("model"),
      text("model version"),
      text("developer"),
      text("run"),
      text("verifier"),
      text("transition note"),
      filename,
    ],
    coordinatorOnly: [text("evidence method"), text("evidence environment")],
  } satisfies PayloadReport;
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("navigation", { name: "Modules" }).waitFor();
}

/** Elements and attributes that could only have come from a payload parsed as HTML. */
async function injected(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.getElementById("root");
    for (const el of root?.querySelectorAll("script, img, svg, iframe, object, embed") ?? [])
      found.push(`<${el.tagName.toLowerCase()}> in the app`);
    for (const el of document.querySelectorAll("script"))
      if (/__xss/.test(el.textContent ?? "") || /__xss/.test(el.getAttribute("src") ?? ""))
        found.push("payload <script>");
    for (const el of document.querySelectorAll("*")) {
      for (const attr of el.attributes) {
        if (attr.name.startsWith("on")) found.push(`${attr.name} on <${el.tagName.toLowerCase()}>`);
        if (
          ["href", "src", "srcdoc", "action", "formaction", "xlink:href", "data"].includes(attr.name) &&
          /javascript:|__xss/i.test(attr.value)
        )
          found.push(`${attr.name}="${attr.value}" on <${el.tagName.toLowerCase()}>`);
      }
    }
    return found;
  });
}

/** Texts that the page does not show (literally, as text). */
async function missingTexts(page: Page, texts: readonly string[]): Promise<string[]> {
  // innerText on purpose: the rendered, visible text (textContent would also count hidden nodes).
  // biome-ignore lint/performance/useDomNodeTextContent: see above
  const shown = await page.evaluate(() => document.body.innerText);
  return texts.filter((t) => !shown.includes(t));
}

describe("clearinghouse pages show attacker-written report text as text", () => {
  let web: WebHarness;
  let researcherApi: ApiSession;
  let coordinatorApi: ApiSession;
  const reports: PayloadReport[] = [];
  const opened: TestPage[] = [];
  const dialogs: string[] = [];

  /** A signed-in page; dialogs anywhere fail the file's checks. */
  async function signedInPage(email: string, options: { bypassCSP?: boolean } = {}): Promise<TestPage> {
    const testPage = await web.openPage(options);
    opened.push(testPage);
    testPage.page.on("dialog", (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await signIn(testPage.page, email);
    return testPage;
  }

  /** Nothing ran: no __xss, no dialog, no script error or CSP violation, no injected element. */
  async function assertInert(testPage: TestPage, where: string) {
    // onerror/onload handlers fire asynchronously after parsing: give them the chance.
    await testPage.page.waitForTimeout(250);
    assert.equal(
      await testPage.page.evaluate(() => (window as { __xss?: unknown }).__xss),
      undefined,
      `${where}: __xss`,
    );
    assert.deepEqual(dialogs, [], `${where}: dialogs`);
    assert.deepEqual(testPage.problems, [], `${where}: page errors and CSP violations`);
    assert.deepEqual(await injected(testPage.page), [], `${where}: injected elements`);
  }

  async function openReport(testPage: TestPage, report: PayloadReport) {
    await testPage.page.goto(`/clearinghouse/reports/${report.id}`);
    await testPage.page.getByRole("heading", { level: 1, name: report.title, exact: true }).waitFor();
  }

  before(async () => {
    web = await startWebHarness();
    researcherApi = await apiSession(web.url, RESEARCHER);
    coordinatorApi = await apiSession(web.url, COORDINATOR);
    for (const payload of PAYLOADS) reports.push(await submitPayloadReport(researcherApi, coordinatorApi, payload));
  });
  after(async () => {
    for (const p of opened) await p.close().catch(() => {});
    await web?.close();
  });

  test("the researcher's own reports: list and every report page", async () => {
    const researcher = await signedInPage(RESEARCHER);
    const { page } = researcher;
    await page.getByRole("navigation", { name: "Modules" }).getByRole("link", { name: "Vulnerabilities" }).click();
    await page.getByRole("heading", { level: 2, name: "My reports" }).waitFor();
    await page.getByRole("table").waitFor();
    assert.deepEqual(
      await missingTexts(
        page,
        reports.map((r) => r.title),
      ),
      [],
      "every title is in the list",
    );
    await assertInert(researcher, "my reports");
    for (const report of reports) {
      await openReport(researcher, report);
      await page.getByRole("link", { name: filenameFor(PAYLOADS[reports.indexOf(report)]!) }).waitFor();
      assert.deepEqual(await missingTexts(page, report.shown), [], `report page of ${report.title}`);
      assert.deepEqual(await missingTexts(page, report.coordinatorOnly), report.coordinatorOnly, "evidence is hidden");
      await assertInert(researcher, `report page ${report.title}`);
    }
  });

  test("the coordinator's triage queue, report pages and duplicate candidates", async () => {
    const coordinator = await signedInPage(COORDINATOR);
    const { page } = coordinator;
    await page.goto("/clearinghouse");
    await page.getByRole("heading", { level: 2, name: "Triage queue" }).waitFor();
    await page.getByRole("table").waitFor();
    assert.deepEqual(
      await missingTexts(
        page,
        reports.map((r) => r.title),
      ),
      [],
    );
    await assertInert(coordinator, "triage queue");
    for (const report of reports) {
      await openReport(coordinator, report);
      const duplicates = page.getByRole("region", { name: "Duplicate candidates" });
      await duplicates.getByRole("listitem").first().waitFor();
      const others = reports.filter((r) => r !== report).map((r) => r.title);
      assert.deepEqual(await missingTexts(page, [...report.shown, ...report.coordinatorOnly, ...others]), []);
      await assertInert(coordinator, `coordinator report page ${report.title}`);
    }
  });

  test("with the CSP bypassed, the pages still run nothing: the rendering itself is safe", async () => {
    const unprotected = await signedInPage(COORDINATOR, { bypassCSP: true });
    await unprotected.page.goto("/clearinghouse");
    await unprotected.page.getByRole("table").waitFor();
    await assertInert(unprotected, "triage queue without CSP");
    for (const report of reports) {
      await openReport(unprotected, report);
      await unprotected.page
        .getByRole("region", { name: "Duplicate candidates" })
        .getByRole("listitem")
        .first()
        .waitFor();
      await assertInert(unprotected, `report page without CSP ${report.title}`);
    }
  });

  test("a payload typed into the report form is sent and shown as text; a bad field is named next to it", async () => {
    const researcher = await signedInPage(RESEARCHER);
    const { page } = researcher;
    const payload = PAYLOADS[1]!;
    await page.goto("/clearinghouse/reports/new");
    await page.getByRole("heading", { level: 1, name: "Submit a vulnerability report" }).waitFor();
    await page.getByLabel("Title").fill(`form ${payload}`);
    await page.getByLabel("Description").fill(`form description ${payload}`);
    await page.getByLabel("Package URL (purl)").fill("not a purl");
    await page.getByRole("button", { name: "Submit report" }).click();

    const purl = page.getByLabel("Package URL (purl)");
    await page.getByRole("alert").filter({ hasText: "correct the fields marked below" }).waitFor();
    assert.equal(await purl.getAttribute("aria-invalid"), "true", "the purl field is marked");
    const described = (await purl.getAttribute("aria-describedby")) ?? "";
    const errorText = await page.locator(`[id="${described.split(" ").at(-1)}"]`).textContent();
    assert.match(errorText ?? "", /purl/i, "the purl's own message is next to it");

    await purl.fill("pkg:npm/acme-portal@1.2.3");
    await page.getByLabel("Attachments").setInputFiles({
      name: "poc.html",
      mimeType: "text/html",
      buffer: Buffer.from(`<script>window.__xss=1</script>`),
    });
    await page.getByRole("button", { name: "Submit report" }).click();
    await page.getByRole("heading", { level: 1, name: `form ${payload}`, exact: true }).waitFor();
    assert.match(new URL(page.url()).pathname, /^\/clearinghouse\/reports\/rpt_[0-9A-Z]{26}$/);
    await page.getByRole("link", { name: "poc.html" }).waitFor();
    assert.deepEqual(await missingTexts(page, [`form description ${payload}`]), []);
    await assertInert(researcher, "report submitted through the form");
  });

  test("a researcher cannot see the triage queue, duplicates or triage controls", async () => {
    const triage = await researcherApi.call("GET", "/api/reports?view=triage");
    assert.equal(triage.status, 403, "the API refuses the triage queue");
    const candidates = await researcherApi.call("GET", `/api/reports/${reports[0]!.id}/duplicates`);
    assert.equal(candidates.status, 403, "the API refuses duplicate candidates");

    const researcher = await signedInPage(RESEARCHER);
    const { page } = researcher;
    await page.goto("/clearinghouse");
    await page.getByRole("heading", { level: 2, name: "My reports" }).waitFor();
    assert.equal(await page.getByRole("heading", { name: "Triage queue" }).count(), 0);
    await openReport(researcher, reports[0]!);
    await page.getByRole("heading", { level: 2, name: "History" }).waitFor();
    for (const heading of ["Triage", "Duplicate candidates", "Open a case", "Completeness"])
      assert.equal(await page.getByRole("heading", { name: heading, exact: true }).count(), 0, heading);
  });
});
