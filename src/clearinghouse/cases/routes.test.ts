import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { before, test } from "node:test";
import { sql } from "kysely";
import { type AppContext, createContext } from "../../app/context.ts";
import { ROUTES } from "../../app/routes.ts";
import { loadConfig } from "../../platform/config/config.ts";
import type { Tx } from "../../platform/db/database.ts";
import { describeEachEngine } from "../../platform/db/testing.ts";
import { buildApp } from "../../platform/http/app.ts";
import type { AppInstance } from "../../platform/http/types.ts";
import type { NotificationInput, Notifier } from "../../platform/notifications/model.ts";
import { validateCsaf } from "../../standards/csaf/index.ts";
import { validateCveRecord } from "../../standards/cve5/index.ts";
import { validateOsv } from "../../standards/osv/index.ts";
import type { CaseDetail } from "./model.ts";
import { CaseService } from "./service.ts";

const COORDINATE = { RP: "Y", SCON: "N", RC: "NC", SC: "M", SE: "A", U: "S", PSI: "S" };
const CVSS31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";

/** Records who each notice goes to (the notifier's own tests cover delivery). */
class RecordingNotifier implements Notifier {
  readonly sent: NotificationInput[] = [];
  async notify(_trx: Tx, input: NotificationInput): Promise<void> {
    this.sent.push(input);
  }
  /** Recipient organisations of the notices of `kind` sent since `from`. */
  orgsOf(kind: string, from = 0): string[][] {
    return this.sent
      .slice(from)
      .filter((n) => n.kind === kind)
      .map((n) => [...(n.recipients.orgIds ?? [])].sort());
  }
}

/** A complete report of libfoo; `over` replaces fields. */
function report(over: Record<string, unknown> = {}) {
  return {
    title: "Heap overflow in libfoo image decoder",
    description: "A crafted PNG overflows a heap buffer in decode_chunk.\n\nDetails follow.",
    affected: [{ kind: "purl", purl: "pkg:npm/libfoo", versions: "< 1.2.4" }],
    cwes: ["CWE-122"],
    cvss: [CVSS31],
    impact: "Remote code execution when a server thumbnails uploads.",
    reproduction: "node poc.js crafted.png  # crashes in decode_chunk",
    provenance: { kind: "human" },
    credit: { name: "Dana Reyes" },
    ssvc: COORDINATE,
    ...over,
  };
}

