/**
 * Tests on `/document` metadata: language (6.1.12, 6.1.15, 6.1.28, 6.2.12, 6.2.14, 6.2.15), category name (6.1.26),
 * TLP label (6.2.10), canonical URL (6.2.11), key order (6.2.13) and undefined properties (6.2.20).
 */

import { csafFilename } from "../filename.ts";
import { keysSorted } from "../json-order.ts";
import { hasPrivateUseSubtag, isDefaultLanguageTag, isRegisteredLanguageTag } from "../language-tag.ts";
import { checkCsafStrictSchema } from "../schema-validator.ts";
import type { CsafCheck, Report } from "./check.ts";
import type { CheckContext } from "./context.ts";

function languageTags(ctx: CheckContext): { tag: string; path: string }[] {
  const { lang, source_lang } = ctx.doc.document;
  const tags: { tag: string; path: string }[] = [];
  if (lang !== undefined) tags.push({ tag: lang, path: "/document/lang" });
  if (source_lang !== undefined) tags.push({ tag: source_lang, path: "/document/source_lang" });
  return tags;
}

/** 6.1.12: language tags are valid and registered. */
export const invalidLanguage: CsafCheck = {
  id: "6.1.12",
  reason: "invalid_language",
  title: "Language",
  run(ctx, report) {
    for (const { tag, path } of languageTags(ctx)) {
      if (!isRegisteredLanguageTag(tag)) report(path, `${tag} is not a valid, registered language tag`);
    }
  },
};

/** 6.1.15: a translator's document names its source language. */
export const translator: CsafCheck = {
  id: "6.1.15",
  reason: "translator_without_source_lang",
  title: "Translator",
  run(ctx, report) {
    const document = ctx.doc.document;
    if (document.publisher.category === "translator" && document.source_lang === undefined) {
      report("/document/source_lang", "is required when the publisher is a translator");
    }
  },
};

const PROFILE_VALUES = [
  "csaf_base",
  "csaf_security_incident_response",
  "csaf_informational_advisory",
  "csaf_security_advisory",
  "csaf_vex",
];

/** Removes dashes, hyphens, minus signs, white space and underscores (all Unicode variants), then lower-cases. */
function normalizeCategory(value: string): string {
  return value.replace(/[\p{Pd}\p{Pc}\p{Z}\s\u2212]|\u0332/gu, "").toLowerCase();
}

// Names (without `csaf_`) and values of the profiles other than "CSAF Base", normalized.
const PROHIBITED = new Set(
  ["Security incident response", "Informational Advisory", "Security Advisory", "VEX", ...PROFILE_VALUES.slice(1)].map(
    normalizeCategory,
  ),
);

/** 6.1.26: a base-profile category neither imitates another profile nor uses the reserved `csaf_` prefix. */
export const prohibitedCategory: CsafCheck = {
  id: "6.1.26",
  reason: "prohibited_category_name",
  title: "Prohibited Document Category Name",
  run(ctx, report) {
    const category = ctx.doc.document.category;
    if (PROFILE_VALUES.includes(category)) return;
    if (category.toLowerCase().startsWith("csaf_")) {
      report("/document/category", `${category} uses the reserved prefix csaf_`);
    } else if (PROHIBITED.has(normalizeCategory(category))) {
      report("/document/category", `${category} is the name of a CSAF profile`);
    }
  },
};

/** 6.1.28: a translation's language differs from its source language. */
export const sameTranslationLanguage: CsafCheck = {
  id: "6.1.28",
  reason: "same_translation_language",
  title: "Translation",
  run(ctx, report) {
    const { lang, source_lang } = ctx.doc.document;
    if (lang !== undefined && lang.toLowerCase() === source_lang?.toLowerCase()) {
      report("/document/source_lang", `is the document language ${lang}`);
    }
  },
};

/** 6.2.10: the document has a TLP label. */
export const missingTlpLabel: CsafCheck = {
  id: "6.2.10",
  reason: "missing_tlp_label",
  title: "Missing TLP label",
  run(ctx, report) {
    if (ctx.doc.document.distribution?.tlp?.label === undefined)
      report("/document/distribution/tlp/label", "is missing");
  },
};

/** 6.2.11: a `self` reference gives the https URL of the document under its CSAF file name. */
export const missingCanonicalUrl: CsafCheck = {
  id: "6.2.11",
  reason: "missing_canonical_url",
  title: "Missing Canonical URL",
  run(ctx, report) {
    const document = ctx.doc.document;
    const filename = `/${csafFilename(document.tracking.id)}`;
    const canonical = document.references?.some(
      (r) => r.category === "self" && r.url.startsWith("https://") && r.url.endsWith(filename),
    );
    if (!canonical) report("/document/references", `no self reference ends with ${filename.slice(1)}`);
  },
};

/** 6.2.12: the document language is given. */
export const missingLanguage: CsafCheck = {
  id: "6.2.12",
  reason: "missing_document_language",
  title: "Missing Document Language",
  run(ctx, report) {
    if (ctx.doc.document.lang === undefined) report("/document/lang", "is missing");
  },
};

function reportUnsorted(value: unknown, path: string, report: Report): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      reportUnsorted(item, `${path}/${i}`, report);
    });
  } else if (value !== null && typeof value === "object") {
    const keys = Object.keys(value);
    if (!keysSorted(keys)) report(path, "keys are not sorted alphabetically");
    for (const key of keys) reportUnsorted((value as Record<string, unknown>)[key], `${path}/${key}`, report);
  }
}

/** 6.2.13: every object's keys are sorted alphabetically. */
export const sorting: CsafCheck = {
  id: "6.2.13",
  reason: "unsorted_keys",
  title: "Sorting",
  run(ctx, report) {
    reportUnsorted(ctx.doc, "", report);
  },
};

/** 6.2.14: language tags use no private-use subtags. */
export const privateLanguage: CsafCheck = {
  id: "6.2.14",
  reason: "private_language",
  title: "Use of Private Language",
  run(ctx, report) {
    for (const { tag, path } of languageTags(ctx)) {
      if (hasPrivateUseSubtag(tag)) report(path, `${tag} uses a subtag reserved for private use`);
    }
  },
};

/** 6.2.15: language tags are not `i-default`. */
export const defaultLanguage: CsafCheck = {
  id: "6.2.15",
  reason: "default_language",
  title: "Use of Default Language",
  run(ctx, report) {
    for (const { tag, path } of languageTags(ctx)) {
      if (isDefaultLanguageTag(tag)) report(path, `${tag} is the default language tag`);
    }
  },
};

/** 6.2.20: no property outside the schema (validated against the strict schema). */
export const additionalProperties: CsafCheck = {
  id: "6.2.20",
  reason: "additional_property",
  title: "Additional Properties",
  run(ctx, report) {
    for (const violation of checkCsafStrictSchema(ctx.doc)) report(violation.path, violation.message);
  },
};
