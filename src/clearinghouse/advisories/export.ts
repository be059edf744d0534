import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { FieldProblem } from "../../platform/errors/errors.ts";
import type { Principal } from "../../platform/identity/model.ts";
import { documentProblems } from "./documents.ts";
import type { AdvisoryFormat } from "./model.ts";
import { type AdvisoryService, documentFile } from "./service.ts";

/** What an export wrote, and what it refused because the document did not validate. */
export interface ExportSummary {
  format: AdvisoryFormat;
  written: number;
  invalid: { id: string; problems: FieldProblem[] }[];
  seconds: number;
}

const PAGE = 200;

/**
 * Writes every advisory the caller may read that has a document in `format` below `outDir`,
 * each validated again first (a document that fails is reported, not written). CSAF goes into
 * `YYYY/<file>.json` as CSAF distribution lays it out; OSV and CVE into `<id>.json`.
 */
export async function exportAdvisories(
  advisories: AdvisoryService,
  actor: Principal | null,
  format: AdvisoryFormat,
  outDir: string,
  onProgress?: (written: number) => void,
): Promise<ExportSummary> {
  const started = performance.now();
  const summary: ExportSummary = { format, written: 0, invalid: [], seconds: 0 };
  let after = "";
  for (;;) {
    const page = await advisories.documentsPage(actor, format, after, PAGE);
    for (const { advisory, document } of page) {
      const problems = documentProblems(format, document);
      if (problems.length > 0) {
        summary.invalid.push({ id: advisory.id, problems: problems.slice(0, 5) });
        continue;
      }
      const file = documentFile(advisory, format, document);
      const dir = format === "csaf" ? path.join(outDir, advisory.publishedAt.slice(0, 4)) : outDir;
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, file.filename), file.body);
      summary.written += 1;
    }
    onProgress?.(summary.written);
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.advisory.id;
  }
  summary.seconds = Math.round((performance.now() - started) / 10) / 100;
  return summary;
}
