import type { WithContext } from "../../app/context.ts";
import { type Command, UsageError } from "../../platform/cli/frame.ts";
import { parseTlp, type TlpLabel } from "../../standards/tlp/index.ts";
import type { ImportKind, ImportSummary } from "./model.ts";

/** A progress line on stderr, rewritten in place at most five times a second. */
export function progressLine(label: string, enabled: boolean) {
  const started = performance.now();
  let shown = 0;
  return {
    update(done: number, total: number) {
      const now = performance.now();
      if (!enabled || (now - shown < 200 && done < total)) return;
      shown = now;
      const rate = Math.round(done / Math.max((now - started) / 1000, 0.001));
      process.stderr.write(`\r${label}: ${done}/${total} (${rate} docs/s)   `);
    },
    end() {
      if (enabled) process.stderr.write("\n");
    },
  };
}

function human(summary: ImportSummary): string {
  const lines = summary.problems.slice(0, 50).map((p) => `  ${p.file}: ${p.field}: ${p.message}`);
  if (summary.problems.length > 50) lines.push(`  … and ${summary.problems.length - 50} more (--json lists all)`);
  return [
    ...(lines.length > 0 ? [`${summary.failed} failed:`, ...lines] : []),
    `import ${summary.kind}: ${summary.total} documents in ${summary.seconds} s (${summary.docsPerSecond}/s): ` +
      `${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.failed} failed`,
  ].join("\n");
}

function tlpOption(value: unknown): TlpLabel | undefined {
  if (value === undefined) return undefined;
  const tlp = parseTlp(value, { allowBare: true });
  if (!tlp.ok) throw new UsageError(`--tlp: ${tlp.error.message}`);
  return tlp.value;
}

const KINDS: { kind: ImportKind; what: string; positional: string }[] = [
  { kind: "osv", what: "an OSV database (JSON and YAML files, recursively)", positional: "dir" },
  { kind: "csaf", what: "CSAF 2.0 documents (a file or a directory)", positional: "path" },
  { kind: "cve5", what: "CVE JSON 5.x records (a file or a directory)", positional: "path" },
];

/**
 * `aicc import osv|csaf|cve5 PATH` and `aicc import kev FILE`: idempotent batch imports, one
 * transaction per document, a progress line on stderr (not with --json), exit 1 when any failed.
 */
export function importCommands(withContext: WithContext): Command[] {
  const documentCommands: Command[] = KINDS.map(({ kind, what, positional }) => ({
    path: ["import", kind],
    summary: `Import ${what}; same content again changes nothing`,
    positionals: [positional],
    options: {
      tlp: { type: "string", description: "TLP of documents that carry none (default CLEAR: public databases)" },
    },
    run: ({ values, positionals }, io) =>
      withContext(async (ctx) => {
        const progress = progressLine(`import ${kind}`, !io.json);
        const tlp = tlpOption(values.tlp);
        const summary = await ctx.imports.importPath(null, kind, positionals[0]!, {
          ...(tlp !== undefined && { tlp }),
          onProgress: progress.update,
        });
        progress.end();
        io.print(summary, human);
        return summary.failed > 0 ? 1 : 0;
      }),
  }));
  return [
    ...documentCommands,
    {
      path: ["import", "kev"],
      summary: "Import CISA's Known Exploited Vulnerabilities catalogue (known_exploited_vulnerabilities.json)",
      positionals: ["file"],
      run: ({ positionals }, io) =>
        withContext(async (ctx) => {
          const progress = progressLine("import kev", !io.json);
          const summary = await ctx.imports.importKev(null, positionals[0]!, { onProgress: progress.update });
          progress.end();
          io.print(summary, human);
          return summary.failed > 0 ? 1 : 0;
        }),
    },
  ];
}
