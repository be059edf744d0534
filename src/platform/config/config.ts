import { existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * Process configuration, parsed once from the environment at start.
 * A bad value fails start-up with a message naming the variable, never later at request time.
 */
export const ConfigSchema = z.object({
  /** Data directory: PGlite files, master key file, web build cache. */
  home: z.string().min(1),
  host: z.string().min(1),
  port: z.coerce.number().int().min(0).max(65535),
  /** PostgreSQL server URL; when absent the embedded PGlite store in `home` is used. */
  databaseUrl: z.string().url().optional(),
  /** Base64 (32 bytes) master key; when absent a key file in `home` is created at first start. */
  masterKey: z.string().optional(),
  /** Public base URL, used in feeds and links; defaults to http://host:port. */
  publicUrl: z.string().url().optional(),
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]),
  /** Cookies get `Secure` when served over TLS (behind a proxy set AICC_SECURE_COOKIES=1). */
  secureCookies: z.boolean(),
  /** In-process workers for the embedded mode (0 disables). */
  inProcessWorkers: z.coerce.number().int().min(0).max(64),
  /** SMTP server for notification e-mail (smtp://host:port or smtps://user:pass@host:port); absent: no e-mail. */
  smtpUrl: z
    .string()
    .url()
    .refine((v) => /^smtps?:\/\//.test(v), "must be an smtp:// or smtps:// URL")
    .optional(),
  /** The From address of notification e-mail; required with smtpUrl. */
  smtpFrom: z.string().min(3).max(320).optional(),
});
export type Config = z.infer<typeof ConfigSchema>;

const ENV_NAMES: Record<keyof Config, string> = {
  home: "AICC_HOME",
  host: "HOST",
  port: "PORT",
  databaseUrl: "DATABASE_URL",
  masterKey: "AICC_MASTER_KEY",
  publicUrl: "AICC_PUBLIC_URL",
  logLevel: "LOG_LEVEL",
  secureCookies: "AICC_SECURE_COOKIES",
  inProcessWorkers: "AICC_WORKERS",
  smtpUrl: "AICC_SMTP_URL",
  smtpFrom: "AICC_SMTP_FROM",
};

/** Thrown at start when an environment variable is invalid; the message names the variable. */
export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const raw = {
    home: path.resolve(env.AICC_HOME || ".aicc"),
    host: env.HOST || "127.0.0.1",
    port: env.PORT || "8080",
    databaseUrl: env.DATABASE_URL || undefined,
    masterKey: env.AICC_MASTER_KEY || undefined,
    publicUrl: env.AICC_PUBLIC_URL || undefined,
    logLevel: env.LOG_LEVEL || "info",
    secureCookies: env.AICC_SECURE_COOKIES === "1" || env.AICC_SECURE_COOKIES === "true",
    inProcessWorkers: env.AICC_WORKERS || "2",
    smtpUrl: env.AICC_SMTP_URL || undefined,
    smtpFrom: env.AICC_SMTP_FROM || undefined,
    ...overrides,
  };
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.path[0] as keyof Config;
    throw new ConfigError(`${ENV_NAMES[key] ?? String(key)}: ${issue.message}`);
  }
  if (parsed.data.smtpUrl !== undefined && parsed.data.smtpFrom === undefined)
    throw new ConfigError(`${ENV_NAMES.smtpFrom}: is required when ${ENV_NAMES.smtpUrl} is set`);
  return parsed.data;
}

/** Project root (where package.json lives), for locating migrations and the web build. */
export function projectRoot(): string {
  let dir = path.dirname(new URL(import.meta.url).pathname);
  while (!existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("package.json not found above src/platform/config");
    dir = parent;
  }
  return dir;
}
