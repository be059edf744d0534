/**
 * A STIX 2.1 bundle for one advisory: the producer `identity`, a `vulnerability` (named by its CVE,
 * else the advisory id) with external references to the CVE, the advisory and its CWEs, a `software`
 * observable per affected product linked by a `has` relationship (software has vulnerability), and
 * a TLP marking on every object. TLP 2.0 marking definitions travel in the bundle; TLP 1.0 ones are
 * predefined by STIX 2.1 and are only referenced.
 */
import { randomUUID } from "node:crypto";
import { cweLabel, parseCweId } from "../cwe/index.ts";
import type { JsonObject } from "../json/index.ts";
import { fail, ok, type Result } from "../result.ts";
// The RFC 3339 check lives with SSVC selection lists, the first standard here that needed it.
import { isRfc3339DateTime } from "../text/date-time.ts";
import { TLP_LABELS, type TlpLabel } from "../tlp/index.ts";
import { isStixId } from "./identifiers.ts";
import { type StixAffectedProduct, softwareObject } from "./software.ts";
import { type StixTlpVersion, stixTlpMarking } from "./tlp-markings.ts";

/** Who publishes the advisory: becomes the `identity` every object's `created_by_ref` points to. */
export interface StixProducer {
  name: string;
  /** A stable `identity--<uuid>`; a random one is made when absent. */
  id?: string;
  /** STIX identity class (default `organization`). */
  identityClass?: "individual" | "group" | "system" | "organization" | "class" | "unknown";
  contactInformation?: string;
  /** When the identity object was first created (default: the advisory's publication time). */
  created?: string | Date;
}

/** A link to more information. */
export interface StixReferenceInput {
  url: string;
  description?: string;
  /** `source_name` of the external reference (default: the URL's host). */
  sourceName?: string;
}

/** What the bundle is built from. */
export interface StixAdvisoryInput {
  /** The advisory's own id (e.g. `AICC-2025-0042`). */
  advisoryId: string;
  /** `CVE-YYYY-NNNN`, when assigned: then the vulnerability's name. */
  cve?: string;
  title?: string;
  description?: string;
  /** CWE ids (`CWE-79`); known ones are described by their catalogue name. */
  cwes?: readonly string[];
  /** Where the advisory is published. */
  advisoryUrl?: string;
  references?: readonly StixReferenceInput[];
  published: string | Date;
  /** Last change (default: `published`). */
  modified?: string | Date;
  affected?: readonly StixAffectedProduct[];
  producer: StixProducer;
  /** TLP label for every object (default: none). */
  tlp?: TlpLabel;
  /** TLP 2.0 marking definitions (default) or the predefined TLP 1.0 ones. */
  tlpVersion?: StixTlpVersion;
  /** Fixed ids for the bundle and the vulnerability, e.g. to publish a new version of the same object. */
  ids?: { bundle?: string; vulnerability?: string };
  /** Source of random UUIDs for domain and relationship objects (default: crypto.randomUUID); tests pass a seeded one. */
  randomUuid?: () => string;
}

/** A STIX 2.1 bundle. */
export interface StixBundle {
  type: "bundle";
  id: string;
  objects: JsonObject[];
}

const CVE = /^CVE-\d{4}-(0\d{3}|[1-9]\d{3,})$/;
const RESERVED_EXTERNAL_ID = /^((CVE-\d{4}-(0\d{3}|[1-9]\d{3,}))|(CAPEC-\d+))$/;

