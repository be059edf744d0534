/** Tests on `/document/tracking`: version, status and revision history (6.1.14, 6.1.16–6.1.22, 6.1.30, 6.2.4–6.2.6). */

import { compareDateTimes } from "../date-time.ts";
import { type CsafVersion, compareCsafVersions, hasPrerelease, isZeroVersion, parseCsafVersion } from "../version.ts";
import type { CsafCheck } from "./check.ts";

const HISTORY = "/document/tracking/revision_history";

/** 6.1.14: sorted by date, the revision numbers ascend. */
export const sortedRevisionHistory: CsafCheck = {
  id: "6.1.14",
  reason: "unsorted_revision_history",
  title: "Sorted Revision History",
  run(ctx, report) {
    // Ties in date are already ordered by number, so only a later date with a lower number reports.
    for (let i = 1; i < ctx.revisions.length; i++) {
      const prev = ctx.revisions[i - 1]!;
      const cur = ctx.revisions[i]!;
      if (prev.version && cur.version && compareCsafVersions(prev.version, cur.version) > 0) {
        report(`${HISTORY}/${cur.index}/number`, `number ${cur.item.number} is dated after ${prev.item.number}`);
      }
    }
  },
};

/** The version text compared by 6.1.16: without build metadata, and without pre-release for drafts. */
function comparable(version: CsafVersion, draft: boolean): string {
  if (version.kind === "integer") return version.text;
  const core = `${version.major}.${version.minor}.${version.patch}`;
  return draft || version.prerelease.length === 0 ? core : `${core}-${version.prerelease.join(".")}`;
}

/** 6.1.16: the document version is the number of the latest revision. */
export const latestDocumentVersion: CsafCheck = {
  id: "6.1.16",
  reason: "latest_version_mismatch",
  title: "Latest Document Version",
  run(ctx, report) {
    const tracking = ctx.doc.document.tracking;
    const latest = ctx.revisions.at(-1);
    const version = parseCsafVersion(tracking.version);
    if (latest?.version === undefined || version === undefined) return;
    const draft = tracking.status === "draft";
    if (comparable(version, draft) !== comparable(latest.version, draft)) {
      report("/document/tracking/version", `is ${tracking.version} but the latest revision is ${latest.item.number}`);
    }
  },
};

/** 6.1.17: a version `0`, `0.y.z` or with a pre-release part belongs to a draft. */
export const documentStatusDraft: CsafCheck = {
  id: "6.1.17",
  reason: "status_not_draft",
  title: "Document Status Draft",
  run(ctx, report) {
    const tracking = ctx.doc.document.tracking;
    const version = parseCsafVersion(tracking.version);
    if (version && (isZeroVersion(version) || hasPrerelease(version)) && tracking.status !== "draft") {
      report("/document/tracking/status", `is ${tracking.status} but version ${tracking.version} is a draft version`);
    }
  },
};

function isReleased(status: string): boolean {
  return status === "final" || status === "interim";
}

/** 6.1.18: a final or interim document has no revision `0` or `0.y.z`. */
export const releasedRevisionHistory: CsafCheck = {
  id: "6.1.18",
  reason: "released_revision_zero",
  title: "Released Revision History",
  run(ctx, report) {
    const status = ctx.doc.document.tracking.status;
    if (!isReleased(status)) return;
    for (const { item, index, version } of ctx.revisions) {
      if (version && isZeroVersion(version))
        report(`${HISTORY}/${index}/number`, `is ${item.number} in a ${status} document`);
    }
  },
};

/** 6.1.19: no revision number has a pre-release part. */
export const prereleaseRevision: CsafCheck = {
  id: "6.1.19",
  reason: "prerelease_in_revision_history",
  title: "Revision History Entries for Pre-release Versions",
  run(ctx, report) {
    for (const { item, index, version } of ctx.revisions) {
      if (version && hasPrerelease(version)) report(`${HISTORY}/${index}/number`, `${item.number} is a pre-release`);
    }
  },
};

