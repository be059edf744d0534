import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ApiClient, ApiError } from "../api.ts";
import type { Session } from "../api-types.ts";
import { navigate, usePath } from "../router.tsx";
import { LoginPage } from "../routes/login/LoginPage.tsx";
import { CurrentPage } from "./CurrentPage.tsx";
import { Shell } from "./Shell.tsx";
import { SessionContext, type SessionState } from "./session-context.ts";

type Phase =
  | { kind: "loading" }
  | { kind: "failed"; message: string }
  | { kind: "signed-out" }
  | { kind: "signed-in"; session: Session };

const LOGIN_PATH = "/login";

/** Loads the session, then shows the sign-in page or the signed-in shell with the page for the path. */
export function App() {
  const [phase, setPhase] = useState<Phase>({ kind: "loading" });
  const [api] = useState(() => new ApiClient({ onUnauthenticated: () => setPhase({ kind: "signed-out" }) }));
  const path = usePath();
  /** Where to go after signing in: the page that was asked for before the sign-in page. */
  const returnTo = useRef("/");

  const load = useCallback(async () => {
    setPhase({ kind: "loading" });
    try {
      const session = await api.session();
      setPhase(session ? { kind: "signed-in", session } : { kind: "signed-out" });
    } catch (error) {
      setPhase({
        kind: "failed",
        message: error instanceof ApiError ? error.message : "The session could not be loaded.",
      });
    }
  }, [api]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (phase.kind === "signed-out" && path !== LOGIN_PATH) {
      returnTo.current = path;
      navigate(LOGIN_PATH, { replace: true });
    } else if (phase.kind === "signed-in" && path === LOGIN_PATH) {
      navigate("/", { replace: true });
    }
  }, [phase.kind, path]);

  const onSignedIn = useCallback((session: Session) => {
    setPhase({ kind: "signed-in", session });
    navigate(returnTo.current, { replace: true });
    returnTo.current = "/";
  }, []);

  const state = useMemo<SessionState | null>(
    () =>
      phase.kind === "signed-in"
        ? {
            session: phase.session,
            api,
            signOut: async () => {
              await api.logout();
              returnTo.current = "/";
              setPhase({ kind: "signed-out" });
            },
          }
        : null,
    [phase, api],
  );

  if (phase.kind === "loading")
    return (
      <p className="loading" aria-busy="true">
        Loading aicc…
      </p>
    );
  if (phase.kind === "failed") {
    return (
      <main id="main" className="page">
        <h1>aicc is not available</h1>
        <p role="alert" className="error-message">
          {phase.message}
        </p>
        <button type="button" className="button" onClick={() => void load()}>
          Try again
        </button>
      </main>
    );
  }
  if (!state) return <LoginPage api={api} onSignedIn={onSignedIn} />;
  return (
    <SessionContext value={state}>
      <Shell path={path}>
        <CurrentPage path={path} modules={state.session.modules} />
      </Shell>
    </SessionContext>
  );
}
