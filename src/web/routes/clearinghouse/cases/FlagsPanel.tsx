import { useId, useState } from "react";
import { useSession } from "../../../app/session-context.ts";
import { setFlags } from "./api.ts";
import { FLAG_LABELS, VENDOR_FLAGS } from "./case-format.ts";
import { FormProblem, StatusNote } from "./FormField.tsx";
import { CASE_FLAG_KEYS, type CaseDetail, type CaseFlagKey } from "./types.ts";
import { useAction } from "./use-action.ts";

/** Who may switch a flag: coordinators every flag, a vendor (statement writer) its own fix's flags. */
function mayToggle(detail: CaseDetail, key: CaseFlagKey): boolean {
  return detail.can.coordinate || (detail.can.state && VENDOR_FLAGS.includes(key));
}

/** The six CERT/CC case flags as switches; those the viewer may not change are shown read-only. */
export function FlagsPanel({ detail, onChanged }: { detail: CaseDetail; onChanged: (next: CaseDetail) => void }) {
  const { api } = useSession();
  const id = useId();
  const action = useAction();
  const [done, setDone] = useState<string | null>(null);

  const toggle = async (key: CaseFlagKey, on: boolean) => {
    setDone(null);
    const next = await action.run(() => setFlags(api, detail.id, { [key]: on }));
    if (!next) return;
    onChanged(next);
    const ended = next.embargo.state === "exited" && detail.embargo.state !== "exited" ? " The embargo has ended." : "";
    setDone(`${FLAG_LABELS[key].label}: ${on ? "set" : "cleared"}.${ended}`);
  };

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Case flags</h2>
      <FormProblem problem={action.problem} fields={[]} />
      <ul className="flag-switches">
        {CASE_FLAG_KEYS.map((key) => {
          const allowed = mayToggle(detail, key);
          return (
            <li key={key} className="checkbox">
              <input
                id={`${id}-${key}`}
                type="checkbox"
                role="switch"
                checked={detail.flags[key]}
                aria-checked={detail.flags[key]}
                disabled={!allowed || action.busy}
                aria-describedby={`${id}-${key}-hint`}
                onChange={(event) => void toggle(key, event.target.checked)}
              />
              <span>
                <label htmlFor={`${id}-${key}`}>{FLAG_LABELS[key].label}</label>
                <span className="hint flag-hint" id={`${id}-${key}-hint`}>
                  {FLAG_LABELS[key].hint}
                  {allowed ? "" : " (read-only for you)"}
                </span>
              </span>
            </li>
          );
        })}
      </ul>
      <StatusNote text={done} />
    </section>
  );
}
