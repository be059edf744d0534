import { useRef, useState } from "react";
import type { ApiToken } from "../../api-types.ts";
import { formatUtc } from "../../format.ts";
import { RevokeControl } from "./RevokeControl.tsx";

function statusOf(token: ApiToken, now: number): "Active" | "Revoked" | "Expired" {
  if (token.revokedAt) return "Revoked";
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) return "Expired";
  return "Active";
}

interface TokenTableProps {
  tokens: ApiToken[];
  onRevoke: (id: string) => Promise<void>;
  errorText: (error: unknown) => string;
}

/** The user's tokens, newest first; active ones can be revoked. */
export function TokenTable({ tokens, onRevoke, errorText }: TokenTableProps) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: "done" | "error"; text: string } | null>(null);
  const messageRef = useRef<HTMLParagraphElement>(null);

  const revoke = async (token: ApiToken) => {
    setBusy(true);
    setMessage(null);
    try {
      await onRevoke(token.id);
      setMessage({ kind: "done", text: `Token “${token.name}” was revoked. It no longer works.` });
    } catch (caught) {
      setMessage({ kind: "error", text: `The token could not be revoked: ${errorText(caught)}` });
    } finally {
      setBusy(false);
      // The row's buttons are gone or disabled; keep keyboard focus on the outcome.
      requestAnimationFrame(() => messageRef.current?.focus());
    }
  };

  if (tokens.length === 0) return <p>You have no API tokens.</p>;
  const now = Date.now();
  return (
    <>
      <p
        ref={messageRef}
        tabIndex={-1}
        role={message?.kind === "error" ? "alert" : "status"}
        className={message?.kind === "error" ? "error-message" : message ? "status-message" : "visually-hidden"}
      >
        {message?.text ?? ""}
      </p>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">Your API tokens</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Scopes</th>
              <th scope="col">Created</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => {
              const status = statusOf(token, now);
              return (
                <tr key={token.id}>
                  <th scope="row">{token.name}</th>
                  <td>{token.scopes.join(", ")}</td>
                  <td>{formatUtc(token.createdAt)}</td>
                  <td>{token.expiresAt ? formatUtc(token.expiresAt) : "Never"}</td>
                  <td>{token.lastUsedAt ? formatUtc(token.lastUsedAt) : "Never"}</td>
                  <td>
                    <span className={`status status-${status.toLowerCase()}`}>{status}</span>
                  </td>
                  <td className="actions">
                    {status === "Active" ? (
                      <RevokeControl name={token.name} busy={busy} onConfirm={() => void revoke(token)} />
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
