import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  countdown,
  defaultRoleFor,
  EMBARGO_ACTIONS,
  embargoEndInput,
  embargoEndInstant,
  formatLocal,
  remediationSource,
  tlpClass,
} from "./case-format.ts";
import { checkStatement, emptyDraft, statementInput } from "./statement-form.ts";

describe("case page rules", () => {
  test("an embargo end is a date alone (the server's 12:00 UTC) or a date with a UTC time", () => {
    assert.equal(embargoEndInput("2026-07-01", ""), "2026-07-01");
    assert.equal(embargoEndInput("2026-07-01", "16:30"), "2026-07-01T16:30:00Z");
    assert.equal(embargoEndInput("", "16:30"), null);
    assert.equal(embargoEndInput("2026-07-01", "4pm"), null);
    assert.equal(embargoEndInstant("2026-07-01"), Date.parse("2026-07-01T12:00:00Z"));
    assert.equal(embargoEndInstant("2026-07-01T16:30:00Z"), Date.parse("2026-07-01T16:30:00Z"));
  });

  test("the countdown names days, hours and minutes, seconds only on the last day, and stops at the end", () => {
    const end = "2026-07-01T12:00:00Z";
    const at = (iso: string) => countdown(end, Date.parse(iso));
    assert.equal(at("2026-06-01T09:29:30Z"), "30 days 2 h 30 min");
    assert.equal(at("2026-06-30T12:00:00Z"), "1 day 0 h 0 min");
    assert.equal(at("2026-07-01T10:58:55Z"), "1 h 1 min 5 s");
    assert.equal(at("2026-07-01T11:59:59Z"), "0 min 1 s");
    assert.equal(at("2026-07-01T12:00:00Z"), null);
    assert.equal(countdown("not a date", 0), null);
  });

  test("the local time carries its zone name, and an unreadable value comes back as it was", () => {
    assert.match(formatLocal("2026-07-01T12:00:00Z"), /2026/);
    assert.match(formatLocal("2026-07-01T12:00:00Z"), /(UTC|GMT|[A-Z]{2,5}|[+-]\d)/);
    assert.equal(formatLocal("soon"), "soon");
  });

  test("embargo moves follow the server's state machine; an ended embargo has none", () => {
    assert.deepEqual(EMBARGO_ACTIONS.none, ["propose"]);
    assert.deepEqual(EMBARGO_ACTIONS.active, ["revise", "exit"]);
    assert.deepEqual(EMBARGO_ACTIONS.exited, []);
  });

  test("remediation source: KEV wins and says so; SSVC names outcome and days", () => {
    const base = { ssvcOutcome: "Coordinate", policyDays: 45, kevDueDate: null, dueAt: null, source: null } as const;
    assert.match(remediationSource({ ...base, source: "kev", kevDueDate: "2026-07-01" }), /KEV/);
    assert.equal(remediationSource({ ...base, source: "ssvc" }), "SSVC policy for outcome “Coordinate”: 45 days");
    assert.match(remediationSource({ ...base, policyDays: null, ssvcOutcome: "Decline" }), /sets none/);
  });

  test("labels: TLP classes and the role an organisation kind suggests", () => {
    assert.equal(tlpClass("AMBER+STRICT"), "tlp tlp-amber-strict");
    assert.equal(defaultRoleFor("vendor"), "vendor");
    assert.equal(defaultRoleFor("operator"), "operator");
    assert.equal(defaultRoleFor("researcher"), "reporter");
  });

  test("VEX statement checks mirror the server's, and the body carries only what the status needs", () => {
    const draft = emptyDraft("vul_1", "org_acme", "pkg:npm/widget");
    assert.equal(checkStatement({ ...draft, status: "not_affected" }, false)?.field, "justification");
    assert.equal(checkStatement({ ...draft, status: "affected" }, false)?.field, "actionStatement");
    assert.equal(checkStatement({ ...draft, status: "fixed", fixedVersions: " , " }, false)?.field, "fixedVersions");
    assert.equal(checkStatement({ ...draft, product: " " }, false)?.field, "product");
    assert.equal(checkStatement({ ...draft, vendorOrgId: "" }, true)?.field, "vendorOrgId");
    assert.equal(checkStatement({ ...draft, vendorOrgId: "" }, false), null, "a vendor states for its own org");
    assert.equal(checkStatement(draft, false), null);

    const fixed = { ...draft, status: "fixed" as const, fixedVersions: "1.4.2, 2.0.1", justification: "stale" };
    assert.deepEqual(statementInput(fixed, false), {
      vulnerabilityId: "vul_1",
      product: "pkg:npm/widget",
      status: "fixed",
      impactStatement: undefined,
      actionStatement: undefined,
      fixedVersions: ["1.4.2", "2.0.1"],
      workarounds: "",
    });
    assert.equal(statementInput(fixed, true).vendorOrgId, "org_acme");
    const notAffected = { ...draft, status: "not_affected" as const, justification: "component_not_present" };
    assert.equal(statementInput({ ...notAffected, actionStatement: "x" }, false).actionStatement, undefined);
    assert.equal(statementInput(notAffected, false).justification, "component_not_present");
  });
});
