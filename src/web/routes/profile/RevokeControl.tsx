import { useEffect, useRef, useState } from "react";

/**
 * Revoke with a confirmation in place: "Revoke" turns into "Confirm revoke" / "Cancel", and keyboard
 * focus follows the buttons so it is never lost.
 */
export function RevokeControl({ name, busy, onConfirm }: { name: string; busy: boolean; onConfirm: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const revokeRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (wasConfirming.current) revokeRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  if (!confirming) {
    return (
      <button ref={revokeRef} type="button" className="button button-secondary" onClick={() => setConfirming(true)}>
        Revoke<span className="visually-hidden"> {name}</span>
      </button>
    );
  }
  return (
    <span className="confirm">
      <button ref={confirmRef} type="button" className="button button-danger" disabled={busy} onClick={onConfirm}>
        Confirm revoke<span className="visually-hidden"> {name}</span>
      </button>
      <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </span>
  );
}
