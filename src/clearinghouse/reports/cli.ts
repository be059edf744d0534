import { readFile } from "node:fs/promises";
import type { WithContext } from "../../app/context.ts";
import { type Command, UsageError } from "../../platform/cli/frame.ts";
import { AS_OPTION, actingUser, parseOptions } from "../../platform/cli/options.ts";
import { AppError } from "../../platform/errors/errors.ts";
import { type Report, ReportListQuery } from "./model.ts";

/** Reads a report JSON file; a bad file or field fails naming both. */
async function readReportFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new AppError("validation", `${file}: cannot read (${(error as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError("validation", `${file}: not JSON (${(error as Error).message})`);
  }
}

const line = (r: Report) =>
  `${r.id}  ${r.status.padEnd(10)} ${r.cvssScore === null ? "  - " : r.cvssScore.toFixed(1).padStart(4)}  ${r.ssvc?.outcomeName ?? "-"}  ${JSON.stringify(r.title)}`;

/** `aicc report submit|list|transition|show`: the report API from the shell, acting as a named user. */
export function reportCommands(withContext: WithContext): Command[] {
  return [
    {
      path: ["report", "submit"],
      summary: "Submit a report from a JSON file (the POST /api/reports body)",
      options: { file: { type: "string", description: "report JSON file", required: true }, as: AS_OPTION },
      run: ({ values }, io) =>
        withContext(async (ctx) => {
          const file = String(values.file);
          const body = await readReportFile(file);
          try {
            const report = await ctx.reports.submit(await actingUser(ctx.identity, values.as), body);
            io.print(report, (r: Report) => `submitted ${r.id} (${r.status})`);
          } catch (error) {
            if (error instanceof AppError && error.code === "validation")
              throw new AppError("validation", `${file}: ${error.message}`, error.fields);
            throw error;
          }
        }),
    },
    {
      path: ["report", "list"],
      summary: "List my organisation's reports, or --view triage for the coordinators' queue",
      options: {
        as: AS_OPTION,
        view: { type: "string", description: "mine (default) | triage" },
        status: { type: "string", description: "only reports in this state" },
        limit: { type: "string", description: "page size (default 50)" },
      },
      run: ({ values }, io) =>
        withContext(async (ctx) => {
          const query = parseOptions(ReportListQuery, {
            view: values.view,
            status: values.status,
            limit: values.limit,
          });
          const page = await ctx.reports.list(await actingUser(ctx.identity, values.as), query);
          io.print(page, (p: typeof page) => (p.items.length ? p.items.map(line).join("\n") : "no reports"));
        }),
    },
    {
      path: ["report", "transition"],
      summary: "Move a report to another state (coordinators): valid, invalid, accepted, deferred, closed",
      positionals: ["id"],
      options: {
        as: AS_OPTION,
        to: { type: "string", description: "the new state", required: true },
        note: { type: "string", description: "why, for the report's history" },
        reproduced: { type: "string", description: "yes | no: reproduction evidence (with --method)" },
        method: { type: "string", description: "how it was reproduced" },
      },
      run: ({ values, positionals }, io) =>
        withContext(async (ctx) => {
          const id = positionals[0];
          if (!id) throw new UsageError("give the report id");
          if ((values.reproduced === undefined) !== (values.method === undefined))
            throw new UsageError("--reproduced and --method go together");
          const evidence =
            values.method === undefined
              ? undefined
              : { reproduced: values.reproduced === "yes", method: String(values.method) };
          const report = await ctx.reports.transition(await actingUser(ctx.identity, values.as), id, {
            to: values.to,
            note: values.note,
            evidence,
          });
          io.print(report, (r: Report) => `${r.id} is now ${r.status}`);
        }),
    },
    {
      path: ["report", "show"],
      summary: "Show one report",
      positionals: ["id"],
      options: { as: AS_OPTION },
      run: ({ values, positionals }, io) =>
        withContext(async (ctx) => {
          const id = positionals[0];
          if (!id) throw new UsageError("give the report id");
          const report = await ctx.reports.get(await actingUser(ctx.identity, values.as), id);
          io.print(report, () => JSON.stringify(report, null, 2));
        }),
    },
  ];
}
