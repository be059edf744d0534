import { readFile } from "node:fs/promises";
import type { AppContext } from "../../app/context.ts";
import { type Command, UsageError } from "../../platform/cli/frame.ts";
import { AppError, notFound } from "../../platform/errors/errors.ts";
import type { Principal } from "../../platform/identity/model.ts";
import { type Report, ReportListQuery } from "./model.ts";

type WithContext = <T>(fn: (ctx: AppContext) => Promise<T>) => Promise<T>;

const AS = { type: "string", description: "act as this user (email): access is theirs", required: true } as const;

async function principal(ctx: AppContext, email: unknown): Promise<Principal> {
  if (typeof email !== "string") throw new UsageError("--as <email> is required");
  const found = await ctx.identity.principalByEmail(email);
  if (!found) throw notFound(`user ${email}`);
  return found;
}

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

/** `aicc report submit|list|show`: the report API from the shell, acting as a named user. */
export function reportCommands(withContext: WithContext): Command[] {
  return [
    {
      path: ["report", "submit"],
      summary: "Submit a report from a JSON file (the POST /api/reports body)",
      options: { file: { type: "string", description: "report JSON file", required: true }, as: AS },
      run: ({ values }, io) =>
        withContext(async (ctx) => {
          const file = String(values.file);
          const body = await readReportFile(file);
          try {
            const report = await ctx.reports.submit(await principal(ctx, values.as), body);
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
        as: AS,
        view: { type: "string", description: "mine (default) | triage" },
        status: { type: "string", description: "only reports in this state" },
        limit: { type: "string", description: "page size (default 50)" },
      },
      run: ({ values }, io) =>
        withContext(async (ctx) => {
          const parsed = ReportListQuery.safeParse({ view: values.view, status: values.status, limit: values.limit });
          if (!parsed.success)
            throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; "));
          const page = await ctx.reports.list(await principal(ctx, values.as), parsed.data);
          io.print(page, (p: typeof page) => (p.items.length ? p.items.map(line).join("\n") : "no reports"));
        }),
    },
    {
      path: ["report", "show"],
      summary: "Show one report",
      positionals: ["id"],
      options: { as: AS },
      run: ({ values, positionals }, io) =>
        withContext(async (ctx) => {
          const id = positionals[0];
          if (!id) throw new UsageError("give the report id");
          const report = await ctx.reports.get(await principal(ctx, values.as), id);
          io.print(report, () => JSON.stringify(report, null, 2));
        }),
    },
  ];
}
