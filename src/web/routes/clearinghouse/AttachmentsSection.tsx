import { type FormEvent, useId, useRef, useState } from "react";
import { useSession } from "../../app/session-context.ts";
import { formatUtc } from "../../format.ts";
import { errorText } from "../../use-loaded.ts";
import { attachmentUrl, uploadAttachment } from "./api.ts";
import { fileSize } from "./report-format.ts";
import type { ReportDetail } from "./types.ts";

/**
 * The report's files as download links (the server sends them as octet-stream attachments, so a
 * browser never renders one) and a form to add more.
 */
export function AttachmentsSection({ report, onAttached }: { report: ReportDetail; onAttached: () => Promise<void> }) {
  const { session } = useSession();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: "done" | "error"; text: string } | null>(null);

  const upload = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const files = Array.from(inputRef.current?.files ?? []);
    if (files.length === 0) {
      setMessage({ kind: "error", text: "Choose a file first." });
      return;
    }
    setBusy(true);
    setMessage(null);
    const failures: string[] = [];
    for (const file of files) {
      try {
        await uploadAttachment(session.csrfToken, report.id, file);
      } catch (error) {
        failures.push(`${file.name}: ${errorText(error)}`);
      }
    }
    setBusy(false);
    if (inputRef.current) inputRef.current.value = "";
    setMessage(
      failures.length === 0
        ? { kind: "done", text: `${files.length === 1 ? "The file was" : "The files were"} attached.` }
        : { kind: "error", text: `Not attached: ${failures.join("; ")}` },
    );
    await onAttached();
  };

  return (
    <section aria-labelledby={`${id}-title`} className="report-section">
      <h2 id={`${id}-title`}>Attachments</h2>
      {report.attachments.length === 0 ? (
        <p>No files are attached.</p>
      ) : (
        <ul className="attachment-list">
          {report.attachments.map((file) => (
            <li key={file.sha256}>
              <a href={attachmentUrl(report.id, file.sha256)} download={file.filename}>
                {file.filename}
              </a>{" "}
              <span className="hint">
                {fileSize(file.size)}, added {formatUtc(file.createdAt)}, SHA-256 <code>{file.sha256}</code>
              </span>
            </li>
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={upload} noValidate>
        <div className="field">
          <label htmlFor={`${id}-file`}>Attach files</label>
          <input id={`${id}-file`} ref={inputRef} type="file" multiple />
        </div>
        <button type="submit" className="button button-secondary" disabled={busy}>
          {busy ? "Uploading…" : "Upload"}
        </button>
      </form>
      <p
        role={message?.kind === "error" ? "alert" : "status"}
        className={message?.kind === "error" ? "error-message" : message ? "status-message" : "visually-hidden"}
      >
        {message?.text ?? ""}
      </p>
    </section>
  );
}
