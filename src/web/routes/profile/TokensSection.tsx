import { useCallback, useEffect, useId, useRef, useState } from "react";
import { ApiError } from "../../api.ts";
import type { ApiToken, CreatedToken } from "../../api-types.ts";
import { useSession } from "../../app/session-context.ts";
import { CreateTokenForm } from "./CreateTokenForm.tsx";
import { NewTokenNotice } from "./NewTokenNotice.tsx";
import { TokenTable } from "./TokenTable.tsx";

const errorText = (error: unknown) => (error instanceof ApiError ? error.message : "Something went wrong.");

/** Personal API tokens: list, create (secret shown once) and revoke. */
export function TokensSection() {
  const { api } = useSession();
  const headingId = useId();
  const [tokens, setTokens] = useState<ApiToken[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const listHeadingRef = useRef<HTMLHeadingElement>(null);

  const reload = useCallback(async () => {
    try {
      const list = await api.listTokens();
      setTokens(list.tokens);
      setLoadError(null);
    } catch (error) {
      setLoadError(errorText(error));
    }
  }, [api]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const onCreated = (token: CreatedToken) => {
    setCreated(token);
    void reload();
  };

  /** The secret is dropped from memory; focus moves on to the list, where the new token is. */
  const onNoticeDone = () => {
    setCreated(null);
    listHeadingRef.current?.focus();
  };

  const onRevoke = async (id: string) => {
    await api.revokeToken(id);
    await reload();
  };

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>API tokens</h2>
      <p>
        A token lets scripts and other systems call the aicc API as you. Send it as{" "}
        <code>Authorization: Bearer &lt;token&gt;</code>. It carries at most your own access, narrowed by its scopes.
      </p>
      {created ? <NewTokenNotice token={created} onDone={onNoticeDone} /> : null}
      <CreateTokenForm onCreated={onCreated} />
      <h3 ref={listHeadingRef} tabIndex={-1}>
        Your tokens
      </h3>
      {loadError ? (
        <p role="alert" className="error-message">
          The tokens could not be loaded: {loadError}
        </p>
      ) : tokens === null ? (
        <p aria-busy="true">Loading tokens…</p>
      ) : (
        <TokenTable tokens={tokens} onRevoke={onRevoke} errorText={errorText} />
      )}
    </section>
  );
}
