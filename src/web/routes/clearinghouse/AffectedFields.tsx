import { useId } from "react";
import type { FieldProblem } from "../../api-types.ts";
import { type AffectedRow, emptyAffectedRow, fieldMessages } from "./report-form.ts";
import { affectedKindLabel } from "./report-format.ts";
import { TextField } from "./TextField.tsx";
import type { Affected } from "./types.ts";

const KINDS: Affected["kind"][] = ["purl", "cpe", "product"];

/** One affected product: how it is named (purl, CPE, vendor + product) and its version range. */
function AffectedRowFields({
  row,
  index,
  problems,
  onChange,
  onRemove,
}: {
  row: AffectedRow;
  index: number;
  problems: readonly FieldProblem[];
  onChange: (row: AffectedRow) => void;
  onRemove: (() => void) | null;
}) {
  const id = useId();
  const at = (field: string) => fieldMessages(problems, `affected.${index}.${field}`);
  const set = (patch: Partial<AffectedRow>) => onChange({ ...row, ...patch });
  // Problems of the row as a whole (e.g. its kind) have no input of their own.
  const rowErrors = [...fieldMessages(problems, `affected.${index}`, { exact: true }), ...at("kind")];
  return (
    <fieldset className="affected-row">
      <legend>Product {index + 1}</legend>
      {rowErrors.length > 0 ? (
        <p className="field-error" role="alert">
          {rowErrors.join(" ")}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-kind`}>Named by</label>
        <select
          id={`${id}-kind`}
          value={row.kind}
          onChange={(event) => set({ kind: event.target.value as Affected["kind"] })}
        >
          {KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {affectedKindLabel(kind)}
            </option>
          ))}
        </select>
      </div>
      {row.kind === "purl" ? (
        <TextField
          label="Package URL (purl)"
          hint="e.g. pkg:pypi/jinja2 or pkg:npm/%40scope/name"
          value={row.purl}
          onChange={(purl) => set({ purl })}
          errors={at("purl")}
          required
        />
      ) : row.kind === "cpe" ? (
        <TextField
          label="CPE name"
          hint="CPE 2.3, e.g. cpe:2.3:a:vendor:product:*:*:*:*:*:*:*:*"
          value={row.cpe}
          onChange={(cpe) => set({ cpe })}
          errors={at("cpe")}
          required
        />
      ) : (
        <div className="field-pair">
          <TextField
            label="Vendor"
            value={row.vendor}
            onChange={(vendor) => set({ vendor })}
            errors={at("vendor")}
            required
          />
          <TextField
            label="Product"
            value={row.product}
            onChange={(product) => set({ product })}
            errors={at("product")}
            required
          />
        </div>
      )}
      <TextField
        label="Affected versions"
        hint="A range in words or as vers, e.g. >=2.0 <2.4.1 or vers:pypi/>=2.0|<2.4.1"
        value={row.versions}
        onChange={(versions) => set({ versions })}
        errors={at("versions")}
      />
      {onRemove ? (
        <button type="button" className="button button-secondary" onClick={onRemove}>
          Remove product {index + 1}
        </button>
      ) : null}
    </fieldset>
  );
}

/** The repeatable affected-product rows (at least one). */
export function AffectedFields({
  rows,
  problems,
  onChange,
}: {
  rows: AffectedRow[];
  problems: readonly FieldProblem[];
  onChange: (rows: AffectedRow[]) => void;
}) {
  const id = useId();
  const listErrors = fieldMessages(problems, "affected", { exact: true }).join(" ");
  return (
    <fieldset className="form-section" aria-describedby={`${id}-hint`}>
      <legend>Affected products</legend>
      <p className="hint" id={`${id}-hint`}>
        Name each affected product once: by package URL for packages, by CPE, or by vendor and product name.
      </p>
      {listErrors ? (
        <p className="field-error" role="alert">
          {listErrors}
        </p>
      ) : null}
      {rows.map((row, index) => (
        <AffectedRowFields
          key={row.key}
          row={row}
          index={index}
          problems={problems}
          onChange={(changed) => onChange(rows.map((r) => (r.key === row.key ? changed : r)))}
          onRemove={rows.length > 1 ? () => onChange(rows.filter((r) => r.key !== row.key)) : null}
        />
      ))}
      <button
        type="button"
        className="button button-secondary"
        disabled={rows.length >= 50}
        onClick={() => onChange([...rows, emptyAffectedRow()])}
      >
        Add a product
      </button>
    </fieldset>
  );
}
