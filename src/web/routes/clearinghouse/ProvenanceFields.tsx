import { useId } from "react";
import type { FieldProblem } from "../../api-types.ts";
import { fieldMessages, type ReportForm } from "./report-form.ts";
import { provenanceLabel } from "./report-format.ts";
import { TextField } from "./TextField.tsx";
import { PROVENANCE_KINDS, type ProvenanceKind } from "./types.ts";

const KIND_HINTS: Record<ProvenanceKind, string> = {
  human: "A person found and wrote up the flaw.",
  ai_assisted: "A person drove an AI system and verified its finding; name the model and the verifier.",
  ai_autonomous:
    "An AI system found the flaw on its own. Without reproduction steps (or a PoC file) and a human verifier, the report is held back as incomplete.",
};

type ProvenancePart = Pick<
  ReportForm,
  "provenanceKind" | "model" | "modelVersion" | "developerOrg" | "runId" | "transcriptSha256" | "verifiedBy"
>;

/** Who or what found the flaw; the AI facts (model, version, developer, run, transcript hash, verifier). */
export function ProvenanceFields({
  value,
  problems,
  onChange,
}: {
  value: ProvenancePart;
  problems: readonly FieldProblem[];
  onChange: (patch: Partial<ProvenancePart>) => void;
}) {
  const id = useId();
  const at = (field: string) => fieldMessages(problems, `provenance.${field}`);
  const kindErrors = [...fieldMessages(problems, "provenance", { exact: true }), ...at("kind")];
  const ai = value.provenanceKind !== "human";
  return (
    <fieldset className="form-section">
      <legend>Provenance</legend>
      {kindErrors.length > 0 ? (
        <p className="field-error" role="alert">
          {kindErrors.join(" ")}
        </p>
      ) : null}
      <div role="radiogroup" aria-labelledby={`${id}-found`} className="field">
        <span id={`${id}-found`} className="label">
          Found by
        </span>
        {PROVENANCE_KINDS.map((kind) => (
          <div className="radio" key={kind}>
            <input
              type="radio"
              id={`${id}-${kind}`}
              name={`${id}-kind`}
              value={kind}
              checked={value.provenanceKind === kind}
              aria-describedby={`${id}-${kind}-hint`}
              onChange={() => onChange({ provenanceKind: kind })}
            />
            <label htmlFor={`${id}-${kind}`}>
              {provenanceLabel(kind)}{" "}
              <span className="hint" id={`${id}-${kind}-hint`}>
                – {KIND_HINTS[kind]}
              </span>
            </label>
          </div>
        ))}
      </div>
      {ai ? (
        <div className="field-group">
          <TextField
            label="Model"
            value={value.model}
            onChange={(model) => onChange({ model })}
            errors={at("model")}
            required
          />
          <TextField
            label="Model version"
            value={value.modelVersion}
            onChange={(modelVersion) => onChange({ modelVersion })}
            errors={at("modelVersion")}
            required
          />
          <TextField
            label="Developer organisation"
            hint="Who built the model."
            value={value.developerOrg}
            onChange={(developerOrg) => onChange({ developerOrg })}
            errors={at("developerOrg")}
            required
          />
          <TextField
            label="Run id"
            hint="The id of the run or session that found the flaw."
            value={value.runId}
            onChange={(runId) => onChange({ runId })}
            errors={at("runId")}
            required
          />
          <TextField
            label="Transcript SHA-256"
            hint="64 hex digits: the hash of the run's full transcript, so it can be matched later."
            value={value.transcriptSha256}
            onChange={(transcriptSha256) => onChange({ transcriptSha256 })}
            errors={at("transcriptSha256")}
            maxLength={64}
            required
          />
          <TextField
            label="Verified by"
            hint={
              value.provenanceKind === "ai_assisted"
                ? "The person who checked the finding (required)."
                : "The person who checked the finding; without one the report is held back."
            }
            value={value.verifiedBy}
            onChange={(verifiedBy) => onChange({ verifiedBy })}
            errors={at("verifiedBy")}
            required={value.provenanceKind === "ai_assisted"}
          />
        </div>
      ) : null}
    </fieldset>
  );
}
