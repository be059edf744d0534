import type { WithContext } from "../../app/context.ts";
import { type Command, UsageError } from "../../platform/cli/frame.ts";
import { notFound } from "../../platform/errors/errors.ts";
import { type ExportSummary, exportAdvisories } from "./export.ts";
import { AdvisoryFormat } from "./model.ts";

function human(summary: ExportSummary): string {
  const lines = summary.invalid.flatMap((i) => i.problems.map((p) => `  ${i.id}: ${p.field}: ${p.message}`));
  return [
    ...(lines.length > 0 ? [`${summary.invalid.length} not written (invalid):`, ...lines] : []),
    `exported ${summary.written} ${summary.format} documents in ${summary.seconds} s`,
  ].join("\n");
}

/** `aicc advisories export`: every published advisory the caller may read, validated, as files. */
export function advisoryCommands(withContext: WithContext): Command[] {
  return [
    {
      path: ["advisories", "export"],
      summary: "Write every advisory the caller may read in one format (each validated first)",
      options: {
        format: { type: "string", description: "csaf | osv | cve5", required: true },
        out: { type: "string", description: "output directory", required: true },
        as: { type: "string", description: "act as this user (email); default anonymous: TLP:CLEAR only" },
      },
      run: ({ values }, io) =>
        withContext(async (ctx) => {
          const format = AdvisoryFormat.safeParse(values.format);
          if (!format.success) throw new UsageError("--format must be csaf, osv or cve5");
          let actor = null;
          if (values.as !== undefined) {
            actor = (await ctx.identity.principalByEmail(String(values.as))) ?? null;
            if (actor === null) throw notFound(`user ${values.as}`);
          }
          const summary = await exportAdvisories(ctx.advisories, actor, format.data, String(values.out));
          io.print(summary, human);
          return summary.invalid.length > 0 ? 1 : 0;
        }),
    },
  ];
}
