import { ERROR_CATALOGUE } from "../errors/errors.ts";

/** Minimal escaping for text placed in HTML: the docs page renders operation summaries as text only. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

interface OpenApiDocument {
  info?: { title?: string; version?: string };
  paths?: Record<string, Record<string, { summary?: string; tags?: string[] }>>;
}

/** Server-rendered API reference (no script, so the strict CSP holds); the machine form is /openapi.json. */
export function renderDocsPage(doc: OpenApiDocument): string {
  const rows: string[] = [];
  for (const [path, methods] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(methods)) {
      rows.push(
        `<tr><td>${escapeHtml((op.tags ?? []).join(", "))}</td><td><code>${escapeHtml(method.toUpperCase())}</code></td><td><code>${escapeHtml(path)}</code></td><td>${escapeHtml(op.summary ?? "")}</td></tr>`,
      );
    }
  }
  const errors = Object.entries(ERROR_CATALOGUE)
    .map(
      ([code, e]) =>
        `<tr id="error-${code}"><td><code>${code}</code></td><td>${e.status}</td><td>${escapeHtml(e.title)}</td></tr>`,
    )
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>aicc API</title><link rel="stylesheet" href="/docs.css"></head>
<body><main><h1>${escapeHtml(doc.info?.title ?? "API")} ${escapeHtml(doc.info?.version ?? "")}</h1>
<p>Machine-readable document: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3). Authenticate with a session cookie (web) or <code>Authorization: Bearer aicc_pat_…</code>. Cookie-authenticated state changes need the <code>x-csrf-token</code> header.</p>
<h2>Operations</h2><table><thead><tr><th>Area</th><th>Method</th><th>Path</th><th>Summary</th></tr></thead><tbody>${rows.join("")}</tbody></table>
<h2>Errors</h2><p>Errors are RFC 9457 <code>application/problem+json</code> with a stable <code>code</code> and, for invalid input, <code>fields</code> naming each offending field.</p>
<table><thead><tr><th>Code</th><th>Status</th><th>Meaning</th></tr></thead><tbody>${errors}</tbody></table></main></body></html>`;
}

export const DOCS_CSS =
  "body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1b1b}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}code{font-size:.9em}";
