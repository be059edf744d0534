import { type ParseArgsConfig, parseArgs } from "node:util";
import { AppError } from "../errors/errors.ts";

/**
 * The CLI frame: commands are words (`user token create`), options are parsed by node's parseArgs,
 * every command has --help, --json switches to machine output, and any error is one line on stderr
 * with a non-zero exit (2 for usage errors, 1 for everything else).
 */
export type OptionSpec = NonNullable<ParseArgsConfig["options"]>[string] & { description: string; required?: boolean };

export interface CommandIo {
  json: boolean;
  /** Prints a result: as JSON with --json, else through `human`. */
  print(value: unknown, human?: (value: never) => string): void;
  info(line: string): void;
}

export interface Command {
  /** Words that select the command, e.g. ["user", "create"]. */
  path: string[];
  summary: string;
  options?: Record<string, OptionSpec>;
  /** Names of positional arguments, for help text; `...` suffix means several. */
  positionals?: string[];
  run(
    args: { values: Record<string, unknown>; positionals: string[] },
    io: CommandIo,
  ): Promise<number | undefined> | Promise<void>;
}

export class UsageError extends Error {}

function helpFor(command: Command): string {
  const lines = [
    `aicc ${command.path.join(" ")}${command.positionals ? ` ${command.positionals.map((p) => `<${p}>`).join(" ")}` : ""}`,
    "",
    command.summary,
    "",
  ];
  const options = {
    ...command.options,
    json: { type: "boolean", description: "machine-readable JSON output" } as OptionSpec,
  };
  for (const [name, spec] of Object.entries(options)) {
    const value = spec.type === "string" ? ` <${name}>` : "";
    lines.push(`  --${name}${value}`.padEnd(30) + spec.description + (spec.required ? " (required)" : ""));
  }
  return lines.join("\n");
}

function overview(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.path.join(" ").length)) + 4;
  return [
    "aicc — Frontier AI Cyber Clearinghouse",
    "",
    "Usage: aicc <command> [options]   (aicc <command> --help for its options)",
    "",
    ...commands.map((c) => `  ${c.path.join(" ").padEnd(width)}${c.summary}`),
  ].join("\n");
}

function findCommand(commands: Command[], argv: string[]): { command: Command; rest: string[] } | undefined {
  let best: Command | undefined;
  for (const command of commands) {
    if (command.path.every((word, i) => argv[i] === word) && (!best || command.path.length > best.path.length))
      best = command;
  }
  return best ? { command: best, rest: argv.slice(best.path.length) } : undefined;
}

export async function runCli(
  commands: Command[],
  argv: string[],
  stdout = process.stdout,
  stderr = process.stderr,
): Promise<number> {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "help") {
    stdout.write(`${overview(commands)}\n`);
    return 0;
  }
  const found = findCommand(commands, argv);
  if (!found) {
    const prefix = commands.filter((c) => c.path[0] === argv[0]);
    stderr.write(
      `aicc: unknown command "${argv.join(" ")}"${prefix.length ? `; try: ${prefix.map((c) => c.path.join(" ")).join(", ")}` : "; see aicc --help"}\n`,
    );
    return 2;
  }
  const { command, rest } = found;
  if (rest.includes("--help") || rest.includes("-h")) {
    stdout.write(`${helpFor(command)}\n`);
    return 0;
  }
  const json = rest.includes("--json");
  const io: CommandIo = {
    json,
    print(value, human) {
      stdout.write(json || !human ? `${JSON.stringify(value, null, 2)}\n` : `${human(value as never)}\n`);
    },
    info(line) {
      if (!json) stdout.write(`${line}\n`);
    },
  };
  try {
    const options = Object.fromEntries(
      Object.entries(command.options ?? {}).map(([k, { description: _d, required: _r, ...spec }]) => [k, spec]),
    );
    const parsed = parseArgs({
      args: rest,
      options: { ...options, json: { type: "boolean" } },
      allowPositionals: (command.positionals?.length ?? 0) > 0,
      strict: true,
    });
    for (const [name, spec] of Object.entries(command.options ?? {})) {
      if (spec.required && (parsed.values as Record<string, unknown>)[name] === undefined)
        throw new UsageError(`--${name} is required (aicc ${command.path.join(" ")} --help)`);
    }
    const required = (command.positionals ?? []).filter((p) => !p.endsWith("?") && !p.endsWith("..."));
    if (parsed.positionals.length < required.length) {
      throw new UsageError(`missing <${required[parsed.positionals.length]}> (aicc ${command.path.join(" ")} --help)`);
    }
    const code = await command.run(
      { values: parsed.values as Record<string, unknown>, positionals: parsed.positionals },
      io,
    );
    return typeof code === "number" ? code : 0;
  } catch (error) {
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    const message = error instanceof Error ? error.message : String(error);
    if (json)
      stderr.write(
        `${JSON.stringify({ error: message, code: error instanceof AppError ? error.code : usage ? "usage" : "error" })}\n`,
      );
    else stderr.write(`aicc ${command.path.join(" ")}: ${message.split("\n")[0]}\n`);
    return usage ? 2 : 1;
  }
}
