import { useId } from "react";
import { useSession } from "../../app/session-context.ts";
import { PageHeading } from "../../components/PageHeading.tsx";
import { clearanceLabel, humanize, orgKindLabel } from "../../format.ts";
import { Link } from "../../router.tsx";
import type { ModulePageProps } from "../module-page-props.ts";
import { MODULE_SUMMARIES } from "./module-summaries.ts";

/** The landing page: who you are signed in as and the modules your role opens. */
export function DashboardPage({ link }: ModulePageProps) {
  const { session } = useSession();
  const { user, modules } = session;
  const modulesId = useId();
  const accessId = useId();
  const others = modules.filter((module) => module.id !== "dashboard");
  return (
    <>
      <PageHeading title={link.title} />
      <p className="lead">
        Signed in as {user.displayName}, {user.org.name}.
      </p>
      <section aria-labelledby={modulesId}>
        <h2 id={modulesId}>Your modules</h2>
        <ul className="card-list">
          {others.map((module) => (
            <li key={module.id} className="card">
              <h3 className="card-title">
                <Link to={module.path}>{module.title}</Link>
              </h3>
              <p>{MODULE_SUMMARIES[module.id] ?? ""}</p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby={accessId}>
        <h2 id={accessId}>Your access</h2>
        <dl className="details">
          <dt>Organisation</dt>
          <dd>
            {user.org.name} ({orgKindLabel(user.org.kind)})
          </dd>
          <dt>Roles</dt>
          <dd>{user.roles.map(humanize).join(", ") || "None"}</dd>
          <dt>Clearance</dt>
          <dd>{clearanceLabel(user.clearance)}</dd>
          {user.org.sectors.length > 0 ? (
            <>
              <dt>Sectors</dt>
              <dd>{user.org.sectors.map(humanize).join(", ")}</dd>
            </>
          ) : null}
        </dl>
        <p className="hint">
          What you can see is decided by your organisation, roles and clearance, and by each record's TLP marking and
          embargo. API tokens are on your <Link to="/profile">profile</Link>.
        </p>
      </section>
    </>
  );
}
