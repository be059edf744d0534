/** The cases the caller may read (built by the case-pages work; this placeholder keeps the build whole). */
export function CasesListPage() {
  return <p>Cases are not available yet.</p>;
}
