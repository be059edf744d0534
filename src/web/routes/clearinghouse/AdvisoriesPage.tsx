import { type FormEvent, useCallback, useId, useState } from "react";
import { useSession } from "../../app/session-context.ts";
import { PageHeading } from "../../components/PageHeading.tsx";
import { formatUtc } from "../../format.ts";
import { Link } from "../../router.tsx";
import { errorText, useLoaded } from "../../use-loaded.ts";
import { listAdvisories } from "./api.ts";
import { TlpBadge } from "./cases/CaseBadges.tsx";
import { advisoryPagePath, CLEARINGHOUSE_PATH } from "./paths.ts";
import { scoreText } from "./report-format.ts";
import type { AdvisoryFilter, AdvisoryListItem, Page } from "./types.ts";

/** OSV ecosystems offered as filters (the server accepts any, and `Debian:12` matches `Debian`). */
const ECOSYSTEMS = [
  "Alpine",
  "crates.io",
  "Debian",
  "Go",
  "Hex",
  "Maven",
  "npm",
  "NuGet",
  "Packagist",
  "Pub",
  "PyPI",
  "RubyGems",
  "Ubuntu",
];

/** The advisories the caller may read (the server applies TLP), searchable and filtered by ecosystem or KEV. */
export function AdvisoriesPage() {
  const { api } = useSession();
  const id = useId();
  const [draft, setDraft] = useState<AdvisoryFilter>({});
  const [filter, setFilter] = useState<AdvisoryFilter>({});
  const [more, setMore] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const load = useCallback(() => listAdvisories(api, filter), [api, filter]);
  const { state, replace } = useLoaded<Page<AdvisoryListItem>>(load);

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFilter({ ...draft, q: draft.q?.trim() || undefined });
  };

  const loadMore = async (page: Page<AdvisoryListItem>) => {
    setMore({ busy: true, error: null });
    try {
      const next = await listAdvisories(api, filter, page.nextCursor);
      replace({ items: [...page.items, ...next.items], nextCursor: next.nextCursor });
      setMore({ busy: false, error: null });
    } catch (error) {
      setMore({ busy: false, error: errorText(error) });
    }
  };

  return (
    <>
      <PageHeading title="Advisories" />
      <p className="lead">
        Published and imported advisories you may read. TLP:AMBER and RED advisories appear only for coordinators and
        the organisations they name.
      </p>
      <p>
        <Link to={CLEARINGHOUSE_PATH}>Back to the clearinghouse</Link>
      </p>
      <form className="filter-bar" onSubmit={apply} aria-label="Filter advisories">
        <div className="field">
          <label htmlFor={`${id}-q`}>Search</label>
          <input
            id={`${id}-q`}
            type="search"
            value={draft.q ?? ""}
            maxLength={200}
            onChange={(event) => setDraft({ ...draft, q: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-ecosystem`}>Ecosystem</label>
          <select
            id={`${id}-ecosystem`}
            value={draft.ecosystem ?? ""}
            onChange={(event) => setDraft({ ...draft, ecosystem: event.target.value || undefined })}
          >
            <option value="">Any</option>
            {ECOSYSTEMS.map((ecosystem) => (
              <option key={ecosystem} value={ecosystem}>
                {ecosystem}
              </option>
            ))}
          </select>
        </div>
        <div className="checkbox">
          <input
            id={`${id}-kev`}
            type="checkbox"
            checked={draft.kev === "true"}
            onChange={(event) => setDraft({ ...draft, kev: event.target.checked ? "true" : undefined })}
          />
          <label htmlFor={`${id}-kev`}>Known exploited (KEV) only</label>
        </div>
        <button type="submit" className="button">
          Apply
        </button>
      </form>
      {state.kind === "loading" ? (
        <p aria-busy="true">Loading advisories…</p>
      ) : state.kind === "failed" ? (
        <p role="alert" className="error-message">
          The advisories could not be loaded: {state.message}
        </p>
      ) : state.value.items.length === 0 ? (
        <p role="status">No advisories match.</p>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Advisories</caption>
              <thead>
                <tr>
                  <th scope="col">Advisory</th>
                  <th scope="col">Id</th>
                  <th scope="col">CVSS</th>
                  <th scope="col">KEV</th>
                  <th scope="col">TLP</th>
                  <th scope="col">Updated</th>
                </tr>
              </thead>
              <tbody>
                {state.value.items.map((advisory) => (
                  <tr key={advisory.id}>
                    <th scope="row">
                      <Link to={advisoryPagePath(advisory.id)}>{advisory.title}</Link>
                    </th>
                    <td>
                      <code>{advisory.id}</code>
                      {advisory.cveId ? <span className="hint"> {advisory.cveId}</span> : null}
                    </td>
                    <td>{scoreText(advisory.cvssScore, advisory.severity)}</td>
                    <td>{advisory.inKev ? <span className="badge badge-kev">In KEV</span> : "No"}</td>
                    <td>
                      <TlpBadge tlp={advisory.tlp} />
                    </td>
                    <td>{formatUtc(advisory.modifiedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {more.error ? (
            <p role="alert" className="error-message">
              More advisories could not be loaded: {more.error}
            </p>
          ) : null}
          {state.value.nextCursor ? (
            <button
              type="button"
              className="button button-secondary"
              disabled={more.busy}
              onClick={() => void loadMore(state.value)}
            >
              {more.busy ? "Loading…" : "Show more advisories"}
            </button>
          ) : null}
        </>
      )}
    </>
  );
}
