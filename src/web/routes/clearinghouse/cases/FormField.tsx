import type { ReactNode } from "react";
import type { ActionProblem } from "./use-action.ts";

/** What a field's control needs to be tied to its label, hint and error. */
export interface ControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
}

/** A labelled form field with its hint and error; the control gets the ids it must carry. */
export function FormField(props: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | null;
  children: (control: ControlProps) => ReactNode;
}) {
  const { id, label, hint, error, children } = props;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span className="field-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      ) : null}
      {children({
        id,
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
        ...(error ? { "aria-invalid": true as const } : {}),
      })}
    </div>
  );
}

/** The problem of a form that no field claims, as an alert; nothing when every problem has its field. */
export function FormProblem({ problem, fields }: { problem: ActionProblem | null; fields: readonly string[] }) {
  if (!problem) return null;
  const claimed = problem.fields.some((f) => fields.some((name) => f.field === name || f.field.endsWith(`.${name}`)));
  if (claimed) return null;
  return (
    <p role="alert" className="error-message">
      {problem.message}
    </p>
  );
}

/** The outcome of the last action, announced politely. */
export function StatusNote({ text }: { text: string | null }) {
  return (
    <p role="status" className={text ? "status-message" : "visually-hidden"}>
      {text ?? ""}
    </p>
  );
}
