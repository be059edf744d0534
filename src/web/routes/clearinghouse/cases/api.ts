import type { ApiClient } from "../../../api.ts";
import type { Org } from "../../../api-types.ts";
import type { TlpLabel } from "../types.ts";
import type {
  CaseDetail,
  CaseFlags,
  CaseMessage,
  CasePage,
  EmbargoAction,
  MessageVisibility,
  ParticipantRole,
  PublishResult,
  StatementInput,
} from "./types.ts";

/** Typed calls of the cases API (.tmp/cases-api.md); `ApiClient.request` does the HTTP. */

const casePath = (id: string) => `/api/cases/${encodeURIComponent(id)}`;

export function listCases(api: ApiClient, cursor?: string | null): Promise<CasePage> {
  const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : "";
  return api.request<CasePage>("GET", `/api/cases${query}`);
}

export const getCase = (api: ApiClient, id: string) => api.request<CaseDetail>("GET", casePath(id));

export const addParticipant = (api: ApiClient, id: string, orgId: string, role: ParticipantRole) =>
  api.request<CaseDetail>("POST", `${casePath(id)}/participants`, { orgId, role });

export const setFlags = (api: ApiClient, id: string, flags: Partial<CaseFlags>) =>
  api.request<CaseDetail>("POST", `${casePath(id)}/flags`, { flags });

export const changeEmbargo = (api: ApiClient, id: string, action: EmbargoAction, endsAt?: string) =>
  api.request<CaseDetail>("POST", `${casePath(id)}/embargo`, endsAt === undefined ? { action } : { action, endsAt });

export const putStatement = (api: ApiClient, id: string, statement: StatementInput) =>
  api.request<CaseDetail>("PUT", `${casePath(id)}/statements`, statement);

export const listMessages = (api: ApiClient, id: string) =>
  api.request<{ items: CaseMessage[] }>("GET", `${casePath(id)}/messages`);

export const postMessage = (api: ApiClient, id: string, body: string, visibility: MessageVisibility) =>
  api.request<CaseMessage>("POST", `${casePath(id)}/messages`, { body, visibility });

export const publishCase = (api: ApiClient, id: string, tlp: TlpLabel) =>
  api.request<PublishResult>("POST", `${casePath(id)}/publish`, { tlp });

/** Every organisation (government users only; the server refuses others). */
export async function listOrgs(api: ApiClient): Promise<Org[]> {
  return (await api.request<{ orgs: Org[] }>("GET", "/api/orgs")).orgs;
}
