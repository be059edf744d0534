import { useId } from "react";
import { useSession } from "../../app/session-context.ts";
import { ClearanceBadge } from "../../components/ClearanceBadge.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { humanize, orgKindLabel } from "../../format.ts";
import { TokensSection } from "./TokensSection.tsx";

/** The signed-in user's details and personal API tokens. */
export function ProfilePage() {
  const { session } = useSession();
  const { user } = session;
  const detailsId = useId();
  return (
    <>
      <PageHeading title="Profile" />
      <section aria-labelledby={detailsId}>
        <h2 id={detailsId}>Your details</h2>
        <dl className="details">
          <dt>Name</dt>
          <dd>{user.displayName}</dd>
          <dt>Email</dt>
          <dd>{user.email}</dd>
          <dt>Organisation</dt>
          <dd>
            {user.org.name} ({orgKindLabel(user.org.kind)})
          </dd>
          {user.org.sectors.length > 0 ? (
            <>
              <dt>Sectors</dt>
              <dd>{user.org.sectors.map(humanize).join(", ")}</dd>
            </>
          ) : null}
          <dt>Roles</dt>
          <dd>{user.roles.map(humanize).join(", ") || "None"}</dd>
          <dt>Clearance</dt>
          <dd>
            <ClearanceBadge clearance={user.clearance} />
          </dd>
        </dl>
      </section>
      <TokensSection />
    </>
  );
}
