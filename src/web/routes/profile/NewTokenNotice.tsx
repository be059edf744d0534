import { useEffect, useId, useRef, useState } from "react";
import type { CreatedToken } from "../../api-types.ts";

/** The new token's secret, shown this one time only, with a copy button. */
export function NewTokenNotice({ token, onDone }: { token: CreatedToken; onDone: () => void }) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [copyState, setCopyState] = useState<"idle" | "copied" | "manual">("idle");

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopyState("copied");
    } catch {
      inputRef.current?.select();
      setCopyState("manual");
    }
  };

  return (
    <section className="panel notice-success" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        Token “{token.name ?? "new token"}” created
      </h3>
      <p id={`${id}-hint`} className="copy-hint">
        Copy the token now. It is shown only this once: aicc keeps only a hash of it and cannot show it again.
      </p>
      <div className="field">
        <label htmlFor={`${id}-secret`}>Token secret</label>
        <div className="secret-row">
          <input
            id={`${id}-secret`}
            ref={inputRef}
            className="secret"
            type="text"
            readOnly
            value={token.token}
            aria-describedby={`${id}-hint`}
            spellCheck={false}
            autoComplete="off"
            onFocus={(event) => event.target.select()}
          />
          <button type="button" className="button" onClick={copy}>
            Copy
          </button>
        </div>
        <p role="status" className="hint">
          {copyState === "copied"
            ? "Copied to the clipboard."
            : copyState === "manual"
              ? "The token is selected: press Ctrl+C (or ⌘C) to copy it."
              : ""}
        </p>
      </div>
      <button type="button" className="button button-secondary" onClick={onDone}>
        I have copied it
      </button>
    </section>
  );
}
