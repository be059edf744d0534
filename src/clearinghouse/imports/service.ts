import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Db } from "../../platform/db/database.ts";
import { AppError, invalid } from "../../platform/errors/errors.ts";
import type { Principal } from "../../platform/identity/model.ts";
import { authorize } from "../../platform/identity/service.ts";
import { canImportAdvisories } from "../../platform/policy/index.ts";
import type { TlpLabel } from "../../standards/tlp/index.ts";
import type { AdvisoryRecord } from "../advisories/record.ts";
import type { AdvisoryService } from "../advisories/service.ts";
import { readKevCatalog } from "./kev.ts";
import type { ImportKind, ImportProblem, ImportSummary, Normalized } from "./model.ts";
import { normalizeCsaf } from "./normalize-csaf.ts";
import { normalizeCve5 } from "./normalize-cve5.ts";
import { normalizeOsv } from "./normalize-osv.ts";

/** Files each kind reads: OSV databases mix JSON and YAML; CSAF and CVE documents are JSON. */
const EXTENSIONS: Record<ImportKind, RegExp> = { osv: /\.(json|ya?ml)$/i, csaf: /\.json$/i, cve5: /\.json$/i };

const NORMALIZERS: Record<ImportKind, (text: string, file: string, tlp: TlpLabel) => Normalized> = {
  osv: normalizeOsv,
  csaf: (text, _file, tlp) => normalizeCsaf(text, tlp),
  cve5: (text, _file, tlp) => normalizeCve5(text, tlp),
};

// Documents are read, parsed and checked for changes a chunk at a time, so memory stays flat.
const CHUNK = 250;

/** Every file below `root` (or `root` itself) whose name matches, in a stable order. */
export async function listFiles(root: string, pattern: RegExp): Promise<string[]> {
  const info = await stat(root).catch(() => undefined);
  if (info === undefined) throw invalid("path", `${root} does not exist`);
  if (info.isFile()) return [root];
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && pattern.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(runners);
}

function problemOf(file: string, error: unknown): ImportProblem {
  if (error instanceof AppError) return { file, field: error.fields[0]?.field ?? "(document)", message: error.message };
  return { file, field: "(document)", message: error instanceof Error ? error.message : String(error) };
}

export interface ImportOptions {
  /** TLP of documents that carry none (OSV and CVE never do; unlabeled CSAF). Default CLEAR: public databases. */
  tlp?: TlpLabel;
  /** Called after each chunk with documents done and total. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Batch imports: each document in its own transaction through the advisory service (idempotent:
 * unchanged content is skipped before any transaction), bad documents reported with file and field
 * while the rest import. On PostgreSQL several documents are written at once.
 */
export class ImportService {
  constructor(
    private readonly db: Db,
    private readonly advisories: AdvisoryService,
    private readonly concurrency: number,
  ) {}

  /** Imports every matching file below `root`. `actor` null is the local operator at the CLI. */
  async importPath(actor: Principal | null, kind: ImportKind, root: string, options: ImportOptions = {}) {
    if (actor) authorize(canImportAdvisories(actor));
    return this.importFiles(actor, kind, await listFiles(root, EXTENSIONS[kind]), options);
  }

  async importFiles(
    actor: Principal | null,
    kind: ImportKind,
    files: readonly string[],
    options: ImportOptions = {},
  ): Promise<ImportSummary> {
    if (actor) authorize(canImportAdvisories(actor));
    const started = performance.now();
    const counts = { created: 0, updated: 0, unchanged: 0 };
    const problems: ImportProblem[] = [];
    for (let i = 0; i < files.length; i += CHUNK) {
      const records: { file: string; record: AdvisoryRecord }[] = [];
      for (const file of files.slice(i, i + CHUNK)) {
        try {
          const result = NORMALIZERS[kind](await readFile(file, "utf8"), file, options.tlp ?? "CLEAR");
          if (result.ok) records.push({ file, record: result.value });
          else problems.push({ file, field: result.field, message: result.message });
        } catch (error) {
          problems.push(problemOf(file, error));
        }
      }
      const stored = await this.advisories.storedVersions(records.map((r) => r.record.id));
      const pending = records.filter(({ record }) => {
        const known = stored.get(record.id);
        const same = known?.source === record.source && known.contentHash === record.contentHash;
        if (same) counts.unchanged += 1;
        return !same;
      });
      await pool(pending, this.concurrency, async ({ file, record }) => {
        try {
          const outcome = await this.db
            .transaction()
            .execute((trx) => this.advisories.writeImported(trx, actor, record));
          counts[outcome] += 1;
        } catch (error) {
          problems.push(problemOf(file, error));
        }
      });
      options.onProgress?.(Math.min(i + CHUNK, files.length), files.length);
    }
    return summarize(kind, files.length, counts, problems, started);
  }

  /** Imports the KEV catalogue file: one document, one transaction; bad entries are reported and skipped. */
  async importKev(actor: Principal | null, file: string, options: Pick<ImportOptions, "onProgress"> = {}) {
    if (actor) authorize(canImportAdvisories(actor));
    const started = performance.now();
    const catalog = readKevCatalog(await readFile(file, "utf8"), file);
    const counts =
      catalog.entries.length > 0
        ? await this.advisories.importKev(actor, catalog.entries, catalog.catalogVersion)
        : { created: 0, updated: 0, unchanged: 0 };
    options.onProgress?.(catalog.total, catalog.total);
    return summarize("kev", catalog.total, counts, catalog.problems, started);
  }
}

function summarize(
  kind: ImportSummary["kind"],
  total: number,
  counts: { created: number; updated: number; unchanged: number },
  problems: ImportProblem[],
  started: number,
): ImportSummary {
  const seconds = (performance.now() - started) / 1000;
  problems.sort((a, b) => a.file.localeCompare(b.file));
  return {
    kind,
    total,
    ...counts,
    failed: problems.length,
    problems,
    seconds: Math.round(seconds * 100) / 100,
    docsPerSecond: seconds > 0 ? Math.round(total / seconds) : total,
  };
}
