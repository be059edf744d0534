import type { Principal, TokenScope } from "../identity/model.ts";
import { ALLOW, allowIf, type Decision, deny } from "./decision.ts";

/**
 * Platform questions: modules a user sees, administration, tokens, audit. Pure functions of
 * (principal, resource); the matrix is documented in docs/POLICY.md.
 */

export type ModuleId = "dashboard" | "clearinghouse" | "exposure" | "evaluation" | "framework" | "programs" | "admin";
export interface ModuleLink {
  id: ModuleId;
  title: string;
  path: string;
}

const MODULES: Record<ModuleId, { title: string; path: string; visible: (p: Principal) => boolean }> = {
  dashboard: { title: "Dashboard", path: "/", visible: () => true },
  clearinghouse: { title: "Vulnerabilities", path: "/clearinghouse", visible: () => true },
  exposure: {
    title: "Exposure",
    path: "/exposure",
    visible: (p) => p.org.kind === "operator" || (isGovernment(p) && hasAnyRole(p, ["coordinator", "admin"])),
  },
  evaluation: {
    title: "Evaluations",
    path: "/evaluation",
    visible: (p) =>
      isGovernment(p) && hasAnyRole(p, ["evaluator", "benchmark_custodian", "determination_official", "admin"]),
  },
  framework: {
    title: "Pre-release framework",
    path: "/framework",
    visible: (p) =>
      p.org.kind === "ai_developer" ||
      (isGovernment(p) && hasAnyRole(p, ["evaluator", "benchmark_custodian", "determination_official", "admin"])),
  },
  programs: { title: "Programs", path: "/programs", visible: (p) => isGovernment(p) },
  admin: { title: "Administration", path: "/admin", visible: (p) => isAdmin(p) },
};

export function isGovernment(p: Principal): boolean {
  return p.org.kind === "government";
}

export function hasAnyRole(p: Principal, roles: readonly string[]): boolean {
  return p.roles.some((r) => roles.includes(r));
}

/** Platform administrator: the admin role in a government organisation. */
export function isAdmin(p: Principal): boolean {
  return isGovernment(p) && p.roles.includes("admin");
}

/** API tokens carry scopes; a browser session (scopes null) has all of its user's rights. */
export function tokenAllows(p: Principal, scope: TokenScope): Decision {
  if (p.scopes === null || p.scopes.includes(scope) || p.scopes.includes("admin")) return ALLOW;
  return deny(`this API token lacks the "${scope}" scope`);
}

export function visibleModules(p: Principal): ModuleLink[] {
  return (Object.entries(MODULES) as [ModuleId, (typeof MODULES)[ModuleId]][])
    .filter(([, m]) => m.visible(p))
    .map(([id, m]) => ({ id, title: m.title, path: m.path }));
}

export function canManageUsers(p: Principal): Decision {
  const scoped = tokenAllows(p, "admin");
  if (!scoped.allow) return scoped;
  return allowIf(isAdmin(p), "only an administrator can manage users and organisations");
}

export function canListOrgs(p: Principal): Decision {
  return allowIf(isGovernment(p), "only government users can list every organisation");
}

export function canManageToken(p: Principal, tokenOwnerId: string): Decision {
  if (p.scopes !== null) return deny("API tokens cannot create or revoke tokens; sign in with a password");
  return allowIf(p.userId === tokenOwnerId, "a token can only be managed by its owner");
}

export function canVerifyAudit(p: Principal): Decision {
  return allowIf(isAdmin(p), "only an administrator can read the audit log");
}