describeEachEngine("cases API", (store) => {
  let app: AppInstance;
  let ctx: AppContext;
  const notices = new RecordingNotifier();
  const tokens: Record<string, string> = {};
  const orgs: Record<string, string> = {};

  async function member(
    name: string,
    kind: "government" | "researcher" | "vendor" | "operator",
    email: string,
    role: string,
  ) {
    const org = await ctx.identity.createOrg(null, { name, kind });
    orgs[name] = org.id;
    const u = await ctx.identity.createUser(null, {
      orgId: org.id,
      email,
      displayName: email.split("@")[0]!,
      password: "correct horse battery",
      roles: [role],
    });
    tokens[email] = (await ctx.identity.createToken(null, u.id, { name: "t", scopes: ["read", "write"] })).token;
  }

  before(async () => {
    const config = loadConfig(
      {},
      { home: mkdtempSync(path.join(tmpdir(), "aicc-cases-")), logLevel: "silent", publicUrl: "https://aicc.test" },
    );
    ctx = createContext(config, store());
    ctx.cases = new CaseService(ctx.db, ctx.reports, ctx.advisories, notices, ctx.cveIds);
    await member("CISA", "government", "coord@gov.test", "coordinator");
    await member("Indie", "researcher", "dana@indie.test", "reporter");
    await member("Acme", "vendor", "psirt@acme.test", "psirt");
    await member("Globex", "vendor", "psirt@globex.test", "psirt");
    await member("Grid", "operator", "soc@grid.test", "security");
    await member("Dup", "researcher", "lee@dup.test", "reporter");
    app = await buildApp(ctx, { routes: ROUTES, version: "test" });
  });

  const as = (email: string) => ({ authorization: `Bearer ${tokens[email]}` });
  const call = (email: string, method: "GET" | "POST" | "PUT", url: string, payload?: unknown) =>
    app.inject({ method, url, headers: as(email), ...(payload !== undefined && { payload: payload as object }) });
  const COORD = "coord@gov.test";

  /** A report by `email`, validated by the coordinator. */
  async function validReport(email: string, over: Record<string, unknown> = {}): Promise<string> {
    const res = await call(email, "POST", "/api/reports", report(over));
    assert.equal(res.statusCode, 201, res.body);
    const id = res.json().id as string;
    const valid = await call(COORD, "POST", `/api/reports/${id}/transition`, {
      to: "valid",
      evidence: { reproduced: true, method: "ran the PoC against 1.2.3" },
    });
    assert.equal(valid.statusCode, 200, valid.body);
    return id;
  }

  async function openCase(body: Record<string, unknown>): Promise<CaseDetail> {
    const res = await call(COORD, "POST", "/api/cases", body);
    assert.equal(res.statusCode, 201, res.body);
    return res.json();
  }

  const count = async (table: "cases" | "advisories" | "audit_log" | "case_events") =>
    Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(ctx.db)).rows[0]!.n);

  test("a coordinator opens a case from a valid report: participants, vulnerability, accepted report, notices", async () => {
    const reportId = await validReport("dana@indie.test", { cveIds: ["CVE-2026-20001"] });
    const sent = notices.sent.length;
    const c = await openCase({
      title: "libfoo heap overflow",
      summary: "Coordinated with Acme.",
      reportIds: [reportId],
      vendorOrgIds: [orgs.Acme],
    });
    assert.match(c.id, /^case_/);
    assert.equal(c.status, "open");
    assert.equal(c.tlp, "AMBER");
    assert.deepEqual(
      c.participants.map((p) => [p.orgName, p.role, p.reportState]),
      [
        ["CISA", "coordinator", "accepted"],
        ["Indie", "reporter", "accepted"],
        ["Acme", "vendor", "received"],
      ],
    );
    assert.equal(c.participantCount, 3);
    assert.equal(c.flags.vendorAware, true);
    assert.equal(c.vulnerabilities.length, 1);
    assert.equal(c.vulnerabilities[0]!.cveId, "CVE-2026-20001");
    assert.equal(c.vulnerabilities[0]!.cvss[0]!.score, 9.8);
    assert.deepEqual(c.reports, [{ id: reportId, title: report().title, status: "accepted" }]);
    assert.deepEqual(c.can, { coordinate: true, state: true, message: true, publish: true });
    assert.deepEqual(c.remediation, {
      ssvcOutcome: "Coordinate",
      policyDays: 45,
      kevDueDate: null,
      dueAt: new Date(new Date(c.createdAt).getTime() + 45 * 86_400_000).toISOString(),
      source: "ssvc",
    });
    assert.equal(c.timeline[0]!.kind, "open");
    assert.deepEqual(notices.orgsOf("case.participant_added", sent), [[orgs.Acme, orgs.Indie].sort()]);
    assert.equal(notices.sent[sent]!.link, `/clearinghouse/cases/${c.id}`);
    const reportNow = await call("dana@indie.test", "GET", `/api/reports/${reportId}`);
    assert.equal(reportNow.json().status, "accepted");

    // The reporter reads the case; the list holds it for participants only.
    assert.equal((await call("dana@indie.test", "GET", `/api/cases/${c.id}`)).statusCode, 200);
    const listed = (email: string) =>
      call(email, "GET", "/api/cases").then((r) => r.json().items.some((i: { id: string }) => i.id === c.id));
    assert.equal(await listed("psirt@acme.test"), true);
    assert.equal(await listed("psirt@globex.test"), false);
    assert.equal(await listed(COORD), true);
  });

  test("opening is refused with nothing written: unvalidated report, non-coordinator, bad body", async () => {
    const received = (await call("dana@indie.test", "POST", "/api/reports", report())).json().id;
    const [cases, audit] = [await count("cases"), await count("audit_log")];
    const body = { title: "t", reportIds: [received] };
    const conflict = await call(COORD, "POST", "/api/cases", body);
    assert.equal(conflict.statusCode, 409, conflict.body);
    assert.match(conflict.json().detail, /received/);
    assert.equal((await call("psirt@acme.test", "POST", "/api/cases", body)).statusCode, 403);
    const bad = await call(COORD, "POST", "/api/cases", { title: "t", reportIds: [] });
    assert.equal(bad.statusCode, 400);
    assert.ok(
      bad.json().fields.some((f: { field: string }) => f.field === "body.reportIds"),
      bad.body,
    );
    const unknownVendor = await call(COORD, "POST", "/api/cases", { ...body, vendorOrgIds: ["org_nope"] });
    assert.equal(unknownVendor.statusCode, 409, "the report is checked first; still nothing written");
    assert.deepEqual([await count("cases"), await count("audit_log")], [cases, audit]);
    assert.equal((await call("dana@indie.test", "GET", `/api/reports/${received}`)).json().status, "received");
  });

  test("access: non-participants get 404, observers cannot state, statements and private messages stay private", async () => {
    const c = await openCase({
      title: "Access case",
      reportIds: [await validReport("dana@indie.test")],
      vendorOrgIds: [orgs.Acme],
    });
    const url = `/api/cases/${c.id}`;
    for (const path of ["", "/messages"])
      assert.equal((await call("psirt@globex.test", "GET", `${url}${path}`)).statusCode, 404);
    assert.equal(
      (await call("psirt@globex.test", "POST", `${url}/messages`, { body: "hello?" })).statusCode,
      404,
      "no existence leak on writes either",
    );

    // An operator joins as an observer: reads and writes messages, makes no statements.
    const sent = notices.sent.length;
    assert.equal(
      (await call(COORD, "POST", `${url}/participants`, { orgId: orgs.Grid, role: "operator" })).statusCode,
      200,
    );
    assert.deepEqual(notices.orgsOf("case.participant_added", sent), [[orgs.Grid]]);
    const dup = await call(COORD, "POST", `${url}/participants`, { orgId: orgs.Grid, role: "operator" });
    assert.equal(dup.statusCode, 409);
    const observer = (await call("soc@grid.test", "GET", url)).json() as CaseDetail;
    assert.deepEqual(observer.can, { coordinate: false, state: false, message: true, publish: false });
    assert.deepEqual(observer.reports, [], "the reporter's report is not the operator's to read");
    const vul = c.vulnerabilities[0]!.id;
    const statement = {
      vulnerabilityId: vul,
      product: "pkg:npm/libfoo",
      status: "affected",
      actionStatement: "Upgrade to 1.2.4.",
      fixedVersions: ["1.2.4"],
    };
    assert.equal((await call("soc@grid.test", "PUT", `${url}/statements`, statement)).statusCode, 403);
    assert.equal(
      (await call("soc@grid.test", "POST", `${url}/messages`, { body: "We run libfoo 1.2.3." })).statusCode,
      201,
    );

    // VEX rules name the field.
    const bad = await call("psirt@acme.test", "PUT", `${url}/statements`, { ...statement, status: "not_affected" });
    assert.equal(bad.statusCode, 400);
    assert.ok(
      bad.json().fields.some((f: { field: string }) => f.field === "body.justification"),
      bad.body,
    );

    // Acme states for itself, not for Globex.
    const sentBefore = notices.sent.length;
    const stated = await call("psirt@acme.test", "PUT", `${url}/statements`, statement);
    assert.equal(stated.statusCode, 200, stated.body);
    assert.equal(stated.json().statements.length, 1);
    assert.equal((stated.json() as CaseDetail).participants.find((p) => p.orgName === "Acme")!.reportState, "accepted");
    assert.deepEqual(notices.orgsOf("case.statement_posted", sentBefore), [[orgs.Acme, orgs.CISA].sort()]);
    const forGlobex = await call("psirt@acme.test", "PUT", `${url}/statements`, {
      ...statement,
      vendorOrgId: orgs.Globex,
    });
    assert.equal(forGlobex.statusCode, 403);

    // Before publication another vendor sees neither the statement nor its timeline entry.
    await call(COORD, "POST", `${url}/participants`, { orgId: orgs.Globex, role: "vendor" });
    const globex = (await call("psirt@globex.test", "GET", url)).json() as CaseDetail;
    assert.deepEqual(globex.statements, []);
    assert.ok(!globex.timeline.some((e) => e.kind === "statement"));
    assert.equal((await call(COORD, "GET", url)).json().statements.length, 1);
    // Upsert: the same product again revises the one statement.
    const revised = await call("psirt@acme.test", "PUT", `${url}/statements`, {
      ...statement,
      actionStatement: "Upgrade to 1.2.4 or later.",
    });
    assert.equal(revised.json().statements.length, 1);
    assert.equal(revised.json().statements[0].actionStatement, "Upgrade to 1.2.4 or later.");

    // A message for the coordinators: the author and coordinators read it, nobody else; its text is not in any notice.
    const sentMessage = notices.sent.length;
    const secret = "Our fix ships on the 3rd; please keep it quiet.";
    const posted = await call("psirt@acme.test", "POST", `${url}/messages`, {
      body: secret,
      visibility: "coordinators",
    });
    assert.equal(posted.statusCode, 201, posted.body);
    assert.equal(posted.json().authorOrgName, "Acme");
    assert.deepEqual(notices.orgsOf("case.message", sentMessage), [[orgs.CISA]]);
    assert.ok(!notices.sent.slice(sentMessage).some((n) => n.body.includes(secret)));
    const bodies = async (email: string) =>
      ((await call(email, "GET", `${url}/messages`)).json().items as { body: string }[]).map((m) => m.body);
    assert.ok((await bodies(COORD)).includes(secret));
    assert.ok((await bodies("psirt@acme.test")).includes(secret));
    assert.ok(!(await bodies("psirt@globex.test")).includes(secret));
    assert.ok(!(await bodies("soc@grid.test")).includes(secret));
    assert.ok((await bodies("psirt@globex.test")).includes("We run libfoo 1.2.3."));
    const tooLong = await call("psirt@acme.test", "POST", `${url}/messages`, { body: "x".repeat(20_001) });
    assert.equal(tooLong.statusCode, 400);
  });

  test("a duplicate linked without sharing does not reveal the case to its reporter; shared, it does", async () => {
    const c = await openCase({ title: "Dup case", reportIds: [await validReport("dana@indie.test")] });
    await call(COORD, "POST", `/api/cases/${c.id}/embargo`, { action: "propose", endsAt: "2099-01-01" });
    const duplicate = (await call("lee@dup.test", "POST", "/api/reports", report())).json().id;
    const linked = await call(COORD, "POST", `/api/cases/${c.id}/reports`, { reportId: duplicate });
    assert.equal(linked.statusCode, 200, linked.body);
    assert.equal((await call("lee@dup.test", "GET", `/api/cases/${c.id}`)).statusCode, 404);
    assert.ok(
      !(await call("lee@dup.test", "GET", "/api/cases")).json().items.some((i: { id: string }) => i.id === c.id),
    );
    const theirReport = await call("lee@dup.test", "GET", `/api/reports/${duplicate}`);
    assert.ok(!theirReport.body.includes(c.id), "the report does not name the case");
    const reporterView = (await call("dana@indie.test", "GET", `/api/cases/${c.id}`)).json() as CaseDetail;
    assert.ok(!reporterView.timeline.some((e) => e.kind === "link_report"), "participants do not see the link");
    assert.equal((await call(COORD, "POST", `/api/cases/${c.id}/reports`, { reportId: duplicate })).statusCode, 400);

    const shared = (await call("lee@dup.test", "POST", "/api/reports", report())).json().id;
    const sent = notices.sent.length;
    await call(COORD, "POST", `/api/cases/${c.id}/reports`, { reportId: shared, share: true });
    assert.deepEqual(notices.orgsOf("case.participant_added", sent), [[orgs.Dup]]);
    const view = await call("lee@dup.test", "GET", `/api/cases/${c.id}`);
    assert.equal(view.statusCode, 200);
    assert.deepEqual(
      (view.json() as CaseDetail).reports.map((r) => r.id).sort(),
      [duplicate, shared].sort(),
      "their own reports, and not the original reporter's",
    );
  });

  test("embargo transitions, bad moves (409), early exit on public knowledge, and who is told", async () => {
    const c = await openCase({
      title: "Embargo case",
      reportIds: [await validReport("dana@indie.test")],
      vendorOrgIds: [orgs.Acme],
    });
    const embargo = (body: object, email = COORD) => call(email, "POST", `/api/cases/${c.id}/embargo`, body);
    assert.equal((await embargo({ action: "accept" })).statusCode, 409);
    const missing = await embargo({ action: "propose" });
    assert.equal(missing.statusCode, 400);
    assert.ok(
      missing.json().fields.some((f: { field: string }) => f.field === "endsAt"),
      missing.body,
    );
    assert.equal((await embargo({ action: "propose", endsAt: "2020-01-01" })).statusCode, 400);
    assert.equal((await embargo({ action: "propose", endsAt: "next tuesday" })).statusCode, 400);
    assert.equal((await embargo({ action: "propose", endsAt: "2099-06-01" }, "psirt@acme.test")).statusCode, 403);

    const sent = notices.sent.length;
    const proposed = (await embargo({ action: "propose", endsAt: "2099-06-01" })).json() as CaseDetail;
    assert.deepEqual(proposed.embargo, {
      state: "proposed",
      endsAt: null,
      proposedEndsAt: "2099-06-01T12:00:00.000Z",
      exitedReason: null,
    });
    assert.deepEqual(notices.orgsOf("case.embargo_changed", sent), [[orgs.Acme, orgs.CISA, orgs.Indie].sort()]);
    const active = (await embargo({ action: "accept" })).json() as CaseDetail;
    assert.equal(active.embargo.state, "active");
    assert.equal(active.embargo.endsAt, "2099-06-01T12:00:00.000Z");
    const again = await embargo({ action: "accept" });
    assert.equal(again.statusCode, 409);
    assert.match(again.json().detail, /active/);
    await embargo({ action: "revise", endsAt: "2099-07-01T00:00:00Z" });
    const revised = (await embargo({ action: "accept" })).json() as CaseDetail;
    assert.equal(revised.embargo.endsAt, "2099-07-01T00:00:00.000Z");

    // A vendor may report its own fix, not public knowledge.
    assert.equal(
      (await call("psirt@acme.test", "POST", `/api/cases/${c.id}/flags`, { flags: { fixReady: true } })).statusCode,
      200,
    );
    const notTheirs = await call("psirt@acme.test", "POST", `/api/cases/${c.id}/flags`, {
      flags: { publicAware: true },
    });
    assert.equal(notTheirs.statusCode, 403);
    const early = await call(COORD, "POST", `/api/cases/${c.id}/flags`, { flags: { exploitPublic: true } });
    assert.equal(early.statusCode, 200, early.body);
    const after = early.json() as CaseDetail;
    assert.equal(after.embargo.state, "exited");
    assert.equal(after.embargo.exitedReason, "exploit-public");
    assert.deepEqual(after.flags, {
      vendorAware: true,
      fixReady: true,
      fixDeployed: false,
      publicAware: false,
      exploitPublic: true,
      attacksObserved: false,
    });
    assert.ok(after.timeline.some((e) => e.kind === "embargo_exit" && e.summary.includes("exploit-public")));
    assert.equal((await embargo({ action: "propose", endsAt: "2099-08-01" })).statusCode, 409);
    assert.equal((await embargo({ action: "exit" })).statusCode, 409);
  });

  test("remediation: a KEV due date wins over the SSVC policy", async () => {
    const c = await openCase({
      title: "KEV case",
      reportIds: [await validReport("dana@indie.test", { cveIds: ["CVE-2026-20077"] })],
    });
    assert.equal(c.remediation.source, "ssvc");
    await ctx.advisories.importKev(
      null,
      [
        {
          cveId: "CVE-2026-20077",
          vendor: "libfoo",
          product: "libfoo",
          name: "libfoo heap overflow",
          description: "",
          requiredAction: "Apply updates.",
          dateAdded: "2026-03-02",
          dueDate: "2026-03-23",
          knownRansomware: false,
          notes: "",
          cwes: [],
        },
      ],
      "test",
    );
    const now = (await call(COORD, "GET", `/api/cases/${c.id}`)).json() as CaseDetail;
    assert.deepEqual(now.remediation, {
      ssvcOutcome: "Coordinate",
      policyDays: 45,
      kevDueDate: "2026-03-23",
      dueAt: "2026-03-23T23:59:59.000Z",
      source: "kev",
    });
  });

  test("publish: valid CSAF, OSV and CVE 5 served by the advisory API and (TLP:CLEAR) the OSV API", async () => {
    const c = await openCase({
      title: "Publish case",
      reportIds: [await validReport("dana@indie.test", { cveIds: ["CVE-2026-20042"] })],
      vendorOrgIds: [orgs.Acme, orgs.Globex],
      tlp: "CLEAR",
    });
    const url = `/api/cases/${c.id}`;
    const vul = c.vulnerabilities[0]!.id;
    await call(COORD, "POST", `${url}/embargo`, { action: "propose", endsAt: "2099-01-01" });
    await call(COORD, "POST", `${url}/embargo`, { action: "accept" });
    await call("psirt@acme.test", "PUT", `${url}/statements`, {
      vulnerabilityId: vul,
      product: "pkg:npm/libfoo",
      status: "fixed",
      fixedVersions: ["1.2.4"],
      workarounds: "Disable thumbnailing of PNG uploads.",
    });
    await call("psirt@globex.test", "PUT", `${url}/statements`, {
      vulnerabilityId: vul,
      product: "Globex Gallery",
      status: "not_affected",
      justification: "vulnerable_code_not_present",
    });
    assert.equal((await call("psirt@acme.test", "POST", `${url}/publish`, {})).statusCode, 403);

    const sent = notices.sent.length;
    const res = await call(COORD, "POST", `${url}/publish`, {});
    assert.equal(res.statusCode, 200, res.body);
    const { advisoryIds } = res.json() as { advisoryIds: string[] };
    assert.equal(advisoryIds.length, 1);
    const advisoryId = advisoryIds[0]!;
    assert.deepEqual(notices.orgsOf("case.published", sent), [[orgs.Acme, orgs.CISA, orgs.Globex, orgs.Indie].sort()]);

    const csaf = await call("psirt@globex.test", "GET", `/api/advisories/${advisoryId}/csaf`);
    assert.equal(csaf.statusCode, 200);
    const csafDoc = JSON.parse(csaf.body);
    assert.equal(validateCsaf(csafDoc).valid, true);
    assert.equal(csafDoc.document.category, "csaf_vex");
    assert.deepEqual(csafDoc.vulnerabilities[0].acknowledgments, [{ names: ["Dana Reyes"], summary: "finder" }]);
    const osv = JSON.parse((await call(COORD, "GET", `/api/advisories/${advisoryId}/osv`)).body);
    assert.equal(validateOsv(osv).valid, true);
    assert.deepEqual(osv.aliases, ["CVE-2026-20042"]);
    const cve = JSON.parse((await call(COORD, "GET", `/api/advisories/${advisoryId}/cve5`)).body);
    assert.equal(validateCveRecord(cve).valid, true);
    const query = await app.inject({
      method: "POST",
      url: "/v1/query",
      payload: { package: { name: "libfoo", ecosystem: "npm" }, version: "1.2.3" },
    });
    assert.ok(
      query.json().vulns.some((v: { id: string }) => v.id === `x_${advisoryId}`),
      query.body,
    );
    const fixed = await app.inject({
      method: "POST",
      url: "/v1/query",
      payload: { package: { name: "libfoo", ecosystem: "npm" }, version: "1.2.4" },
    });
    assert.ok(!(fixed.json().vulns ?? []).some((v: { id: string }) => v.id === `x_${advisoryId}`));

    const after = (await call("psirt@globex.test", "GET", url)).json() as CaseDetail;
    assert.equal(after.advisoryId, advisoryId);
    assert.equal(after.embargo.state, "exited");
    assert.equal(after.embargo.exitedReason, "published");
    assert.equal(after.flags.publicAware, true);
    assert.equal(after.statements.length, 2, "after publication every participant sees every statement");
    // Publishing the unchanged case again is the same publication.
    assert.deepEqual((await call(COORD, "POST", `${url}/publish`, {})).json().advisoryIds, advisoryIds);
  });

  test("an invalid case is refused naming the vulnerability, and nothing is half-written", async () => {
    const c = await openCase({
      title: "Invalid case",
      reportIds: [await validReport("dana@indie.test")],
      tlp: "CLEAR",
    });
    const url = `/api/cases/${c.id}`;
    const added = await call(COORD, "POST", `${url}/vulnerabilities`, {
      title: "Second flaw without a product",
      description: "Nothing names what is affected.",
      cvss: [CVSS31],
    });
    assert.equal(added.statusCode, 200, added.body);
    assert.equal((added.json() as CaseDetail).vulnerabilities.length, 2);
    const before = await Promise.all([count("advisories"), count("audit_log"), count("case_events")]);
    const res = await call(COORD, "POST", `${url}/publish`, {});
    assert.equal(res.statusCode, 400, res.body);
    assert.ok(
      res.json().fields.some((f: { field: string }) => f.field === "vulnerabilities.1.affected"),
      res.body,
    );
    assert.deepEqual(await Promise.all([count("advisories"), count("audit_log"), count("case_events")]), before);
    const unchanged = (await call(COORD, "GET", url)).json() as CaseDetail;
    assert.equal(unchanged.advisoryId, null);
    assert.equal(unchanged.flags.publicAware, false);
    assert.equal(unchanged.embargo.state, "none");
  });
});
