/**
 * SSVC namespaces: `<base>[/<language>[/<extension>…]]`. A base is registered (`ssvc`, `cisa`,
 * `cvss`, …: a lowercase letter, then letters, digits and single `.`/`-`, at least three
 * characters) or private (`x_` + such a name, typically reverse DNS), with an optional
 * `#fragment`. If extensions follow, the first segment is a BCP 47 language tag or empty.
 */
import { fail, ok, type Result } from "../result.ts";

/** A namespace split into its parts. */
export interface SsvcNamespace {
  /** The whole namespace string. */
  text: string;
  /** The base, including any `x_` prefix and `#fragment`. */
  base: string;
  /** True for an `x_` private/experimental namespace. */
  private: boolean;
  /** True when the base (without fragment) is one the SSVC project registers. */
  registered: boolean;
  /** Extension segments after the base; the first is a language tag or "" (default en-US). */
  extensions: string[];
}

/** Namespaces the SSVC project registers. */
export const REGISTERED_NAMESPACES = ["ssvc", "cvss", "cisa", "basic", "nist", "example", "test"] as const;

// A registered name starts with a letter; a private one follows `x_` and may start with a digit
// (reverse DNS). Dots and dashes only between letters and digits. Then an optional #fragment.
const REGISTERED_BASE = /^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*(?:#[a-z0-9]+(?:[.-][a-z0-9]+)*)?$/;
const PRIVATE_BASE = /^x_[a-z0-9]+(?:[.-][a-z0-9]+)*(?:#[a-z0-9]+(?:[.-][a-z0-9]+)*)?$/;

// BCP 47 (RFC 5646) language tag: langtag | privateuse | the two irregular tags SSVC lists.
const LANGTAG =
  /^(?:(?:[a-zA-Z]{2,3}(?:-[a-zA-Z]{3}){0,3}|[a-zA-Z]{4,8})(?:-[a-zA-Z]{4})?(?:-(?:[a-zA-Z]{2}|[0-9]{3}))?(?:-(?:[a-zA-Z0-9]{5,8}|[0-9][a-zA-Z0-9]{3}))*(?:-[0-9A-WY-Za-wy-z](?:-[a-zA-Z0-9]{2,8})+)*(?:-[xX](?:-[a-zA-Z0-9]{2,8})+)?|[xX](?:-[a-zA-Z0-9]{2,8})+|i-default|i-mingo)$/;

// Later segments: names such as `ref-arch-1`, `.com.example#ext`, `com.example#ext$de-DE`.
const SEGMENT = /^\.?[A-Za-z0-9]+(?:[.#$-][A-Za-z0-9]+)*$/;

/** Parse and check a namespace string (3 to 1000 characters). */
export function parseSsvcNamespace(text: unknown): Result<SsvcNamespace> {
  if (typeof text !== "string") return fail("ssvc.invalid_namespace", "a namespace must be a string");
  if (text.length < 3 || text.length > 1000) {
    return fail("ssvc.invalid_namespace", "a namespace has 3 to 1000 characters");
  }
  const [base = "", ...extensions] = text.split("/");
  const isPrivate = base.startsWith("x_");
  const name = (isPrivate ? base.slice(2) : base).split("#")[0] ?? "";
  if (!(isPrivate ? PRIVATE_BASE : REGISTERED_BASE).test(base) || name.length < 3) {
    return fail("ssvc.invalid_namespace", `"${base}" is not a valid namespace base`);
  }
  if (extensions.length > 0) {
    const [language = "", ...rest] = extensions;
    if (language !== "" && !LANGTAG.test(language)) {
      return fail("ssvc.invalid_namespace", `the first extension must be a language tag or empty: "${language}"`);
    }
    if (language === "" && rest.length === 0) return fail("ssvc.invalid_namespace", "a namespace cannot end with '/'");
    for (const segment of rest) {
      if (!SEGMENT.test(segment)) return fail("ssvc.invalid_namespace", `invalid extension segment "${segment}"`);
    }
  }
  const registered = !isPrivate && (REGISTERED_NAMESPACES as readonly string[]).includes(name);
  return ok({ text, base, private: isPrivate, registered, extensions });
}
