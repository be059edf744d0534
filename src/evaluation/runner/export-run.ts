import type { Db } from "../../platform/db/database.ts";
import { notFound } from "../../platform/errors/errors.ts";
import { toInspectLog } from "./inspect-export.ts";
import { getRun, listSamples } from "./store.ts";
import { TASKS } from "./tasks.ts";
import { loadRunLog, scorerSummaries } from "./viewer.ts";

/** The formats `aicc eval export` writes. */
export const EXPORT_FORMATS = ["aicc", "inspect"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A run as a JSON document: the aicc run log (every event), or an Inspect AI eval log. */
export async function exportRun(db: Db, runId: string, format: ExportFormat): Promise<unknown> {
  const log = await loadRunLog(db, runId);
  if (format === "aicc") return log;
  const run = await getRun(db, runId);
  if (!run) throw notFound(`run ${runId}`);
  return toInspectLog(log, scorerSummaries(run, await listSamples(db, runId)), TASKS[run.spec.task.name]);
}
