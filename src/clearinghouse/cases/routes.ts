import { z } from "zod";
import { requirePrincipal } from "../../platform/http/auth.ts";
import type { AppRoutes } from "../../platform/http/types.ts";
import {
  CaseDetailSchema,
  CaseListQuery,
  CaseOpenInput,
  CaseSummarySchema,
  EmbargoInput,
  FlagsInput,
  LinkReportInput,
  MessageInput,
  MessageSchema,
  ParticipantInput,
  PublishInput,
  PublishResultSchema,
  StatementInput,
  VulnerabilityInput,
} from "./model.ts";

const IdParams = z.object({ id: z.string().max(40) });
const tags = ["cases"];

/** /api/cases: coordination cases (the contract is .tmp/cases-api.md); thin handlers over CaseService. */
export const caseRoutes: AppRoutes = (app, ctx) => {
  app.get(
    "/api/cases",
    {
      schema: {
        tags,
        summary: "Cases the caller may read, newest first (keyset paginated)",
        querystring: CaseListQuery,
        response: { 200: z.object({ items: z.array(CaseSummarySchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => ctx.cases.list(requirePrincipal(request), request.query),
  );

  app.post(
    "/api/cases",
    {
      schema: {
        tags,
        summary: "Open a case from validated reports (coordinators)",
        body: CaseOpenInput,
        response: { 201: CaseDetailSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await ctx.cases.open(requirePrincipal(request), request.body)),
  );

  app.get(
    "/api/cases/:id",
    {
      schema: {
        tags,
        summary: "One case, as much of it as the caller may see",
        params: IdParams,
        response: { 200: CaseDetailSchema },
      },
    },
    async (request) => ctx.cases.get(requirePrincipal(request), request.params.id),
  );

  /** The POST routes that change a case and answer with its detail. */
  const changes = [
    [
      "reports",
      "Link a duplicate report (coordinators); share: its reporter takes part",
      LinkReportInput,
      "linkReport",
    ],
    ["participants", "Add an organisation to the case (coordinators)", ParticipantInput, "addParticipant"],
    ["flags", "Set case flags (coordinators; vendors fixReady/fixDeployed)", FlagsInput, "setFlags"],
    ["embargo", "Propose, accept, revise or exit the embargo (coordinators)", EmbargoInput, "embargo"],
    ["vulnerabilities", "Add a vulnerability (coordinators)", VulnerabilityInput, "addVulnerability"],
  ] as const;
  for (const [path, summary, body, method] of changes) {
    app.post(
      `/api/cases/:id/${path}`,
      { schema: { tags, summary, params: IdParams, body, response: { 200: CaseDetailSchema } } },
      async (request) => ctx.cases[method](requirePrincipal(request), request.params.id, request.body),
    );
  }

  app.put(
    "/api/cases/:id/statements",
    {
      schema: {
        tags,
        summary: "Upsert a vendor statement (VEX) per vulnerability × vendor × product",
        params: IdParams,
        body: StatementInput,
        response: { 200: CaseDetailSchema },
      },
    },
    async (request) => ctx.cases.putStatement(requirePrincipal(request), request.params.id, request.body),
  );

  app.get(
    "/api/cases/:id/messages",
    {
      schema: {
        tags,
        summary: "Messages the caller may read",
        params: IdParams,
        response: { 200: z.object({ items: z.array(MessageSchema) }) },
      },
    },
    async (request) => ctx.cases.messages(requirePrincipal(request), request.params.id),
  );

  app.post(
    "/api/cases/:id/messages",
    {
      schema: {
        tags,
        summary: "Post a message to the participants or only to the coordinators",
        params: IdParams,
        body: MessageInput,
        response: { 201: MessageSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await ctx.cases.postMessage(requirePrincipal(request), request.params.id, request.body)),
  );

  app.post(
    "/api/cases/:id/publish",
    {
      schema: {
        tags,
        summary: "Publish the case's advisories (CSAF, OSV, CVE 5) and end the embargo (coordinators)",
        params: IdParams,
        body: PublishInput,
        response: { 200: PublishResultSchema },
      },
    },
    async (request) => ctx.cases.publish(requirePrincipal(request), request.params.id, request.body),
  );
};
