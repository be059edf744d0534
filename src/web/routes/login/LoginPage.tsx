import { type FormEvent, useId, useRef, useState } from "react";
import { type ApiClient, ApiError } from "../../api.ts";
import type { Session } from "../../api-types.ts";
import { PageHeading } from "../../components/PageHeading.tsx";

/** Sign-in with email and password; the server's problem `detail` is shown on failure. */
export function LoginPage({ api, onSignedIn }: { api: ApiClient; onSignedIn: (session: Session) => void }) {
  const id = useId();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (email.trim() === "" || password === "") {
      setError("Enter your email address and password.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api.login(email.trim(), password));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : "Signing in failed. Try again.");
      setPassword("");
      passwordRef.current?.focus();
      setBusy(false);
    }
  };

  return (
    <div className="login-layout">
      <header className="site-header">
        <div className="brand">
          <span className="brand-name">aicc</span>
          <span className="brand-tagline">Frontier AI Cyber Clearinghouse</span>
        </div>
      </header>
      <main id="main" className="login-main" tabIndex={-1}>
        <div className="panel login-panel">
          <PageHeading title="Sign in" />
          <p>Sign in with the email address and password of your aicc account.</p>
          {error ? (
            <p role="alert" className="error-message" id={`${id}-error`}>
              {error}
            </p>
          ) : null}
          <form className="form" onSubmit={submit} noValidate>
            <div className="field">
              <label htmlFor={`${id}-email`}>Email address</label>
              <input
                id={`${id}-email`}
                name="email"
                type="email"
                autoComplete="username"
                inputMode="email"
                spellCheck={false}
                value={email}
                aria-describedby={error ? `${id}-error` : undefined}
                onChange={(event) => setEmail(event.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-password`}>Password</label>
              <input
                id={`${id}-password`}
                ref={passwordRef}
                name="password"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
            </div>
            <button type="submit" className="button" disabled={busy}>
              {busy ? "Signing in…" : "Sign in"}
            </button>
          </form>
        </div>
      </main>
      <footer className="site-footer">
        <p>Authorised use only. Activity in aicc is recorded in an audit log.</p>
      </footer>
    </div>
  );
}