/** Build the bundle; every input problem is reported with the path of the offending field. */
export function buildAdvisoryBundle(input: StixAdvisoryInput): Result<StixBundle> {
  const uuid = input.randomUuid ?? randomUUID;
  const newId = (type: string, given: string | undefined, path: string): Result<string> => {
    if (given === undefined) return ok(`${type}--${uuid()}`);
    return isStixId(given, type)
      ? ok(given)
      : fail("stix.invalid_id", `${path} must be a ${type}--<uuid> identifier`, path);
  };
  if (typeof input.advisoryId !== "string" || input.advisoryId.trim() === "") {
    return fail("stix.missing_field", "/advisoryId is required", "/advisoryId");
  }
  if (typeof input.producer?.name !== "string" || input.producer.name.trim() === "") {
    return fail("stix.missing_field", "/producer/name is required", "/producer/name");
  }
  if (input.cve !== undefined && (typeof input.cve !== "string" || !CVE.test(input.cve))) {
    return fail("stix.invalid_cve", "/cve must look like CVE-2024-12345", "/cve");
  }
  if (input.tlp !== undefined && !TLP_LABELS.includes(input.tlp))
    return fail("stix.invalid_tlp", "/tlp is not a TLP 2.0 label", "/tlp");
  const published = stixTimestamp(input.published, "/published");
  if (!published.ok) return published;
  const modified = input.modified === undefined ? published : stixTimestamp(input.modified, "/modified");
  if (!modified.ok) return modified;
  if (modified.value < published.value)
    return fail("stix.modified_before_created", "/modified is earlier than /published", "/modified");
  const identityCreated =
    input.producer.created === undefined ? published : stixTimestamp(input.producer.created, "/producer/created");
  if (!identityCreated.ok) return identityCreated;

  const bundleId = newId("bundle", input.ids?.bundle, "/ids/bundle");
  if (!bundleId.ok) return bundleId;
  const identityId = newId("identity", input.producer.id, "/producer/id");
  if (!identityId.ok) return identityId;
  const vulnerabilityId = newId("vulnerability", input.ids?.vulnerability, "/ids/vulnerability");
  if (!vulnerabilityId.ok) return vulnerabilityId;

  const marking = input.tlp === undefined ? undefined : stixTlpMarking(input.tlp, input.tlpVersion ?? 2);
  const marked = (object: JsonObject): JsonObject =>
    marking ? { ...object, object_marking_refs: [marking.id] } : object;
  const common = (type: string, id: string): JsonObject => ({
    type,
    spec_version: "2.1",
    id,
    created_by_ref: identityId.value,
    created: published.value,
    modified: modified.value,
  });

  const identity: JsonObject = {
    type: "identity",
    spec_version: "2.1",
    id: identityId.value,
    created: identityCreated.value,
    modified: identityCreated.value,
    name: input.producer.name,
    identity_class: input.producer.identityClass ?? "organization",
  };
  if (input.producer.contactInformation) identity.contact_information = input.producer.contactInformation;

  const references = externalReferences(input);
  if (!references.ok) return references;
  const vulnerability: JsonObject = {
    ...common("vulnerability", vulnerabilityId.value),
    name: input.cve ?? input.advisoryId,
  };
  const description = [input.title, input.description]
    .filter((part) => typeof part === "string" && part.trim() !== "")
    .join("\n\n");
  if (description) vulnerability.description = description;
  vulnerability.external_references = references.value;

  const software: JsonObject[] = [];
  for (const [index, product] of (input.affected ?? []).entries()) {
    const object = softwareObject(product, `/affected/${index}`);
    if (!object.ok) return object;
    // The same id means the same software; a purl one of them lacks is kept, but two different
    // purls (say npm and PyPI packages of one name) cannot share an id.
    const same = software.find((known) => known.id === object.value.id);
    if (!same) software.push(object.value);
    else if (same.x_purl === undefined && object.value.x_purl !== undefined) same.x_purl = object.value.x_purl;
    else if (object.value.x_purl !== undefined && object.value.x_purl !== same.x_purl) {
      const path = `/affected/${index}`;
      const message = `${path} gets the same software id as another product with a different purl; give a vendor or cpe`;
      return fail("stix.software_collision", message, path);
    }
  }
  const relationships = software.map((object) => ({
    ...common("relationship", `relationship--${uuid()}`),
    relationship_type: "has",
    source_ref: object.id as string,
    target_ref: vulnerabilityId.value,
  }));

  const objects: JsonObject[] = [marked(identity)];
  if (marking?.definition) objects.push(marking.definition);
  objects.push(marked(vulnerability), ...software.map(marked), ...relationships.map(marked));
  return ok({ type: "bundle", id: bundleId.value, objects });
}

/** The vulnerability's external references: CVE, the advisory, its CWEs, then other links. */
function externalReferences(input: StixAdvisoryInput): Result<JsonObject[]> {
  const references: JsonObject[] = [];
  if (input.cve)
    references.push({
      source_name: "cve",
      external_id: input.cve,
      url: `https://www.cve.org/CVERecord?id=${input.cve}`,
    });
  // The schema reserves CVE- and CAPEC-shaped external ids for the `cve` and `capec` sources.
  const advisory: JsonObject = RESERVED_EXTERNAL_ID.test(input.advisoryId)
    ? { source_name: input.producer.name, description: `Advisory ${input.advisoryId}` }
    : { source_name: input.producer.name, external_id: input.advisoryId };
  if (input.advisoryUrl !== undefined) {
    const url = httpUrl(input.advisoryUrl);
    if (!url) return fail("stix.invalid_url", "/advisoryUrl must be an http(s) URL", "/advisoryUrl");
    advisory.url = url;
  }
  references.push(advisory);
  for (const [index, text] of (input.cwes ?? []).entries()) {
    const cwe = parseCweId(text);
    if (!cwe.ok) return fail("stix.invalid_cwe", `/cwes/${index}: ${cwe.error.message}`, `/cwes/${index}`);
    const reference: JsonObject = {
      source_name: "cwe",
      external_id: cwe.value,
      url: `https://cwe.mitre.org/data/definitions/${cwe.value.slice(4)}.html`,
    };
    const label = cweLabel(cwe.value);
    if (label && label !== cwe.value) reference.description = label;
    references.push(reference);
  }
  for (const [index, link] of (input.references ?? []).entries()) {
    const url = httpUrl(link?.url);
    if (!url)
      return fail("stix.invalid_url", `/references/${index}/url must be an http(s) URL`, `/references/${index}/url`);
    const reference: JsonObject = { source_name: link.sourceName || new URL(url).hostname, url };
    if (link.description) reference.description = link.description;
    references.push(reference);
  }
  return ok(references);
}

/** The URL in canonical form (non-ASCII and unsafe characters percent-encoded, so it is a valid URI), or undefined unless http(s). */
function httpUrl(text: unknown): string | undefined {
  if (typeof text !== "string" || /\s/.test(text)) return undefined;
  try {
    const url = new URL(text);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A STIX timestamp (UTC, millisecond precision as STIX 2.1 requires for created/modified). */
function stixTimestamp(value: string | Date, path: string): Result<string> {
  const time =
    value instanceof Date
      ? value.getTime()
      : typeof value === "string" && isRfc3339DateTime(value)
        ? Date.parse(value)
        : Number.NaN;
  if (Number.isNaN(time)) return fail("stix.invalid_timestamp", `${path} must be an RFC 3339 date-time`, path);
  return ok(new Date(time).toISOString());
}
