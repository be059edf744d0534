import type { WithContext } from "../../app/context.ts";
import { type Command, UsageError } from "../../platform/cli/frame.ts";
import { AS_OPTION, actingUser, parseOptions } from "../../platform/cli/options.ts";
import { type CaseDetail, CaseListQuery, type CaseSummary } from "./model.ts";

function caseId(positionals: string[]): string {
  const id = positionals[0];
  if (!id) throw new UsageError("give the case id");
  return id;
}

const embargoText = (c: CaseSummary) =>
  c.embargo.state === "active" ? `embargo until ${c.embargo.endsAt}` : `embargo ${c.embargo.state}`;

const line = (c: CaseSummary) =>
  `${c.id}  ${c.status.padEnd(6)} TLP:${c.tlp.padEnd(12)} ${embargoText(c).padEnd(42)} ${JSON.stringify(c.title)}`;

const shown = (c: CaseDetail) => `${c.id} (${c.status}, ${embargoText(c)}): ${c.title}`;

/** `aicc case list|show|open|embargo|publish`: the cases API from the shell, acting as a named user. */
export function caseCommands(withContext: WithContext): Command[] {
  return [
    {
      path: ["case", "list"],
      summary: "List the cases I may read",
      options: {
        as: AS_OPTION,
        status: { type: "string", description: "open | closed" },
        limit: { type: "string", description: "page size (default 50)" },
      },
      run: ({ values }, io) =>
        withContext(async (ctx) => {
          const query = parseOptions(CaseListQuery, { status: values.status, limit: values.limit });
          const page = await ctx.cases.list(await actingUser(ctx.identity, values.as), query);
          io.print(page, (p: typeof page) => (p.items.length ? p.items.map(line).join("\n") : "no cases"));
        }),
    },
    {
      path: ["case", "show"],
      summary: "Show one case",
      positionals: ["id"],
      options: { as: AS_OPTION },
      run: ({ values, positionals }, io) =>
        withContext(async (ctx) => {
          const detail = await ctx.cases.get(await actingUser(ctx.identity, values.as), caseId(positionals));
          io.print(detail, () => JSON.stringify(detail, null, 2));
        }),
    },
    {
      path: ["case", "open"],
      summary: "Open a case from validated reports (coordinators)",
      options: {
        as: AS_OPTION,
        title: { type: "string", description: "case title", required: true },
        summary: { type: "string", description: "what the case is about" },
        report: { type: "string", multiple: true, description: "report id (repeat for several)", required: true },
        vendor: { type: "string", multiple: true, description: "vendor organisation id (repeat for several)" },
        tlp: { type: "string", description: "CLEAR | GREEN | AMBER (default) | AMBER+STRICT | RED" },
      },
      run: ({ values }, io) =>
        withContext(async (ctx) => {
          const detail = await ctx.cases.open(await actingUser(ctx.identity, values.as), {
            title: values.title,
            summary: values.summary,
            reportIds: values.report,
            vendorOrgIds: values.vendor,
            tlp: values.tlp,
          });
          io.print(detail, (d: CaseDetail) => `opened ${shown(d)}`);
        }),
    },
    {
      path: ["case", "embargo"],
      summary: "Propose, accept, revise or exit a case's embargo (coordinators)",
      positionals: ["id"],
      options: {
        as: AS_OPTION,
        action: { type: "string", description: "propose | accept | revise | exit", required: true },
        "ends-at": { type: "string", description: "YYYY-MM-DD (12:00 UTC) or an ISO 8601 date-time (propose, revise)" },
      },
      run: ({ values, positionals }, io) =>
        withContext(async (ctx) => {
          const detail = await ctx.cases.embargo(await actingUser(ctx.identity, values.as), caseId(positionals), {
            action: values.action,
            endsAt: values["ends-at"],
          });
          io.print(detail, (d: CaseDetail) => shown(d));
        }),
    },
    {
      path: ["case", "publish"],
      summary: "Publish a case's advisories as CSAF, OSV and CVE 5 (coordinators)",
      positionals: ["id"],
      options: { as: AS_OPTION, tlp: { type: "string", description: "TLP of the advisories (default: the case's)" } },
      run: ({ values, positionals }, io) =>
        withContext(async (ctx) => {
          const result = await ctx.cases.publish(await actingUser(ctx.identity, values.as), caseId(positionals), {
            tlp: values.tlp,
          });
          io.print(result, (r: typeof result) => `published ${r.advisoryIds.join(", ")} from ${r.caseId}`);
        }),
    },
  ];
}
