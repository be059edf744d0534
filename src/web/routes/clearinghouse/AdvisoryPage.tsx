import { useCallback, useId } from "react";
import { useSession } from "../../app/session-context.ts";
import { PageHeading } from "../../components/PageHeading.tsx";
import { formatUtc } from "../../format.ts";
import { Link } from "../../router.tsx";
import { useLoaded } from "../../use-loaded.ts";
import { advisoryDownloadUrl, getAdvisory } from "./api.ts";
import { TlpBadge } from "./cases/CaseBadges.tsx";
import { ADVISORIES_PATH, casePagePath } from "./paths.ts";
import { scoreText } from "./report-format.ts";
import type { AdvisoryDetail, AdvisoryFormat } from "./types.ts";

const FORMAT_LABELS: Record<AdvisoryFormat | "stix", string> = {
  csaf: "CSAF 2.0",
  osv: "OSV",
  cve5: "CVE JSON 5",
  stix: "STIX 2.1 bundle",
};

const SOURCE_LABELS: Record<AdvisoryDetail["source"], string> = {
  case: "published by this clearinghouse",
  "import:osv": "imported from OSV",
  "import:csaf": "imported from CSAF",
  "import:cve5": "imported from a CVE record",
};

/** `ecosystem name` of each affected package in the stored OSV document (read defensively: it is stored JSON). */
function osvPackages(documents: Record<string, unknown>): string[] {
  const osv = documents.osv as { affected?: unknown } | undefined;
  if (!osv || !Array.isArray(osv.affected)) return [];
  return osv.affected.flatMap((entry: unknown) => {
    const pkg = (entry as { package?: { ecosystem?: unknown; name?: unknown } } | null)?.package;
    return typeof pkg?.ecosystem === "string" && typeof pkg.name === "string" ? [`${pkg.ecosystem} ${pkg.name}`] : [];
  });
}

/** One advisory: summary, identifiers, KEV entry, affected packages and downloads of each format. */
export function AdvisoryPage({ advisoryId }: { advisoryId: string }) {
  const { api } = useSession();
  const id = useId();
  const load = useCallback(() => getAdvisory(api, advisoryId), [api, advisoryId]);
  const { state } = useLoaded(load);

  if (state.kind === "loading") return <p aria-busy="true">Loading the advisory…</p>;
  if (state.kind === "failed") {
    return (
      <>
        <PageHeading title={state.status === 404 ? "Advisory not found" : "Advisory not available"} />
        <p role="alert" className="error-message">
          {state.status === 404
            ? "There is no advisory with this id that you can read."
            : `The advisory could not be loaded: ${state.message}`}
        </p>
        <p>
          <Link to={ADVISORIES_PATH}>All advisories</Link>
        </p>
      </>
    );
  }
  const advisory = state.value;
  const packages = osvPackages(advisory.documents);
  const formats: (AdvisoryFormat | "stix")[] = [...advisory.formats, "stix"];
  return (
    <>
      <PageHeading title={advisory.title} />
      <p className="report-meta">
        <code>{advisory.id}</code>
        <TlpBadge tlp={advisory.tlp} />
        <span>Revision {advisory.revision}</span>
        {advisory.withdrawnAt ? <span className="status">Withdrawn {formatUtc(advisory.withdrawnAt)}</span> : null}
      </p>
      <p>
        <Link to={ADVISORIES_PATH}>All advisories</Link>
      </p>
      <p className="prose">{advisory.summary}</p>
      <dl className="details">
        <dt>Source</dt>
        <dd>
          {SOURCE_LABELS[advisory.source] ?? advisory.source}
          {advisory.caseId ? (
            <>
              {" "}
              (<Link to={casePagePath(advisory.caseId)}>case {advisory.caseId}</Link>)
            </>
          ) : null}
        </dd>
        <dt>Aliases</dt>
        <dd>{advisory.aliases.join(", ") || "—"}</dd>
        <dt>CVSS</dt>
        <dd>{scoreText(advisory.cvssScore, advisory.severity)}</dd>
        <dt>Published</dt>
        <dd>{formatUtc(advisory.publishedAt)}</dd>
        <dt>Updated</dt>
        <dd>{formatUtc(advisory.modifiedAt)}</dd>
        <dt>Affected packages</dt>
        <dd>{packages.join(", ") || "—"}</dd>
      </dl>
      {advisory.kev ? (
        <section aria-labelledby={`${id}-kev`} className="report-section">
          <h2 id={`${id}-kev`}>Known exploited (CISA KEV)</h2>
          <dl className="details">
            <dt>Vulnerability</dt>
            <dd>{advisory.kev.name}</dd>
            <dt>Added</dt>
            <dd>{advisory.kev.dateAdded}</dd>
            <dt>Federal due date</dt>
            <dd>{advisory.kev.dueDate ?? "—"}</dd>
            <dt>Required action</dt>
            <dd>{advisory.kev.requiredAction}</dd>
            <dt>Ransomware use</dt>
            <dd>{advisory.kev.knownRansomware ? "Known" : "Not known"}</dd>
          </dl>
        </section>
      ) : null}
      <section aria-labelledby={`${id}-downloads`} className="report-section">
        <h2 id={`${id}-downloads`}>Downloads</h2>
        <ul className="download-list">
          {formats.map((format) => (
            <li key={format}>
              <a href={advisoryDownloadUrl(advisory.id, format)} download>
                {FORMAT_LABELS[format]}
              </a>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
