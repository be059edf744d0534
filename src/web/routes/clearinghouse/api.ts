import { type ApiClient, ApiError } from "../../api.ts";
import type { Problem } from "../../api-types.ts";
import type {
  AdvisoryDetail,
  AdvisoryFilter,
  AdvisoryFormat,
  AdvisoryListItem,
  DuplicateCandidate,
  OpenCaseInput,
  Page,
  Report,
  ReportDetail,
  ReportInput,
  ReportView,
  TransitionInput,
  UploadedAttachment,
} from "./types.ts";

/** Typed calls of the reports, advisories and case-opening API; `ApiClient.request` does the HTTP. */

const reportPath = (id: string) => `/api/reports/${encodeURIComponent(id)}`;
const advisoryPath = (id: string) => `/api/advisories/${encodeURIComponent(id)}`;

/** `?a=1&b=2` of the defined, non-empty values; empty string when there are none. */
function queryString(values: Record<string, string | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export const listReports = (api: ApiClient, view: ReportView, cursor?: string | null) =>
  api.request<Page<Report>>("GET", `/api/reports${queryString({ view, cursor })}`);

export const getReport = (api: ApiClient, id: string) => api.request<ReportDetail>("GET", reportPath(id));

export const submitReport = (api: ApiClient, input: ReportInput) => api.request<Report>("POST", "/api/reports", input);

export const transitionReport = (api: ApiClient, id: string, input: TransitionInput) =>
  api.request<Report>("POST", `${reportPath(id)}/transition`, input);

export async function listDuplicates(api: ApiClient, id: string): Promise<DuplicateCandidate[]> {
  return (await api.request<{ candidates: DuplicateCandidate[] }>("GET", `${reportPath(id)}/duplicates`)).candidates;
}

/** Closes `duplicateId` as a duplicate of the earlier report `originalId` (the server insists on that order). */
export const mergeReport = (api: ApiClient, duplicateId: string, originalId: string, note: string) =>
  api.request<Report>("POST", `${reportPath(duplicateId)}/merge`, { into: originalId, note });

/** Opens a case from reports (coordinators); the answer is the case, of which the page needs the id. */
export const openCase = (api: ApiClient, input: OpenCaseInput) =>
  api.request<{ id: string }>("POST", "/api/cases", input);

/** Where an attachment downloads from (the server always sends it as an octet-stream attachment). */
export const attachmentUrl = (reportId: string, sha256: string) =>
  `${reportPath(reportId)}/attachments/${encodeURIComponent(sha256)}`;

/**
 * Uploads one file as the raw request body. `ApiClient.request` speaks JSON only, so this one call
 * uses fetch itself, with the session's CSRF token, and fails with the same `ApiError`.
 */
export async function uploadAttachment(
  csrfToken: string | null,
  reportId: string,
  file: File,
): Promise<UploadedAttachment> {
  const headers: Record<string, string> = {
    accept: "application/json, application/problem+json",
    "content-type": file.type || "application/octet-stream",
  };
  if (csrfToken) headers["x-csrf-token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`${reportPath(reportId)}/attachments${queryString({ filename: file.name })}`, {
      method: "POST",
      headers,
      body: file,
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, { title: "No answer", detail: "The server cannot be reached. Check your connection." });
  }
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as Problem;
    throw new ApiError(response.status, { title: `Upload failed (${response.status})`, ...problem });
  }
  return (await response.json()) as UploadedAttachment;
}

export const listAdvisories = (api: ApiClient, filter: AdvisoryFilter, cursor?: string | null) =>
  api.request<Page<AdvisoryListItem>>("GET", `/api/advisories${queryString({ ...filter, cursor })}`);

export const getAdvisory = (api: ApiClient, id: string) => api.request<AdvisoryDetail>("GET", advisoryPath(id));

/** Where one format of an advisory downloads from; `stix` is rendered on the fly by the server. */
export const advisoryDownloadUrl = (id: string, format: AdvisoryFormat | "stix") =>
  `${advisoryPath(id)}/${encodeURIComponent(format)}`;
