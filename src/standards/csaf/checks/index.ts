/** The CSAF 2.0 tests in spec order: mandatory (6.1, failures are errors) and optional (6.2, failures are warnings). */

import type { CsafCheck } from "./check.ts";
import * as cvss from "./cvss.ts";
import * as document from "./document.ts";
import * as ids from "./product-ids.ts";
import * as tree from "./product-tree.ts";
import * as profiles from "./profiles.ts";
import * as revisions from "./revision-history.ts";
import * as vulns from "./vulnerabilities.ts";

export type { CsafCheck, Report } from "./check.ts";
export { buildContext, type CheckContext } from "./context.ts";

/** Mandatory tests 6.1.1–6.1.33 (6.1.8's schema part is reported by the JSON schema validation). */
export const MANDATORY_CHECKS: readonly CsafCheck[] = [
  ids.missingProductId,
  ids.multipleProductId,
  ids.circularProductId,
  ids.missingGroupId,
  ids.multipleGroupId,
  ids.contradictingStatus,
  cvss.multipleScores,
  cvss.invalidCvss,
  cvss.invalidCvssComputation,
  cvss.inconsistentCvss,
  vulns.invalidCwe,
  document.invalidLanguage,
  tree.invalidPurl,
  revisions.sortedRevisionHistory,
  document.translator,
  revisions.latestDocumentVersion,
  revisions.documentStatusDraft,
  revisions.releasedRevisionHistory,
  revisions.prereleaseRevision,
  revisions.nonDraftVersion,
  revisions.missingRevisionItem,
  revisions.duplicateRevision,
  vulns.duplicateCve,
  vulns.duplicateInvolvement,
  tree.duplicateHashAlgorithm,
  document.prohibitedCategory,
  profiles.profileDocumentNotes,
  profiles.profileDocumentReferences,
  profiles.profileNoVulnerabilities,
  profiles.profileProductTree,
  profiles.profileVulnerabilityNotes,
  profiles.profileProductStatus,
  profiles.profileVexProductStatus,
  profiles.profileVulnerabilityId,
  profiles.profileImpactStatement,
  profiles.profileActionStatement,
  profiles.profileVulnerabilities,
  document.sameTranslationLanguage,
  vulns.remediationWithoutProduct,
  revisions.mixedVersioning,
  tree.versionRangeInVersion,
  vulns.flagWithoutProduct,
  vulns.multipleVexFlags,
];

/** Optional tests 6.2.1–6.2.20. */
export const OPTIONAL_CHECKS: readonly CsafCheck[] = [
  ids.unusedProductId,
  vulns.missingRemediation,
  cvss.missingScore,
  revisions.buildMetadataRevision,
  revisions.olderInitialReleaseDate,
  revisions.olderCurrentReleaseDate,
  vulns.missingInvolvementDate,
  tree.onlyMd5,
  tree.onlySha1,
  document.missingTlpLabel,
  document.missingCanonicalUrl,
  document.missingLanguage,
  document.sorting,
  document.privateLanguage,
  document.defaultLanguage,
  tree.missingIdentificationHelper,
  vulns.cveInIds,
  tree.versionRangeWithoutVers,
  cvss.cvssForFixed,
  document.additionalProperties,
];
