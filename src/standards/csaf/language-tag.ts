/** BCP 47 language tags as CSAF uses them (`lang_t`): validity (6.1.12), private use (6.2.14), `i-default` (6.2.15). */

import { mandatoryTest_6_1_12 } from "@secvisogram/csaf-validator-lib/mandatoryTests.js";

/**
 * True when the tag is well-formed and every subtag is registered in the IANA language subtag registry. The registry
 * check is the csaf-validator-lib's test 6.1.12, which bundles the registry; it is correct on the whole OASIS suite.
 */
export function isRegisteredLanguageTag(tag: string): boolean {
  try {
    return mandatoryTest_6_1_12({ document: { lang: tag } }).isValid !== false;
  } catch {
    return false; // third-party parser: a tag it cannot handle is not a valid tag
  }
}

const between = (value: string, low: string, high: string): boolean => value >= low && value <= high;

/**
 * True when the tag uses a subtag reserved for private use: a language `qaa`–`qtz`, a script `Qaaa`–`Qabx`, a region
 * `AA`, `QM`–`QZ`, `XA`–`XZ` or `ZZ`, or a private-use (`x-`) part.
 */
export function hasPrivateUseSubtag(tag: string): boolean {
  const parts = tag.toLowerCase().split("-");
  if (parts[0] === "x" || parts.includes("x")) return true;
  if (parts[0] === "i") return false; // grandfathered irregular tags such as i-default
  const [language = "", ...rest] = parts;
  if (language.length === 3 && between(language, "qaa", "qtz")) return true;
  for (const part of rest) {
    if (part.length === 1) break; // an extension starts; no script or region after it
    if (part.length === 4 && /^[a-z]{4}$/.test(part) && between(part, "qaaa", "qabx")) return true;
    if (part.length === 2 && /^[a-z]{2}$/.test(part)) {
      if (part === "aa" || part === "zz" || between(part, "qm", "qz") || between(part, "xa", "xz")) return true;
    }
  }
  return false;
}

/** True for `i-default`, the tag for "default language" (case-insensitive). */
export function isDefaultLanguageTag(tag: string): boolean {
  return tag.toLowerCase() === "i-default";
}
