import { PageHeading } from "../../components/PageHeading.tsx";
import { Link } from "../../router.tsx";

/** An address that is not a page, or a module the signed-in user has no access to. */
export function NotFoundPage({ path }: { path: string }) {
  return (
    <>
      <PageHeading title="Page not found" />
      <p className="lead">
        There is no page at <code>{path}</code> that you can open. It may not exist, or your role may not include it.
      </p>
      <p>
        <Link to="/">Go to the dashboard</Link>
      </p>
    </>
  );
}
