/**
 * ROLIE feed documents for CSAF (RFC 8322 in its JSON form, spec requirement 15): types, building a feed from CSAF
 * documents, and validation of the shape the CSAF specification's examples use.
 */

import { fail, ok, type Result, type ValidationReport } from "../result.ts";
import type { CsafDocument } from "./document-types.ts";
import { CSAF_SCHEMA_ID, csafAjv, lazySchemaCheck } from "./schema-validator.ts";

/** A link of a feed or an entry; CSAF uses `self`, `hash` and `signature`. */
export interface RolieLink {
  rel: string;
  href: string;
}

/** A ROLIE category; a CSAF feed carries the information type `csaf`. */
export interface RolieCategory {
  scheme?: string;
  term: string;
}

/** One CSAF document in a feed. */
export interface RolieEntry {
  id: string;
  title: string;
  link: RolieLink[];
  published: string;
  updated: string;
  summary?: { content: string };
  content: { type: "application/json"; src: string };
  format: { schema: string; version: "2.0" };
}

/** A ROLIE feed document (`{"feed": …}`). */
export interface RolieFeedDocument {
  feed: {
    id: string;
    title: string;
    link: RolieLink[];
    category: RolieCategory[];
    updated: string;
    entry: RolieEntry[];
  };
}

/** The ROLIE information-type category every CSAF feed carries. */
export const CSAF_FEED_CATEGORY: RolieCategory = {
  scheme: "urn:ietf:params:rolie:category:information-type",
  term: "csaf",
};

/** A document to list in a feed, with where it, its hash and its signature are served. */
export interface RolieEntryInput {
  document: CsafDocument;
  url: string;
  /** URL of the hash file (e.g. `….json.sha512`, requirement 18). */
  hashUrl?: string;
  /** URL of the OpenPGP signature (`….json.asc`, requirement 19). */
  signatureUrl?: string;
}

/** Builds the feed entry of a CSAF document: id, title and dates from `/document`, summary from a summary note. */
export function buildRolieEntry(input: RolieEntryInput): RolieEntry {
  const { document } = input.document;
  const link: RolieLink[] = [{ rel: "self", href: input.url }];
  if (input.hashUrl !== undefined) link.push({ rel: "hash", href: input.hashUrl });
  if (input.signatureUrl !== undefined) link.push({ rel: "signature", href: input.signatureUrl });
  const entry: RolieEntry = {
    id: document.tracking.id,
    title: document.title,
    link,
    published: document.tracking.initial_release_date,
    updated: document.tracking.current_release_date,
    content: { type: "application/json", src: input.url },
    format: { schema: CSAF_SCHEMA_ID, version: "2.0" },
  };
  const summary = document.notes?.find((n) => n.category === "summary");
  if (summary !== undefined) entry.summary = { content: summary.text };
  return entry;
}

/** What {@link buildRolieFeed} needs. */
export interface RolieFeedInput {
  id: string;
  title: string;
  /** URL the feed itself is served at (its `self` link). */
  url: string;
  /** RFC 3339 date-time of the last change. */
  updated: string;
  entries: RolieEntryInput[];
}

/** Builds a feed; entries are ordered newest `updated` first, then by id, so equal inputs give equal feeds. */
export function buildRolieFeed(input: RolieFeedInput): RolieFeedDocument {
  const entry = input.entries.map(buildRolieEntry).sort((a, b) => {
    const byDate = Date.parse(b.updated) - Date.parse(a.updated);
    return byDate !== 0 ? byDate : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  return {
    feed: {
      id: input.id,
      title: input.title,
      link: [{ rel: "self", href: input.url }],
      category: [CSAF_FEED_CATEGORY],
      updated: input.updated,
      entry,
    },
  };
}

const TEXT = { type: "string", minLength: 1 };
const URI = { type: "string", format: "uri" };
const DATE_TIME = { type: "string", format: "date-time" };
const LINKS = {
  type: "array",
  items: { type: "object", required: ["rel", "href"], properties: { rel: TEXT, href: URI } },
  contains: { type: "object", properties: { rel: { const: "self" } } },
};

/** The feed shape of the specification's examples: RFC 8322 fields plus the CSAF category and entry format. */
const ROLIE_FEED_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "urn:aicc:csaf:rolie-feed",
  type: "object",
  required: ["feed"],
  properties: {
    feed: {
      type: "object",
      required: ["id", "title", "link", "category", "updated", "entry"],
      properties: {
        id: TEXT,
        title: TEXT,
        link: LINKS,
        category: {
          type: "array",
          items: { type: "object", required: ["term"], properties: { scheme: TEXT, term: TEXT } },
          contains: {
            type: "object",
            properties: { scheme: { const: CSAF_FEED_CATEGORY.scheme }, term: { const: "csaf" } },
            required: ["scheme", "term"],
          },
        },
        updated: DATE_TIME,
        entry: {
          type: "array",
          items: {
            type: "object",
            required: ["id", "title", "link", "published", "updated", "content", "format"],
            properties: {
              id: TEXT,
              title: TEXT,
              link: LINKS,
              published: DATE_TIME,
              updated: DATE_TIME,
              summary: { type: "object", required: ["content"], properties: { content: { type: "string" } } },
              content: {
                type: "object",
                required: ["type", "src"],
                properties: { type: { const: "application/json" }, src: URI },
              },
              format: {
                type: "object",
                required: ["schema", "version"],
                properties: { schema: { const: CSAF_SCHEMA_ID }, version: { const: "2.0" } },
              },
            },
          },
        },
      },
    },
  },
};

const checkRolieFeed = lazySchemaCheck(() => csafAjv().compile(ROLIE_FEED_SCHEMA));

/** Validates a ROLIE feed document for CSAF (`csaf.rolie_feed` errors name the offending field). */
export function validateRolieFeed(value: unknown): ValidationReport {
  const errors = checkRolieFeed(value).map(({ path, message }) => ({ code: "csaf.rolie_feed", message, path }));
  return { valid: errors.length === 0, errors, warnings: [] };
}

/** Accepts a JSON value that is a valid CSAF ROLIE feed and returns it typed. */
export function parseRolieFeed(value: unknown): Result<RolieFeedDocument> {
  const first = checkRolieFeed(value)[0];
  return first === undefined ? ok(value as RolieFeedDocument) : fail("csaf.rolie_feed", first.message, first.path);
}
