import type {
  RunDetail,
  RunSummary,
  SampleOutcomeFilter,
  SampleSummary,
  SampleTranscript,
} from "../../../evaluation/runner/viewer-model.ts";
import type { ApiClient } from "../../api.ts";

/** Typed calls of the evaluation viewer API (/api/eval); `ApiClient.request` does the HTTP. */

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const runPath = (id: string) => `/api/eval/runs/${encodeURIComponent(id)}`;

function query(params: Record<string, string | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : "";
}

export const listRuns = (api: ApiClient, cursor: string | null) =>
  api.request<Page<RunSummary>>("GET", `/api/eval/runs${query({ cursor })}`);

export const getRun = (api: ApiClient, id: string) => api.request<RunDetail>("GET", runPath(id));

export const listSamples = (
  api: ApiClient,
  id: string,
  filter: { score: SampleOutcomeFilter | null; category: string | null; cursor: string | null },
) => api.request<Page<SampleSummary>>("GET", `${runPath(id)}/samples${query(filter)}`);

export const getSample = (api: ApiClient, id: string, sampleId: string, epoch: number) =>
  api.request<SampleTranscript>("GET", `${runPath(id)}/samples/${encodeURIComponent(sampleId)}/${epoch}`);

/** The run log download (a plain link: the browser saves the attachment with the session cookie). */
export const runLogHref = (id: string) => `${runPath(id)}/log`;

/** In-app paths of the evaluation pages. */
export const EVALUATION_PATH = "/evaluation";
export const runPagePath = (id: string) => `${EVALUATION_PATH}/runs/${encodeURIComponent(id)}`;
export const samplePagePath = (id: string, sampleId: string, epoch: number) =>
  `${runPagePath(id)}/samples/${encodeURIComponent(sampleId)}/${epoch}`;
