import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type AppContext, createContext } from "../../app/context.ts";
import { loadConfig } from "../../platform/config/config.ts";
import type { Store } from "../../platform/db/database.ts";
import type { Principal } from "../../platform/identity/model.ts";
import type { AdvisoryDraftInput } from "./model.ts";

/** Test helpers for the advisory and import tests: a context, principals of every kind, drafts. */

export function testContext(store: Store): AppContext {
  const config = loadConfig(
    {},
    { home: mkdtempSync(path.join(tmpdir(), "aicc-advisories-")), logLevel: "silent", publicUrl: "https://aicc.test" },
  );
  return createContext(config, store);
}

export interface TestPrincipals {
  coordinator: Principal;
  vendor: Principal;
  operator: Principal;
  researcher: Principal;
}

/** A government coordinator, a vendor PSIRT, an operator and a researcher, each in their own org. */
export async function createPrincipals(ctx: AppContext, suffix: string): Promise<TestPrincipals> {
  const make = async (kind: "government" | "vendor" | "operator" | "researcher", role: string) => {
    const org = await ctx.identity.createOrg(null, { name: `${kind} ${suffix}`, kind });
    const email = `${role}-${suffix}@${kind}.test`;
    await ctx.identity.createUser(null, {
      orgId: org.id,
      email,
      displayName: role,
      password: "correct horse battery",
      roles: [role],
    });
    return (await ctx.identity.principalByEmail(email))!;
  };
  return {
    coordinator: await make("government", "coordinator"),
    vendor: await make("vendor", "psirt"),
    operator: await make("operator", "security"),
    researcher: await make("researcher", "reporter"),
  };
}

/** A complete draft (package, product, CWE, CVSS 3.1 and 4.0, SSVC, remediation, credit). */
export function sampleDraft(overrides: Partial<AdvisoryDraftInput> = {}): AdvisoryDraftInput {
  return {
    aliases: ["CVE-2026-10001"],
    title: "Path traversal in tarsafe archive extraction",
    summary: "tarsafe before 2.4.1 writes files outside the target directory when extracting crafted archives.",
    details: "Member names with `../` segments are joined to the target directory without normalisation.",
    cwes: ["CWE-22"],
    cvss: [
      { vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:N" },
      { vector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N" },
    ],
    ssvc: {
      schemaVersion: "2.0.0",
      timestamp: "2026-03-01T00:00:00Z",
      selections: [{ namespace: "ssvc", key: "E", version: "1.1.0", values: [{ key: "P" }] }],
    },
    packages: [
      {
        ecosystem: "PyPI",
        name: "tarsafe",
        purl: "pkg:pypi/tarsafe",
        ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "2.4.1" }] }],
      },
    ],
    products: [
      {
        vendor: "Acme",
        product: "Gateway",
        cpe: "cpe:2.3:a:acme:gateway:*:*:*:*:*:*:*:*",
        versions: [{ version: "0", lessThan: "5.2" }],
      },
    ],
    remediations: [{ category: "workaround", details: "Do not extract archives from untrusted sources." }],
    references: [{ url: "https://example.com/tarsafe/advisory", type: "ADVISORY" }],
    credits: [{ name: "Dana Reyes", type: "FINDER" }],
    tlp: "CLEAR",
    ...overrides,
  };
}
