import assert from "node:assert/strict";
import { test } from "node:test";
import type { AppError } from "../../platform/errors/errors.ts";
import { affectedOf } from "./draft.ts";
import {
  type Embargo,
  earlyExitReason,
  effectiveEmbargo,
  embargoAfter,
  remediationOf,
  remediationPolicy,
  StatementInput,
} from "./model.ts";

const NOW = new Date("2026-03-01T10:00:00Z");
const NONE: Embargo = { state: "none", endsAt: null, proposedEndsAt: null, exitedReason: null };
const code = (expected: string) => (error: AppError) => error.code === expected;

test("embargo: propose → accept → revise → accept → exit; a date alone means 12:00:00Z", () => {
  const proposed = embargoAfter(NONE, { action: "propose", endsAt: "2026-04-15" }, NOW);
  assert.deepEqual(proposed, {
    state: "proposed",
    endsAt: null,
    proposedEndsAt: "2026-04-15T12:00:00.000Z",
    exitedReason: null,
  });
  const active = embargoAfter(proposed, { action: "accept" }, NOW);
  assert.deepEqual(active, {
    state: "active",
    endsAt: "2026-04-15T12:00:00.000Z",
    proposedEndsAt: null,
    exitedReason: null,
  });
  const revise = embargoAfter(active, { action: "revise", endsAt: "2026-05-01T08:00:00+02:00" }, NOW);
  assert.equal(revise.state, "revise");
  assert.equal(revise.endsAt, "2026-04-15T12:00:00.000Z", "the agreed end holds until the revision is accepted");
  assert.equal(revise.proposedEndsAt, "2026-05-01T06:00:00.000Z");
  assert.equal(embargoAfter(revise, { action: "accept" }, NOW).endsAt, "2026-05-01T06:00:00.000Z");
  const exited = embargoAfter(revise, { action: "exit" }, NOW);
  assert.deepEqual(exited, {
    state: "exited",
    endsAt: NOW.toISOString(),
    proposedEndsAt: null,
    exitedReason: "coordinator",
  });
});

test("embargo: moves the state forbids are conflicts; ends must be given, and in the future", () => {
  assert.throws(() => embargoAfter(NONE, { action: "accept" }, NOW), code("conflict"));
  assert.throws(() => embargoAfter(NONE, { action: "revise", endsAt: "2026-04-01" }, NOW), code("conflict"));
  const exited = embargoAfter(NONE, { action: "exit" }, NOW);
  assert.throws(() => embargoAfter(exited, { action: "exit" }, NOW), code("conflict"));
  assert.throws(() => embargoAfter(exited, { action: "propose", endsAt: "2026-04-01" }, NOW), code("conflict"));
  assert.throws(
    () => embargoAfter(NONE, { action: "propose" }, NOW),
    (e: AppError) => e.fields[0]?.field === "endsAt",
  );
  // 2026-03-01 means 12:00Z: still ahead at 10:00Z; the day before is past.
  assert.equal(
    embargoAfter(NONE, { action: "propose", endsAt: "2026-03-01" }, NOW).proposedEndsAt,
    "2026-03-01T12:00:00.000Z",
  );
  assert.throws(() => embargoAfter(NONE, { action: "propose", endsAt: "2026-02-28" }, NOW), code("validation"));
});

test("embargo: an agreed end that passed reads as exited (expired); public knowledge ends it early", () => {
  const active: Embargo = {
    state: "active",
    endsAt: "2026-02-01T12:00:00.000Z",
    proposedEndsAt: null,
    exitedReason: null,
  };
  assert.deepEqual(effectiveEmbargo(active, NOW), { ...active, state: "exited", exitedReason: "expired" });
  const running = { ...active, endsAt: "2026-04-01T12:00:00.000Z" };
  assert.equal(effectiveEmbargo(running, NOW), running);
  assert.equal(earlyExitReason(running, { exploitPublic: true }), "exploit-public");
  assert.equal(earlyExitReason(running, { publicAware: true, attacksObserved: true }), "attacks-observed");
  assert.equal(earlyExitReason(running, { fixReady: true, publicAware: false }), null);
  assert.equal(earlyExitReason(NONE, { publicAware: true }), null, "no embargo in force: nothing to end");
});

