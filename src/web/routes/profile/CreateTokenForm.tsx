import { type FormEvent, useId, useState } from "react";
import { ApiError } from "../../api.ts";
import type { CreatedToken } from "../../api-types.ts";
import { useSession } from "../../app/session-context.ts";
import {
  checkTokenForm,
  DEFAULT_EXPIRY,
  EXPIRY_CHOICES,
  expiresInDays,
  MAX_TOKEN_NAME,
  scopeChoices,
} from "./token-form.ts";

interface FormProblem {
  field: "name" | "scopes" | "form";
  message: string;
}

/** Creates a personal API token; the caller shows the returned secret once. */
export function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedToken) => void }) {
  const { api, session } = useSession();
  const choices = scopeChoices(session.user.roles);
  const id = useId();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<string[]>(["read"]);
  const [expiry, setExpiry] = useState<string>(DEFAULT_EXPIRY);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);

  const toggleScope = (scope: string, on: boolean) =>
    setScopes((current) => (on ? [...current.filter((s) => s !== scope), scope] : current.filter((s) => s !== scope)));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const invalid = checkTokenForm(name, scopes);
    if (invalid) {
      setProblem(invalid);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const ordered = choices.map((s) => s.value).filter((s) => scopes.includes(s));
      const token = await api.createToken({ name: name.trim(), scopes: ordered, expiresInDays: expiresInDays(expiry) });
      setName("");
      onCreated(token);
    } catch (error) {
      const field = error instanceof ApiError ? error.fields[0]?.field : undefined;
      const message = error instanceof ApiError ? error.message : "The token could not be created.";
      setProblem({ field: field?.endsWith("name") ? "name" : field?.includes("scopes") ? "scopes" : "form", message });
    } finally {
      setBusy(false);
    }
  };

  const nameError = problem?.field === "name" ? problem.message : null;
  const scopesError = problem?.field === "scopes" ? problem.message : null;
  return (
    <form className="panel form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Create a token</h3>
      {problem?.field === "form" ? (
        <p role="alert" className="error-message">
          {problem.message}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <span className="hint" id={`${id}-name-hint`}>
          What the token is for, e.g. “nightly SBOM upload”.
        </span>
        {nameError ? (
          <span className="field-error" id={`${id}-name-error`} role="alert">
            {nameError}
          </span>
        ) : null}
        <input
          id={`${id}-name`}
          name="name"
          type="text"
          value={name}
          maxLength={MAX_TOKEN_NAME}
          autoComplete="off"
          aria-invalid={nameError ? true : undefined}
          aria-describedby={`${id}-name-hint${nameError ? ` ${id}-name-error` : ""}`}
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <fieldset className="field" aria-describedby={scopesError ? `${id}-scopes-error` : undefined}>
        <legend>Scopes</legend>
        {scopesError ? (
          <span className="field-error" id={`${id}-scopes-error`} role="alert">
            {scopesError}
          </span>
        ) : null}
        {choices.map((scope) => (
          <div className="checkbox" key={scope.value}>
            <input
              id={`${id}-scope-${scope.value}`}
              type="checkbox"
              name="scopes"
              value={scope.value}
              checked={scopes.includes(scope.value)}
              onChange={(event) => toggleScope(scope.value, event.target.checked)}
            />
            <label htmlFor={`${id}-scope-${scope.value}`}>
              {scope.label} <span className="hint">– {scope.hint}</span>
            </label>
          </div>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-expiry`}>Expires after</label>
        <select id={`${id}-expiry`} name="expiry" value={expiry} onChange={(event) => setExpiry(event.target.value)}>
          {EXPIRY_CHOICES.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button" disabled={busy}>
        {busy ? "Creating…" : "Create token"}
      </button>
    </form>
  );
}
