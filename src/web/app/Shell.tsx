import { type ReactNode, useState } from "react";
import { ApiError } from "../api.ts";
import { ClearanceBadge } from "../components/ClearanceBadge.tsx";
import { Link } from "../router.tsx";
import { moduleFor } from "./CurrentPage.tsx";
import { useSession } from "./session-context.ts";

/** The signed-in frame: header with the user, the module navigation, the page, a footer. */
export function Shell({ path, children }: { path: string; children: ReactNode }) {
  const { session, signOut } = useSession();
  const { user, modules } = session;
  const [signOutError, setSignOutError] = useState<string | null>(null);
  const active = moduleFor(path, modules);

  const onSignOut = async () => {
    setSignOutError(null);
    try {
      await signOut();
    } catch (error) {
      setSignOutError(error instanceof ApiError ? error.message : "Signing out failed.");
    }
  };

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="site-header">
        <div className="brand">
          <Link to="/" className="brand-name">
            aicc
          </Link>
          <span className="brand-tagline">Frontier AI Cyber Clearinghouse</span>
        </div>
        <div className="user-menu">
          <div className="user-id">
            <span className="user-name">{user.displayName}</span>
            <span className="user-org">{user.org.name}</span>
          </div>
          <ClearanceBadge clearance={user.clearance} />
          <Link to="/profile" className="header-link" aria-current={path === "/profile" ? "page" : undefined}>
            Profile
          </Link>
          <button type="button" className="button button-header" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <nav className="module-nav" aria-label="Modules">
        <ul>
          {modules.map((module) => (
            <li key={module.id}>
              <Link to={module.path} aria-current={active?.id === module.id ? "page" : undefined}>
                {module.title}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {signOutError ? (
        <p role="alert" className="error-message banner">
          {signOutError}
        </p>
      ) : null}
      <main id="main" className="page" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>
          aicc – Frontier AI Cyber Clearinghouse. <a href="/docs">API documentation</a>
        </p>
      </footer>
    </div>
  );
}
