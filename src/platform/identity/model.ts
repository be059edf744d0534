import { z } from "zod";

/** Organisation kinds (DESIGN §2). */
export const OrgKind = z.enum(["government", "ai_developer", "vendor", "operator", "researcher"]);
export type OrgKind = z.infer<typeof OrgKind>;

/** The 16 CISA critical-infrastructure sectors an operator can belong to. */
export const CisaSector = z.enum([
  "chemical",
  "commercial_facilities",
  "communications",
  "critical_manufacturing",
  "dams",
  "defense_industrial_base",
  "emergency_services",
  "energy",
  "financial_services",
  "food_and_agriculture",
  "government_facilities",
  "healthcare",
  "information_technology",
  "nuclear",
  "transportation",
  "water",
]);
export type CisaSector = z.infer<typeof CisaSector>;

/** Clearance levels, lowest first: the order matters (policy compares indices). */
export const CLEARANCES = ["none", "cui", "secret", "top_secret"] as const;
export const Clearance = z.enum(CLEARANCES);
export type Clearance = z.infer<typeof Clearance>;

/** Roles each org kind may hold. */
export const ROLES_BY_KIND = {
  government: ["coordinator", "evaluator", "benchmark_custodian", "determination_official", "admin"],
  ai_developer: ["liaison", "researcher"],
  vendor: ["psirt"],
  operator: ["security"],
  researcher: ["reporter"],
} as const satisfies Record<OrgKind, readonly string[]>;
export const Role = z.enum([...new Set(Object.values(ROLES_BY_KIND).flat())] as [string, ...string[]]);
export type Role = (typeof ROLES_BY_KIND)[OrgKind][number];

export const Email = z.string().trim().toLowerCase().email().max(254);
/** Passwords: long enough to matter, short enough that hashing is not a denial-of-service lever. */
export const Password = z.string().min(10, "must be at least 10 characters").max(256);

export const OrgSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: OrgKind,
  sectors: z.array(CisaSector),
});
export type Org = z.infer<typeof OrgSchema>;

/** Who is asking: everything the policy module needs to decide, and nothing more. */
export const PrincipalSchema = z.object({
  userId: z.string(),
  email: z.string(),
  displayName: z.string(),
  org: OrgSchema,
  roles: z.array(Role),
  clearance: Clearance,
  /** Token scopes when authenticated by API token; null for a browser session (all the user's rights). */
  scopes: z.array(z.string()).nullable(),
});
export type Principal = z.infer<typeof PrincipalSchema>;

export const TOKEN_SCOPES = ["read", "write", "admin"] as const;
export const TokenScope = z.enum(TOKEN_SCOPES);
export type TokenScope = z.infer<typeof TokenScope>;

export const NewOrgInput = z.object({
  name: z.string().trim().min(2).max(200),
  kind: OrgKind,
  sectors: z.array(CisaSector).default([]),
});

export const NewUserInput = z.object({
  orgId: z.string().min(1),
  email: Email,
  displayName: z.string().trim().min(1).max(200),
  password: Password,
  roles: z.array(Role).min(1),
  clearance: Clearance.default("none"),
});
export type NewUserInput = z.infer<typeof NewUserInput>;

export const NewTokenInput = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(TokenScope).min(1).default(["read"]),
  expiresInDays: z.number().int().min(1).max(366).optional(),
});
export type NewTokenInput = z.infer<typeof NewTokenInput>;

export const LoginInput = z.object({ email: Email, password: z.string().min(1).max(256) });

/** The shapes the API returns (shared with the web app and CLI). */
export const SessionUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  clearance: Clearance,
  org: OrgSchema,
});
export const ApiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;

export function clearanceAtLeast(have: Clearance, need: Clearance): boolean {
  return CLEARANCES.indexOf(have) >= CLEARANCES.indexOf(need);
}
