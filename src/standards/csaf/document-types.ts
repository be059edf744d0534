/**
 * CSAF 2.0 document types: the root object and the `/document` metadata.
 * Names and shapes follow the OASIS CSAF 2.0 JSON schema (`schemas/csaf-json-schema.json`); property names stay
 * snake_case so a parsed document is the JSON value itself.
 */

import type { CsafTlpLabel } from "../tlp/index.ts";
import type { ProductTree } from "./product-tree-types.ts";
import type { Vulnerability } from "./vulnerability-types.ts";

/** A CSAF 2.0 document (`csaf_json_schema.json`). */
export interface CsafDocument {
  /** Document-level metadata. */
  document: DocumentMetadata;
  /** Products the document speaks about; required by the `csaf_security_advisory` and `csaf_vex` profiles. */
  product_tree?: ProductTree;
  /** Vulnerabilities the document speaks about. */
  vulnerabilities?: Vulnerability[];
}

/** Profile values of `/document/category` defined by CSAF 2.0; any other non-reserved value is "CSAF Base". */
export type CsafProfileCategory =
  | "csaf_base"
  | "csaf_security_incident_response"
  | "csaf_informational_advisory"
  | "csaf_security_advisory"
  | "csaf_vex";

/** `/document`: metadata about the advisory itself. */
export interface DocumentMetadata {
  acknowledgments?: Acknowledgment[];
  aggregate_severity?: AggregateSeverity;
  /** A profile value (see {@link CsafProfileCategory}) or a free category name for the base profile. */
  category: CsafProfileCategory | (string & {});
  csaf_version: "2.0";
  distribution?: Distribution;
  /** BCP 47 language tag of the document. */
  lang?: string;
  notes?: Note[];
  publisher: Publisher;
  references?: Reference[];
  /** BCP 47 language tag of the source when the document is a translation. */
  source_lang?: string;
  title: string;
  tracking: Tracking;
}

/** Someone to thank (`acknowledgments_t` item); at least one property is present. */
export interface Acknowledgment {
  names?: string[];
  organization?: string;
  summary?: string;
  urls?: string[];
}

/** `/document/aggregate_severity`: a vendor-defined overall severity. */
export interface AggregateSeverity {
  namespace?: string;
  text: string;
}

/** `/document/distribution`: sharing rules; the TLP v1 label and its TLP 2.0 mapping are `../tlp`'s. */
export interface Distribution {
  text?: string;
  tlp?: { label: CsafTlpLabel; url?: string };
}

/** Category of a note (`notes_t` item). */
export type NoteCategory = "description" | "details" | "faq" | "general" | "legal_disclaimer" | "other" | "summary";

/** A note (`notes_t` item). */
export interface Note {
  audience?: string;
  category: NoteCategory;
  text: string;
  title?: string;
}

/** Category of the publishing party. */
export type PublisherCategory = "coordinator" | "discoverer" | "other" | "translator" | "user" | "vendor";

/** `/document/publisher`. */
export interface Publisher {
  category: PublisherCategory;
  contact_details?: string;
  issuing_authority?: string;
  name: string;
  /** URL that identifies the publisher's namespace. */
  namespace: string;
}

/** A reference (`references_t` item); `category` defaults to `external` when absent. */
export interface Reference {
  category?: "external" | "self";
  summary: string;
  url: string;
}

/** Document status in `/document/tracking/status`. */
export type DocumentStatus = "draft" | "final" | "interim";

/** `/document/tracking`. */
export interface Tracking {
  aliases?: string[];
  /** RFC 3339 date-time. */
  current_release_date: string;
  generator?: { date?: string; engine: { name: string; version?: string } };
  id: string;
  /** RFC 3339 date-time. */
  initial_release_date: string;
  revision_history: RevisionHistoryItem[];
  status: DocumentStatus;
  /** Integer (`3`) or semantic (`1.2.0`) version, see `version_t`. */
  version: string;
}

/** One entry of `/document/tracking/revision_history`. */
export interface RevisionHistoryItem {
  date: string;
  legacy_version?: string;
  number: string;
  summary: string;
}
