import { sql } from "kysely";
import type { AdvisoryReadScope } from "../../platform/policy/index.ts";
import { type Conn, escapeLike, visibleTo } from "./store.ts";

/** SQL of the OSV API: lookups by package, commit and id over advisories with an OSV document. */

/** Package rows of a package name (normalised) in an ecosystem (also its suffixed variants: `Debian` → `Debian:12`). */
export function osvPackageRows(db: Conn, scope: AdvisoryReadScope, ecosystem: string, normalizedName: string) {
  return db
    .selectFrom("advisory_packages")
    .innerJoin("advisories", "advisories.id", "advisory_packages.advisory_id")
    .select(["advisories.id", "advisory_packages.affected"])
    .where("advisory_packages.normalized_name", "=", normalizedName)
    .where((eb) =>
      eb.or([
        eb("advisory_packages.ecosystem", "=", ecosystem),
        eb("advisory_packages.ecosystem", "like", `${escapeLike(ecosystem)}:%`),
      ]),
    )
    .where(visibleTo(scope))
    .where("advisories.withdrawn_at", "is", null)
    .where(sql<boolean>`'osv' = any(advisories.formats)`)
    .orderBy("advisories.id")
    .execute();
}

/** Advisories whose GIT ranges name `commit` as affected. */
export async function osvIdsByCommit(db: Conn, scope: AdvisoryReadScope, commit: string): Promise<string[]> {
  const rows = await db
    .selectFrom("advisory_packages")
    .innerJoin("advisories", "advisories.id", "advisory_packages.advisory_id")
    .select("advisories.id")
    .distinct()
    .where(sql.val(commit), "=", (eb) => eb.fn.any("advisory_packages.commits"))
    .where(visibleTo(scope))
    .where("advisories.withdrawn_at", "is", null)
    .where(sql<boolean>`'osv' = any(advisories.formats)`)
    .orderBy("advisories.id")
    .execute();
  return rows.map((r) => r.id);
}

/** OSV documents of the given advisories, in the given order. */
export async function osvDocuments(db: Conn, ids: readonly string[]): Promise<Record<string, unknown>[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("advisories")
    .select(["id", sql<Record<string, unknown>>`documents -> 'osv'`.as("osv")])
    .where("id", "in", ids)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r.osv]));
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

/** OSV id and modified time of advisories (querybatch answers), by advisory id. */
export async function osvBriefs(db: Conn, ids: readonly string[]) {
  const out = new Map<string, { id: string; modified: string }>();
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db
      .selectFrom("advisories")
      .select([
        "id",
        sql<string>`documents #>> '{osv,id}'`.as("osv_id"),
        sql<string>`documents #>> '{osv,modified}'`.as("modified"),
      ])
      .where("id", "in", ids.slice(i, i + 1000))
      .execute();
    for (const r of rows) out.set(r.id, { id: r.osv_id, modified: r.modified });
  }
  return out;
}

/** An OSV document by advisory id, OSV id or alias; the lowest id wins when an alias names several. */
export async function osvByAnyId(db: Conn, scope: AdvisoryReadScope, id: string) {
  return db
    .selectFrom("advisories")
    .select(sql<Record<string, unknown>>`documents -> 'osv'`.as("osv"))
    .where((eb) => eb.or([eb("id", "=", id), eb("osv_id", "=", id), eb(sql.val(id), "=", eb.fn.any("aliases"))]))
    .where(visibleTo(scope))
    .where(sql<boolean>`'osv' = any(formats)`)
    .orderBy(sql`case when id = ${id} or osv_id = ${id} then 0 else 1 end`)
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
}
