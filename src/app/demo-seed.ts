import type { Org, OrgKind, Role } from "../platform/identity/model.ts";
import type { AppContext } from "./context.ts";

/** Every demo user's password. Demo users exist only in demo mode (`npm start`, `aicc serve --demo`). */
export const DEMO_PASSWORD = "aicc-demo-2026";

interface DemoOrg {
  name: string;
  kind: OrgKind;
  sectors?: Org["sectors"];
  users: { email: string; displayName: string; roles: Role[]; clearance: "none" | "cui" | "secret" | "top_secret" }[];
}

/** The demo parties (issue #2): agencies, AI developers, vendors, operators in three sectors, a researcher. */
export const DEMO_ORGS: DemoOrg[] = [
  {
    name: "CISA",
    kind: "government",
    users: [
      { email: "coordinator@cisa.demo", displayName: "Casey Coordinator", roles: ["coordinator"], clearance: "secret" },
      { email: "admin@cisa.demo", displayName: "Alex Admin", roles: ["admin"], clearance: "secret" },
    ],
  },
  {
    name: "NSA",
    kind: "government",
    users: [
      { email: "evaluator@nsa.demo", displayName: "Evan Evaluator", roles: ["evaluator"], clearance: "top_secret" },
      {
        email: "custodian@nsa.demo",
        displayName: "Cory Custodian",
        roles: ["benchmark_custodian"],
        clearance: "top_secret",
      },
    ],
  },
  {
    name: "Treasury",
    kind: "government",
    users: [
      {
        email: "official@treasury.demo",
        displayName: "Olivia Official",
        roles: ["determination_official"],
        clearance: "secret",
      },
    ],
  },
  {
    name: "Aurora Labs",
    kind: "ai_developer",
    users: [
      { email: "liaison@aurora.demo", displayName: "Lee Liaison", roles: ["liaison"], clearance: "none" },
      { email: "researcher@aurora.demo", displayName: "Riley Researcher", roles: ["researcher"], clearance: "none" },
    ],
  },
  {
    name: "Northwind AI",
    kind: "ai_developer",
    users: [{ email: "liaison@northwind.demo", displayName: "Noor Liaison", roles: ["liaison"], clearance: "none" }],
  },
  {
    name: "Acme Software",
    kind: "vendor",
    users: [{ email: "psirt@acme.demo", displayName: "Pat PSIRT", roles: ["psirt"], clearance: "none" }],
  },
  {
    name: "Globex Systems",
    kind: "vendor",
    users: [{ email: "psirt@globex.demo", displayName: "Gray PSIRT", roles: ["psirt"], clearance: "none" }],
  },
  {
    name: "Riverton Power",
    kind: "operator",
    sectors: ["energy"],
    users: [{ email: "security@riverton.demo", displayName: "Robin Security", roles: ["security"], clearance: "cui" }],
  },
  {
    name: "Clearwater Utility",
    kind: "operator",
    sectors: ["water"],
    users: [
      { email: "security@clearwater.demo", displayName: "Quinn Security", roles: ["security"], clearance: "cui" },
    ],
  },
  {
    name: "St. Helena Health",
    kind: "operator",
    sectors: ["healthcare"],
    users: [
      { email: "security@sthelena.demo", displayName: "Hayden Security", roles: ["security"], clearance: "none" },
    ],
  },
  {
    name: "Dana Reyes (independent)",
    kind: "researcher",
    users: [{ email: "dana@researcher.demo", displayName: "Dana Reyes", roles: ["reporter"], clearance: "none" }],
  },
];

/** Seeds the demo once: does nothing when any user exists. Returns whether it seeded. */
export async function seedDemo(ctx: AppContext): Promise<boolean> {
  if ((await ctx.identity.countUsers()) > 0) return false;
  for (const org of DEMO_ORGS) {
    const created = await ctx.identity.createOrg(null, { name: org.name, kind: org.kind, sectors: org.sectors ?? [] });
    for (const user of org.users) {
      await ctx.identity.createUser(null, { ...user, orgId: created.id, password: DEMO_PASSWORD }, { demo: true });
    }
  }
  return true;
}

export function demoLogins(): string[] {
  return DEMO_ORGS.flatMap((o) =>
    o.users.map((u) => `${u.email.padEnd(28)} ${u.roles.join(",").padEnd(24)} ${o.name}`),
  );
}
