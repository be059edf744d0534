import { createHash } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Principal } from "../platform/identity/model.ts";
import type { AppContext } from "./context.ts";

/**
 * What a new user of `npm start` finds besides the demo users: real advisories (the import fixtures),
 * reports from people and AI systems in each state a coordinator meets, and a case under embargo.
 * Everything goes through the services, as a user's actions would, so the demo shows what the code does.
 */

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), "../clearinghouse/imports/fixtures");
/** The demo has no real agent transcript; the hash is of this stand-in text, so it is at least a true SHA-256. */
const TRANSCRIPT_SHA256 = createHash("sha256").update("aicc demo: stand-in for an agent transcript").digest("hex");

async function principal(ctx: AppContext, email: string): Promise<Principal> {
  const found = await ctx.identity.principalByEmail(email);
  if (!found) throw new Error(`demo content: the demo user ${email} is missing`);
  return found;
}

/** Seeds the demo's advisories, reports and case; runs once, right after the demo users. */
export async function seedDemoContent(ctx: AppContext): Promise<void> {
  await ctx.imports.importPath(null, "osv", path.join(FIXTURES, "go-vulndb"));
  await ctx.imports.importPath(null, "osv", path.join(FIXTURES, "pypa", "django"));

  const dana = await principal(ctx, "dana@researcher.demo");
  const riley = await principal(ctx, "researcher@aurora.demo");
  const coordinator = await principal(ctx, "coordinator@cisa.demo");

  const traversal = await ctx.reports.submit(dana, {
    title: "Path traversal in acme-fileserver static file handler",
    description:
      "The static handler joins the request path to the web root without normalising `..` segments, so " +
      "`GET /static/..%2f..%2fetc/passwd` reads files outside the root. Affects every release before 2.4.0.",
    affected: [{ kind: "purl", purl: "pkg:npm/acme-fileserver@2.3.1", versions: "< 2.4.0" }],
    cwes: ["CWE-22"],
    cvss: ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"],
    impact: "Any file readable by the server process is disclosed to unauthenticated clients.",
    reproduction: "curl --path-as-is 'http://localhost:8080/static/..%2f..%2fetc/passwd'",
    credit: { name: "Dana Reyes", public: true },
    ssvc: { RP: "Y", SCON: "N", RC: "NC", SC: "M", SE: "A", U: "S", PSI: "S" },
    provenance: { kind: "human" },
  });

  await ctx.reports.submit(riley, {
    title: "SQL injection in globex-orm order-by clause",
    description:
      "`Query.orderBy(userInput)` interpolates the column name into the SQL text. An attacker controlling the " +
      "sort parameter of any list endpoint built on globex-orm can read arbitrary tables.",
    affected: [{ kind: "product", vendor: "Globex Systems", product: "globex-orm", versions: ">= 3.0, < 3.2.1" }],
    cwes: ["CWE-89"],
    cvss: ["CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:L/VA:N/SC:N/SI:N/SA:N"],
    impact: "Disclosure of every table the application's database user can read.",
    reproduction: "GET /orders?sort=id,(select%20password%20from%20users%20limit%201)",
    stack: { frames: ["Query.orderBy", "SqlBuilder.render", "Pool.query"], sink: "Pool.query" },
    provenance: {
      kind: "ai_assisted",
      model: "aurora-sec",
      modelVersion: "2026-10",
      developerOrg: "Aurora Labs",
      runId: "run-aurora-7731",
      transcriptSha256: TRANSCRIPT_SHA256,
      verifiedBy: "Riley Researcher",
    },
  });

  // Held back as incomplete: AI-autonomous with neither a reproducer nor a human verifier.
  await ctx.reports.submit(riley, {
    title: "Possible buffer overflow in acme-imaging TIFF decoder",
    description: "Static analysis by an autonomous agent flagged an unchecked strip length in the TIFF decoder.",
    affected: [{ kind: "product", vendor: "Acme Software", product: "acme-imaging", versions: "<= 5.1" }],
    cwes: ["CWE-120"],
    provenance: {
      kind: "ai_autonomous",
      model: "aurora-sec",
      modelVersion: "2026-10",
      developerOrg: "Aurora Labs",
      runId: "run-aurora-7745",
      transcriptSha256: TRANSCRIPT_SHA256,
    },
  });

  await ctx.reports.transition(coordinator, traversal.id, {
    to: "valid",
    note: "Reproduced on 2.3.1 with the reporter's request.",
    evidence: { reproduced: true, method: "curl against a local install of 2.3.1" },
  });

  // The case: Acme is told, an embargo runs to noon UTC in 45 days, Acme is investigating.
  const acme = await principal(ctx, "psirt@acme.demo");
  const opened = await ctx.cases.open(coordinator, {
    title: "acme-fileserver: path traversal in the static handler",
    summary: "Coordinated with Acme Software; the reporter asks for public credit.",
    reportIds: [traversal.id],
    vendorOrgIds: [acme.org.id],
  });
  const endsOn = new Date(Date.now() + 45 * 86_400_000).toISOString().slice(0, 10);
  await ctx.cases.embargo(coordinator, opened.id, { action: "propose", endsAt: endsOn });
  await ctx.cases.embargo(coordinator, opened.id, { action: "accept" });
  const [vulnerability] = opened.vulnerabilities;
  if (vulnerability) {
    await ctx.cases.putStatement(acme, opened.id, {
      vulnerabilityId: vulnerability.id,
      product: "pkg:npm/acme-fileserver",
      status: "under_investigation",
    });
  }
  await ctx.cases.postMessage(acme, opened.id, {
    body: "Thanks, **reproduced** on 2.3.1. A fix is planned for `2.4.0`; we will state *fixed* when it ships.",
  });
}
