import { existsSync } from "node:fs";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { buildWeb } from "../../../scripts/build-web.ts";
import type { AppContext } from "../../app/context.ts";
import { startTestServer } from "../../platform/http/test-server.ts";

/** Debian's Chromium; the browser tests need it and say so instead of skipping. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Launches Chromium, or fails with a message that names the package to install. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Browser tests need Chromium at ${CHROMIUM_PATH}, which is missing: install the Debian package \`chromium\` (apt-get install chromium).`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** A page in a fresh browser context (own cookies), recording script errors and CSP violations. */
export interface TestPage {
  page: Page;
  context: BrowserContext;
  /** Uncaught page errors and Content-Security-Policy violations seen so far. */
  problems: string[];
  close(): Promise<void>;
}

/** One built web app, one server and one browser for a whole test file. */
export interface WebHarness {
  url: string;
  /** The server's wired services and database (to create data the UI has no form for, e.g. evaluation runs). */
  ctx: AppContext;
  browser: Browser;
  /** `bypassCSP` only for tools that inject scripts (axe-core); the app itself must run under the CSP. */
  openPage(options?: { bypassCSP?: boolean }): Promise<TestPage>;
  close(): Promise<void>;
}

export async function startWebHarness(): Promise<WebHarness> {
  await buildWeb();
  const server = await startTestServer({ demo: true }).catch((error: unknown) => {
    // Said at once: a server that failed half-way may keep the process (and the test run) alive.
    console.error(`web e2e: the test server did not start: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  });
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await server.close();
    throw error;
  }
  const openPage = async (options: { bypassCSP?: boolean } = {}): Promise<TestPage> => {
    const context = await browser.newContext({
      baseURL: server.url,
      bypassCSP: options.bypassCSP ?? false,
      viewport: { width: 1280, height: 800 },
    });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error" && /Content Security Policy/i.test(message.text())) {
        problems.push(`CSP: ${message.text()}`);
      }
    });
    return { page, context, problems, close: () => context.close() };
  };
  return {
    url: server.url,
    ctx: server.ctx,
    browser,
    openPage,
    async close() {
      await browser.close().catch(() => {});
      await server.close();
    },
  };
}
