import { z } from "zod";
import type { Db } from "../../platform/db/database.ts";
import { invalid, notFound } from "../../platform/errors/errors.ts";
import { advisoryReadScope } from "../../platform/policy/index.ts";
import { compileOsvAffected, type OsvAffectedInput, resolveEcosystem } from "../../standards/versions/index.ts";
import { osvPackageOfPurl } from "./ecosystems.ts";
import * as store from "./osv-store.ts";
import { normalizePackageName } from "./record.ts";

/**
 * The OSV-compatible API (the shapes of osv.dev's v1 API): query by package and version or by
 * commit, batches of queries, and single vulnerabilities by id or alias. It is public, so it answers
 * as the anonymous principal: TLP:CLEAR advisories only, through the same read scope as every list.
 */

/** Vulnerabilities per page; a longer answer carries `next_page_token`. */
export const OSV_PAGE_SIZE = 1000;
/** Queries per batch (osv.dev's limit). */
export const OSV_BATCH_LIMIT = 1000;

export const OsvQuerySchema = z
  .object({
    commit: z
      .string()
      .trim()
      .regex(/^[0-9a-fA-F]{7,64}$/, "must be a commit hash")
      .optional(),
    version: z.string().trim().min(1).max(200).optional(),
    package: z
      .object({
        name: z.string().trim().min(1).max(300).optional(),
        ecosystem: z.string().trim().min(1).max(100).optional(),
        purl: z.string().trim().min(1).max(1000).optional(),
      })
      .strict()
      .optional(),
    page_token: z.string().max(300).optional(),
  })
  .strict();
export type OsvQuery = z.infer<typeof OsvQuerySchema>;

export const OsvBatchSchema = z.object({ queries: z.array(OsvQuerySchema).min(1).max(OSV_BATCH_LIMIT) }).strict();

/** What a query resolves to before it touches the database. */
type ResolvedQuery =
  | { kind: "commit"; commit: string }
  | { kind: "package"; ecosystem: string; name: string; version?: string };

/** Checks a query the way osv.dev does, naming the field at fault (`prefix` locates it within a batch). */
function resolveQuery(query: OsvQuery, prefix: string): ResolvedQuery {
  if (query.commit !== undefined) {
    if (query.package !== undefined || query.version !== undefined)
      throw invalid(`${prefix}commit`, "a commit query has no package or version");
    return { kind: "commit", commit: query.commit.toLowerCase() };
  }
  const pkg = query.package;
  if (pkg === undefined) throw invalid(`${prefix}package`, "give a package (name and ecosystem, or purl) or a commit");
  if (pkg.purl !== undefined) {
    if (pkg.name !== undefined || pkg.ecosystem !== undefined)
      throw invalid(`${prefix}package.purl`, "give either purl or name and ecosystem, not both");
    const ref = osvPackageOfPurl(pkg.purl);
    if (!ref.ok) throw invalid(`${prefix}package.purl`, ref.error.message);
    if (ref.value.version !== undefined && query.version !== undefined)
      throw invalid(`${prefix}version`, "the purl names a version already");
    const version = query.version ?? ref.value.version;
    return {
      kind: "package",
      ecosystem: ref.value.ecosystem,
      name: ref.value.name,
      ...(version !== undefined && { version }),
    };
  }
  if (pkg.name === undefined) throw invalid(`${prefix}package.name`, "is required (or give a purl)");
  if (pkg.ecosystem === undefined) throw invalid(`${prefix}package.ecosystem`, "is required (or give a purl)");
  const ecosystem = resolveEcosystem(pkg.ecosystem);
  if (!ecosystem.ok && ecosystem.error.code !== "versions.unordered_ecosystem")
    throw invalid(`${prefix}package.ecosystem`, `unknown ecosystem "${pkg.ecosystem}"`);
  return {
    kind: "package",
    ecosystem: pkg.ecosystem,
    name: pkg.name,
    ...(query.version !== undefined && { version: query.version }),
  };
}

function pageAfter(token: string | undefined, prefix: string): string {
  if (token === undefined) return "";
  const after = Buffer.from(token, "base64url").toString();
  if (after === "" || !/^[\x21-\x7e]+$/.test(after))
    throw invalid(`${prefix}page_token`, "not a token this API returned");
  return after;
}

export class OsvApi {
  constructor(private readonly db: Db) {}

  /** Advisory ids matching a resolved query, sorted by id. */
  private async matches(query: ResolvedQuery): Promise<string[]> {
    const scope = advisoryReadScope(null);
    if (query.kind === "commit") return store.osvIdsByCommit(this.db, scope, query.commit);
    const rows = await store.osvPackageRows(
      this.db,
      scope,
      query.ecosystem,
      normalizePackageName(query.ecosystem, query.name),
    );
    const ids = new Set<string>();
    for (const row of rows) {
      if (ids.has(row.id)) continue;
      if (query.version === undefined || affects(row.affected as OsvAffectedInput, query.version)) ids.add(row.id);
    }
    return [...ids];
  }

  private async page(query: OsvQuery, prefix: string): Promise<{ ids: string[]; next?: string }> {
    const after = pageAfter(query.page_token, prefix);
    const ids = (await this.matches(resolveQuery(query, prefix))).filter((id) => id > after);
    if (ids.length <= OSV_PAGE_SIZE) return { ids };
    const page = ids.slice(0, OSV_PAGE_SIZE);
    return { ids: page, next: Buffer.from(page[page.length - 1]!).toString("base64url") };
  }

  /** `POST /v1/query`: full OSV documents; `{}` when nothing matches, as osv.dev answers. */
  async query(input: OsvQuery) {
    const { ids, next } = await this.page(input, "");
    const vulns = await store.osvDocuments(this.db, ids);
    return { ...(vulns.length > 0 && { vulns }), ...(next !== undefined && { next_page_token: next }) };
  }

  /** `POST /v1/querybatch`: per query, the ids and modified times of the matches. */
  async queryBatch(input: z.infer<typeof OsvBatchSchema>) {
    const pages = [];
    for (const [i, query] of input.queries.entries()) pages.push(await this.page(query, `queries.${i}.`));
    const briefs = await store.osvBriefs(this.db, [...new Set(pages.flatMap((p) => p.ids))]);
    return {
      results: pages.map(({ ids, next }) => {
        const vulns = ids.flatMap((id) => briefs.get(id) ?? []);
        return { ...(vulns.length > 0 && { vulns }), ...(next !== undefined && { next_page_token: next }) };
      }),
    };
  }

  /** `GET /v1/vulns/{id}`: by OSV id, advisory id or alias. */
  async vuln(id: string) {
    const row = await store.osvByAnyId(this.db, advisoryReadScope(null), id);
    if (row === undefined) throw notFound(`vulnerability ${id}`);
    return row.osv;
  }
}

/** Is `version` affected by an OSV affected entry? Entries or versions the rules cannot read do not match. */
function affects(entry: OsvAffectedInput, version: string): boolean {
  const compiled = compileOsvAffected(entry);
  if (!compiled.ok) return entry.versions?.includes(version) ?? false;
  const verdict = compiled.value.evaluate(version);
  return verdict.ok && verdict.value.status === "affected";
}
