import { useId } from "react";

export interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The server's (or the form's) messages for this field, shown next to it. */
  errors?: readonly string[];
  hint?: string;
  /** Rows of a multi-line field; a one-line input without. */
  rows?: number;
  type?: "text" | "date";
  required?: boolean;
  maxLength?: number;
  name?: string;
}

/** A labelled text input or text area with its hint and its errors, tied together for screen readers. */
export function TextField({
  label,
  value,
  onChange,
  errors = [],
  hint,
  rows,
  type = "text",
  required,
  maxLength,
  name,
}: TextFieldProps) {
  const id = useId();
  const described = [hint ? `${id}-hint` : null, errors.length > 0 ? `${id}-error` : null].filter(Boolean).join(" ");
  const common = {
    id,
    name,
    value,
    maxLength,
    required,
    "aria-invalid": errors.length > 0 ? true : undefined,
    "aria-describedby": described || undefined,
  };
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? <span className="hint"> (required)</span> : null}
      </label>
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {errors.length > 0 ? (
        <span className="field-error" id={`${id}-error`} role="alert">
          {errors.join(" ")}
        </span>
      ) : null}
      {rows ? (
        <textarea {...common} rows={rows} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input {...common} type={type} autoComplete="off" onChange={(event) => onChange(event.target.value)} />
      )}
    </div>
  );
}
