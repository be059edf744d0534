/** One case (built by the case-pages work; this placeholder keeps the build whole). */
export function CasePage({ caseId }: { caseId: string }) {
  return <p>Case {caseId} is not available yet.</p>;
}
