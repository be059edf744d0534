/**
 * Tests on products and branches: purl (6.1.13), hashes (6.1.25, 6.2.8, 6.2.9), version names (6.1.31, 6.2.18) and
 * identification helpers (6.2.16).
 */

import { validatePurl } from "../../purl/index.ts";
import type { CsafCheck } from "./check.ts";
import type { CheckContext, Located } from "./context.ts";

/** 6.1.13: every purl is valid. */
export const invalidPurl: CsafCheck = {
  id: "6.1.13",
  reason: "invalid_purl",
  title: "PURL",
  run(ctx, report) {
    for (const { value, path } of ctx.products) {
      const purl = value.product_identification_helper?.purl;
      if (purl === undefined) continue;
      const error = validatePurl(purl).errors[0];
      if (error !== undefined) report(`${path}/product_identification_helper/purl`, `${purl}: ${error.message}`);
    }
  },
};

/** Calls `visit` with the (lower-cased) algorithms of every `file_hashes` list and its pointer. */
function forEachFileHashes(ctx: CheckContext, visit: (algorithms: string[], path: string) => void): void {
  for (const { value, path } of ctx.products) {
    value.product_identification_helper?.hashes?.forEach((hash, i) => {
      visit(
        hash.file_hashes.map((h) => h.algorithm.toLowerCase()),
        `${path}/product_identification_helper/hashes/${i}/file_hashes`,
      );
    });
  }
}

/** 6.1.25: a file's hashes use each algorithm once. */
export const duplicateHashAlgorithm: CsafCheck = {
  id: "6.1.25",
  reason: "duplicate_hash_algorithm",
  title: "Multiple Use of Same Hash Algorithm",
  run(ctx, report) {
    forEachFileHashes(ctx, (algorithms, path) => {
      algorithms.forEach((algorithm, i) => {
        if (algorithms.indexOf(algorithm) !== i) report(`${path}/${i}/algorithm`, `${algorithm} is used twice`);
      });
    });
  },
};

function onlyWeakHash(algorithm: string, id: string, reason: string, title: string): CsafCheck {
  return {
    id,
    reason,
    title,
    run(ctx, report) {
      forEachFileHashes(ctx, (algorithms, path) => {
        if (algorithms.every((a) => a === algorithm)) report(path, `${algorithm} is the only hash algorithm`);
      });
    },
  };
}

/** 6.2.8: MD5 is not a file's only hash. */
export const onlyMd5: CsafCheck = onlyWeakHash("md5", "6.2.8", "only_md5", "Use of MD5 as the only Hash Algorithm");

/** 6.2.9: SHA-1 is not a file's only hash. */
export const onlySha1: CsafCheck = onlyWeakHash(
  "sha1",
  "6.2.9",
  "only_sha1",
  "Use of SHA-1 as the only Hash Algorithm",
);

// What marks a version range (6.1.31), as the spec deems sufficient: a comparison operator anywhere, or one of the
// words as a whole whitespace-separated word (the OASIS test data accepts "after-eight").
const RANGE_OPERATORS = ["<", ">"];
const RANGE_WORDS = new Set(["after", "all", "before", "earlier", "later", "prior", "versions"]);

function looksLikeRange(name: string): boolean {
  const lower = name.toLowerCase();
  return RANGE_OPERATORS.some((op) => lower.includes(op)) || lower.split(/\s+/).some((word) => RANGE_WORDS.has(word));
}

/** Names of the branches of one category, with the pointer of each name. */
function branchNames(ctx: CheckContext, category: string): Located<string>[] {
  return ctx.branches
    .filter((b) => b.value.category === category)
    .map((b) => ({ value: b.value.name, path: `${b.path}/name` }));
}

/** 6.1.31: a `product_version` branch names one version, not a range. */
export const versionRangeInVersion: CsafCheck = {
  id: "6.1.31",
  reason: "version_range_in_product_version",
  title: "Version Range in Product Version",
  run(ctx, report) {
    for (const { value, path } of branchNames(ctx, "product_version")) {
      if (looksLikeRange(value)) report(path, `${value} looks like a version range`);
    }
  },
};

const VERS = /^vers:[a-z.\-+][a-z0-9.\-+]*\/.+/;

/** 6.2.18: a `product_version_range` branch uses the vers syntax. */
export const versionRangeWithoutVers: CsafCheck = {
  id: "6.2.18",
  reason: "version_range_without_vers",
  title: "Product Version Range without vers",
  run(ctx, report) {
    for (const { value, path } of branchNames(ctx, "product_version_range")) {
      if (!VERS.test(value)) report(path, `${value} is not a vers range`);
    }
  },
};

/** 6.2.16: every product has a product identification helper. */
export const missingIdentificationHelper: CsafCheck = {
  id: "6.2.16",
  reason: "missing_product_identification_helper",
  title: "Missing Product Identification Helper",
  run(ctx, report) {
    for (const { value, path } of ctx.products) {
      if (value.product_identification_helper === undefined) {
        report(path, `product ${value.product_id} has no product identification helper`);
      }
    }
  },
};
