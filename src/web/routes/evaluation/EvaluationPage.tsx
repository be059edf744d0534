import { usePath } from "../../router.tsx";
import type { ModulePageProps } from "../module-page-props.ts";
import { NotFoundPage } from "../not-found/NotFoundPage.tsx";
import { RunPage } from "./RunPage.tsx";
import { RunsListPage } from "./RunsListPage.tsx";
import { TranscriptPage } from "./TranscriptPage.tsx";

/** The path below /evaluation as decoded segments, or null when one is not valid percent-encoding. */
function segments(path: string, base: string): string[] | null {
  try {
    return path.slice(base.length).split("/").filter(Boolean).map(decodeURIComponent);
  } catch {
    return null;
  }
}

/** The evaluation viewer: runs, a run's scores and samples, one sample's transcript. */
export function EvaluationPage({ link }: ModulePageProps) {
  const path = usePath();
  const parts = segments(path, link.path);
  if (parts?.length === 0) return <RunsListPage title={link.title} />;
  const [runs, runId, samples, sampleId, epoch] = parts ?? [];
  if (runs === "runs" && runId !== undefined) {
    if (parts?.length === 2) return <RunPage key={runId} runId={runId} />;
    const epochNumber = Number(epoch);
    if (parts?.length === 5 && samples === "samples" && sampleId !== undefined && Number.isInteger(epochNumber))
      return <TranscriptPage key={path} runId={runId} sampleId={sampleId} epoch={epochNumber} />;
  }
  return <NotFoundPage path={path} />;
}