test("remediation: KEV due date wins over the SSVC policy; the instance setting overrides defaults", () => {
  const openedAt = new Date("2026-03-01T00:00:00Z");
  const policy = remediationPolicy(undefined);
  assert.deepEqual(remediationOf({ ssvcOutcome: "Coordinate", policy, kevDueDates: [], openedAt }), {
    ssvcOutcome: "Coordinate",
    policyDays: 45,
    kevDueDate: null,
    dueAt: "2026-04-15T00:00:00.000Z",
    source: "ssvc",
  });
  assert.deepEqual(
    remediationOf({ ssvcOutcome: "Coordinate", policy, kevDueDates: ["2026-03-22", "2026-03-20"], openedAt }),
    {
      ssvcOutcome: "Coordinate",
      policyDays: 45,
      kevDueDate: "2026-03-20",
      dueAt: "2026-03-20T23:59:59.000Z",
      source: "kev",
    },
  );
  assert.equal(remediationOf({ ssvcOutcome: "Decline", policy, kevDueDates: [], openedAt }).dueAt, null);
  assert.equal(remediationOf({ ssvcOutcome: null, policy, kevDueDates: [], openedAt }).source, null);
  const custom = remediationPolicy({ Coordinate: 30, Decline: 180 });
  assert.equal(custom.Coordinate, 30);
  assert.equal(custom.Track, 90);
  assert.equal(remediationOf({ ssvcOutcome: "Decline", policy: custom, kevDueDates: [], openedAt }).policyDays, 180);
  assert.throws(() => remediationPolicy({ Coordinate: "soon" }), code("internal"));
});

test("VEX statement rules: justification for not_affected, action for affected, versions for fixed", () => {
  const base = { vulnerabilityId: "vul_1", product: "pkg:npm/libfoo" };
  const fields = (input: object) => {
    const r = StatementInput.safeParse({ ...base, ...input });
    return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
  };
  assert.deepEqual(fields({ status: "not_affected" }), ["justification"]);
  assert.deepEqual(fields({ status: "not_affected", justification: "not-a-label" }), ["justification"]);
  assert.deepEqual(fields({ status: "not_affected", justification: "vulnerable_code_not_present" }), []);
  assert.deepEqual(fields({ status: "affected" }), ["actionStatement"]);
  assert.deepEqual(fields({ status: "affected", actionStatement: "Upgrade to 1.2.4." }), []);
  assert.deepEqual(fields({ status: "fixed" }), ["fixedVersions"]);
  assert.deepEqual(fields({ status: "fixed", fixedVersions: ["1.2.4"] }), []);
  assert.deepEqual(fields({ status: "under_investigation", justification: "component_not_present" }), [
    "justification",
  ]);
  assert.deepEqual(fields({ status: "under_investigation", product: "pkg:" }), ["product"]);
});

test("affected products become OSV ranges, CVE-style versions, or a named problem", () => {
  const out = affectedOf([
    { kind: "purl", purl: "pkg:npm/libfoo@1.2.3", versions: "< 1.2.4" },
    { kind: "purl", purl: "pkg:pypi/tarsafe", versions: ">=2.0, <2.4.1" },
    { kind: "purl", purl: "pkg:npm/%40scope/pkg", versions: "vers:npm/>=1.0.0|<=1.5.0" },
    { kind: "purl", purl: "pkg:npm/exact@3.0.0" },
    { kind: "product", vendor: "Acme", product: "Gateway", versions: "< 5.2" },
    { kind: "product", vendor: "Acme", product: "Router", versions: "all firmware before March" },
    { kind: "cpe", cpe: "cpe:2.3:a:acme:widget:*:*:*:*:*:*:*:*" },
    { kind: "purl", purl: "pkg:npm/nover" },
    { kind: "purl", purl: "pkg:npm/bad", versions: "!= 1.0.0" },
  ]);
  assert.deepEqual(out.packages[0]!.ranges, [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "1.2.4" }] }]);
  assert.equal(out.packages[0]!.purl, "pkg:npm/libfoo");
  assert.deepEqual(out.packages[1]!.ranges[0]!.events, [{ introduced: "2.0" }, { fixed: "2.4.1" }]);
  assert.equal(out.packages[2]!.name, "@scope/pkg");
  assert.deepEqual(out.packages[2]!.ranges[0]!.events, [{ introduced: "1.0.0" }, { last_affected: "1.5.0" }]);
  assert.deepEqual(out.packages[3]!.versions, ["3.0.0"]);
  assert.deepEqual(out.products[0], {
    vendor: "Acme",
    product: "Gateway",
    versions: [{ version: "0", lessThan: "5.2" }],
  });
  assert.deepEqual(out.products[1]!.versions, [{ version: "all firmware before March" }]);
  assert.deepEqual(out.products[2], {
    vendor: "acme",
    product: "widget",
    cpe: "cpe:2.3:a:acme:widget:*:*:*:*:*:*:*:*",
    versions: [],
  });
  assert.deepEqual(
    out.problems.map((p) => p.index),
    [7, 8],
  );
});