/** 6.1.20: a final or interim document version has no pre-release part. */
export const nonDraftVersion: CsafCheck = {
  id: "6.1.20",
  reason: "prerelease_in_non_draft",
  title: "Non-draft Document Version",
  run(ctx, report) {
    const tracking = ctx.doc.document.tracking;
    const version = parseCsafVersion(tracking.version);
    if (version && hasPrerelease(version) && isReleased(tracking.status)) {
      report("/document/tracking/version", `pre-release ${tracking.version} in a ${tracking.status} document`);
    }
  },
};

/** 6.1.21: sorted by date, the (major) numbers start at 0 or 1 and skip none. */
export const missingRevisionItem: CsafCheck = {
  id: "6.1.21",
  reason: "missing_revision_item",
  title: "Missing Item in Revision History",
  run(ctx, report) {
    let highest: bigint | undefined;
    for (const { item, index, version } of ctx.revisions) {
      if (version === undefined) return;
      const major = BigInt(version.major);
      if (highest === undefined && major > 1n) {
        report(`${HISTORY}/${index}/number`, `the first revision is ${item.number}, not 0 or 1`);
      } else if (highest !== undefined && major > highest + 1n) {
        report(`${HISTORY}/${index}/number`, `revision ${item.number} follows ${highest} and skips a version`);
      }
      highest = highest === undefined || major > highest ? major : highest;
    }
  },
};

/** 6.1.22: no revision number appears twice. */
export const duplicateRevision: CsafCheck = {
  id: "6.1.22",
  reason: "duplicate_revision_number",
  title: "Multiple Definition in Revision History",
  run(ctx, report) {
    const seen = new Set<string>();
    ctx.doc.document.tracking.revision_history.forEach((item, i) => {
      if (seen.has(item.number)) report(`${HISTORY}/${i}/number`, `number ${item.number} appears more than once`);
      seen.add(item.number);
    });
  },
};

/** 6.1.30: the document uses either integer or semantic versioning, not both. */
export const mixedVersioning: CsafCheck = {
  id: "6.1.30",
  reason: "mixed_versioning",
  title: "Mixed Integer and Semantic Versioning",
  run(ctx, report) {
    const tracking = ctx.doc.document.tracking;
    const kind = parseCsafVersion(tracking.version)?.kind;
    tracking.revision_history.forEach((item, i) => {
      const other = parseCsafVersion(item.number)?.kind;
      if (other !== kind) report(`${HISTORY}/${i}/number`, `${item.number} mixes ${other} and ${kind} versioning`);
    });
  },
};

/** 6.2.4: revision numbers carry no build metadata. */
export const buildMetadataRevision: CsafCheck = {
  id: "6.2.4",
  reason: "build_metadata_in_revision_history",
  title: "Build Metadata in Revision History",
  run(ctx, report) {
    for (const { item, index, version } of ctx.revisions) {
      if (version?.kind === "semver" && version.build !== undefined) {
        report(`${HISTORY}/${index}/number`, `${item.number} includes build metadata`);
      }
    }
  },
};

/** 6.2.5: the initial release date is not before the oldest revision. */
export const olderInitialReleaseDate: CsafCheck = {
  id: "6.2.5",
  reason: "initial_release_date_older_than_history",
  title: "Older Initial Release Date than Revision History",
  run(ctx, report) {
    const oldest = ctx.revisions[0];
    const initial = ctx.doc.document.tracking.initial_release_date;
    if (oldest && compareDateTimes(initial, oldest.item.date) < 0) {
      report(
        "/document/tracking/initial_release_date",
        `${initial} is older than the oldest revision ${oldest.item.date}`,
      );
    }
  },
};

/** 6.2.6: the current release date is not before the newest revision. */
export const olderCurrentReleaseDate: CsafCheck = {
  id: "6.2.6",
  reason: "current_release_date_older_than_history",
  title: "Older Current Release Date than Revision History",
  run(ctx, report) {
    const newest = ctx.revisions.at(-1)?.item.date;
    const current = ctx.doc.document.tracking.current_release_date;
    if (newest !== undefined && compareDateTimes(current, newest) < 0) {
      report("/document/tracking/current_release_date", `${current} is older than the newest revision ${newest}`);
    }
  },
};
