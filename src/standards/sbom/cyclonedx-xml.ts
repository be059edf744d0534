/**
 * CycloneDX XML (1.4–1.6) reader. The XML is mapped onto the JSON model, then checked with the
 * JSON schema, so both encodings give the same `CycloneDxBom`. Mapped: BOM identity, metadata
 * (timestamp, tools, authors, subject component, supplier, manufacturer, licences, properties),
 * components (recursively), services, dependencies and vulnerabilities with VEX analysis. Parts
 * aicc does not use (pedigree, evidence, release notes, formulation, signatures, …) are skipped.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { JsonObject, JsonValue } from "../json/index.ts";
import { fail, type Result } from "../result.ts";
import { parseCycloneDxValue } from "./cyclonedx-json.ts";
import type { CycloneDxBom } from "./cyclonedx-types.ts";

/** A parsed element: every child element is an array (parser option), attributes are `@name`, text is `#text`. */
type XmlNode = { [name: string]: XmlNode[] | string | undefined } | string;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  htmlEntities: false,
  // Callbacks get a matcher instead of a built path string: measurably faster on large BOMs.
  jPath: false,
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});

const NAMESPACE =
  /<(?:[\w.-]+:)?bom\b[^>]*?\sxmlns(?::[\w.-]+)?\s*=\s*["']http:\/\/cyclonedx\.org\/schema\/bom\/(\d+\.\d+)["']/;

/**
 * Parse CycloneDX XML. Fails with `cyclonedx.invalid_xml` (not well-formed), `cyclonedx.xml_doctype`
 * (DTDs are refused: CycloneDX needs none, and entity expansion is an attack surface),
 * `cyclonedx.not_cyclonedx` (no CycloneDX `bom` root), or the JSON model's validation errors.
 */
export function parseCycloneDxXml(text: string): Result<CycloneDxBom> {
  if (typeof text !== "string") return fail("cyclonedx.invalid_xml", "input is not a string");
  if (/<!DOCTYPE/i.test(text)) return fail("cyclonedx.xml_doctype", "XML with a DOCTYPE is not accepted");
  const wellFormed = XMLValidator.validate(text);
  if (wellFormed !== true) {
    const { msg, line } = wellFormed.err;
    return fail("cyclonedx.invalid_xml", `not well-formed XML: ${msg}`, `line ${line}`);
  }
  let root: XmlNode | undefined;
  try {
    root = first(parser.parse(text) as XmlNode, "bom");
  } catch (error) {
    // fast-xml-parser throws on names it refuses (e.g. `constructor`) instead of reporting them.
    return fail("cyclonedx.invalid_xml", `unreadable XML: ${(error as Error).message}`);
  }
  const specVersion = NAMESPACE.exec(text)?.[1];
  if (root === undefined || specVersion === undefined) {
    return fail("cyclonedx.not_cyclonedx", "the root element is not a bom in a CycloneDX namespace");
  }
  const bom = compact({
    bomFormat: "CycloneDX",
    specVersion,
    serialNumber: attr(root, "serialNumber"),
    version: integer(attr(root, "version")),
    metadata: map(first(root, "metadata"), metadata),
    components: list(first(root, "components"), "component", component),
    services: list(first(root, "services"), "service", service),
    dependencies: list(first(root, "dependencies"), "dependency", dependency),
    vulnerabilities: list(first(root, "vulnerabilities"), "vulnerability", vulnerability),
  });
  return parseCycloneDxValue(bom);
}

function metadata(node: XmlNode): JsonObject {
  const tools = first(node, "tools");
  return compact({
    timestamp: textOf(node, "timestamp"),
    lifecycles: list(first(node, "lifecycles"), "lifecycle", (n) =>
      compact({ phase: textOf(n, "phase"), name: textOf(n, "name"), description: textOf(n, "description") }),
    ),
    tools: tools === undefined ? undefined : toolsOf(tools),
    authors: list(first(node, "authors"), "author", contact),
    component: map(first(node, "component"), component),
    manufacture: map(first(node, "manufacture"), organization),
    manufacturer: map(first(node, "manufacturer"), organization),
    supplier: map(first(node, "supplier"), organization),
    licenses: licenses(first(node, "licenses")),
    properties: list(first(node, "properties"), "property", property),
  });
}

/** 1.4 lists `<tool>` elements; 1.5+ groups `<components>` and `<services>`. */
function toolsOf(node: XmlNode): JsonValue {
  const legacy = all(node, "tool");
  if (legacy.length > 0) {
    return legacy.map((tool) =>
      compact({
        vendor: textOf(tool, "vendor"),
        name: textOf(tool, "name"),
        version: textOf(tool, "version"),
        hashes: hashes(tool),
      }),
    );
  }
  return compact({
    components: list(first(node, "components"), "component", component),
    services: list(first(node, "services"), "service", service),
  });
}

function component(node: XmlNode): JsonObject {
  return compact({
    type: attr(node, "type"),
    "mime-type": attr(node, "mime-type"),
    "bom-ref": attr(node, "bom-ref"),
    supplier: map(first(node, "supplier"), organization),
    manufacturer: map(first(node, "manufacturer"), organization),
    authors: list(first(node, "authors"), "author", contact),
    author: textOf(node, "author"),
    publisher: textOf(node, "publisher"),
    group: textOf(node, "group"),
    name: textOf(node, "name"),
    version: textOf(node, "version"),
    description: textOf(node, "description"),
    scope: textOf(node, "scope"),
    hashes: hashes(node),
    licenses: licenses(first(node, "licenses")),
    copyright: textOf(node, "copyright"),
    cpe: textOf(node, "cpe"),
    purl: textOf(node, "purl"),
    omniborId: nonEmpty(all(node, "omniborId").map(text)),
    swhid: nonEmpty(all(node, "swhid").map(text)),
    externalReferences: list(first(node, "externalReferences"), "reference", externalReference),
    properties: list(first(node, "properties"), "property", property),
    components: list(first(node, "components"), "component", component),
    tags: nonEmpty(all(first(node, "tags"), "tag").map(text)),
  });
}

function service(node: XmlNode): JsonObject {
  return compact({
    "bom-ref": attr(node, "bom-ref"),
    provider: map(first(node, "provider"), organization),
    group: textOf(node, "group"),
    name: textOf(node, "name"),
    version: textOf(node, "version"),
    description: textOf(node, "description"),
    endpoints: nonEmpty(all(first(node, "endpoints"), "endpoint").map(text)),
    externalReferences: list(first(node, "externalReferences"), "reference", externalReference),
    properties: list(first(node, "properties"), "property", property),
    services: list(first(node, "services"), "service", service),
  });
}

function dependency(node: XmlNode): JsonObject {
  return compact({
    ref: attr(node, "ref"),
    dependsOn: nonEmpty(all(node, "dependency").map((child) => attr(child, "ref") ?? "")),
  });
}

function vulnerability(node: XmlNode): JsonObject {
  return compact({
    "bom-ref": attr(node, "bom-ref"),
    id: textOf(node, "id"),
    source: map(first(node, "source"), source),
    references: list(first(node, "references"), "reference", (n) =>
      compact({ id: textOf(n, "id"), source: map(first(n, "source"), source) }),
    ),
    ratings: list(first(node, "ratings"), "rating", rating),
    cwes: nonEmpty(all(first(node, "cwes"), "cwe").map((cwe) => integer(text(cwe)) ?? "")),
    description: textOf(node, "description"),
    detail: textOf(node, "detail"),
    recommendation: textOf(node, "recommendation"),
    workaround: textOf(node, "workaround"),
    advisories: list(first(node, "advisories"), "advisory", (n) =>
      compact({ title: textOf(n, "title"), url: textOf(n, "url") }),
    ),
    created: textOf(node, "created"),
    published: textOf(node, "published"),
    updated: textOf(node, "updated"),
    rejected: textOf(node, "rejected"),
    analysis: map(first(node, "analysis"), analysis),
    affects: list(first(node, "affects"), "target", target),
    properties: list(first(node, "properties"), "property", property),
  });
}

function rating(node: XmlNode): JsonObject {
  return compact({
    source: map(first(node, "source"), source),
    score: number(textOf(node, "score")),
    severity: textOf(node, "severity"),
    method: textOf(node, "method"),
    vector: textOf(node, "vector"),
    justification: textOf(node, "justification"),
  });
}

function analysis(node: XmlNode): JsonObject {
  return compact({
    state: textOf(node, "state"),
    justification: textOf(node, "justification"),
    response: nonEmpty(all(first(node, "responses"), "response").map(text)),
    detail: textOf(node, "detail"),
    firstIssued: textOf(node, "firstIssued"),
    lastUpdated: textOf(node, "lastUpdated"),
  });
}

function target(node: XmlNode): JsonObject {
  const versions = list(first(node, "versions"), "version", (n) =>
    compact({ version: textOf(n, "version"), range: textOf(n, "range"), status: textOf(n, "status") }),
  );
  return compact({ ref: textOf(node, "ref"), versions });
}

function organization(node: XmlNode): JsonObject {
  return compact({
    "bom-ref": attr(node, "bom-ref"),
    name: textOf(node, "name"),
    url: nonEmpty(all(node, "url").map(text)),
    contact: nonEmpty(all(node, "contact").map(contact)),
  });
}

function contact(node: XmlNode): JsonObject {
  return compact({
    "bom-ref": attr(node, "bom-ref"),
    name: textOf(node, "name"),
    email: textOf(node, "email"),
    phone: textOf(node, "phone"),
  });
}

function source(node: XmlNode): JsonObject {
  return compact({ name: textOf(node, "name"), url: textOf(node, "url") });
}

function licenses(node: XmlNode | undefined): JsonValue[] | undefined {
  const entries: JsonValue[] = all(node, "license").map((license) => ({
    license: compact({
      "bom-ref": attr(license, "bom-ref"),
      id: textOf(license, "id"),
      name: textOf(license, "name"),
      acknowledgement: attr(license, "acknowledgement"),
      url: textOf(license, "url"),
    }),
  }));
  for (const expression of all(node, "expression")) {
    entries.push(
      compact({
        expression: text(expression),
        acknowledgement: attr(expression, "acknowledgement"),
        "bom-ref": attr(expression, "bom-ref"),
      }),
    );
  }
  return nonEmpty(entries);
}

function hashes(node: XmlNode): JsonValue[] | undefined {
  return list(first(node, "hashes"), "hash", (hash) => compact({ alg: attr(hash, "alg"), content: text(hash) }));
}

function externalReference(node: XmlNode): JsonObject {
  return compact({
    type: attr(node, "type"),
    url: textOf(node, "url"),
    comment: textOf(node, "comment"),
    hashes: hashes(node),
  });
}

function property(node: XmlNode): JsonObject {
  return compact({ name: attr(node, "name"), value: text(node) });
}

// --- access to the parsed tree ------------------------------------------------------------

function all(node: XmlNode | undefined, name: string): XmlNode[] {
  if (node === undefined || typeof node === "string") return [];
  const children = Object.hasOwn(node, name) ? node[name] : undefined;
  return Array.isArray(children) ? children : [];
}

function first(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return all(node, name)[0];
}

function attr(node: XmlNode, name: string): string | undefined {
  if (typeof node === "string") return undefined;
  const value = Object.hasOwn(node, `@${name}`) ? node[`@${name}`] : undefined;
  return typeof value === "string" ? value : undefined;
}

/** Text content; an element with attributes keeps it under `#text`. Empty elements give "". */
function text(node: XmlNode): string {
  if (typeof node === "string") return node;
  const value = node["#text"];
  return typeof value === "string" ? value : "";
}

function textOf(node: XmlNode, name: string): string | undefined {
  const child = first(node, name);
  return child === undefined ? undefined : text(child);
}

function map<T>(node: XmlNode | undefined, convert: (node: XmlNode) => T): T | undefined {
  return node === undefined ? undefined : convert(node);
}

/** Children `name` of the wrapper element `node`, converted; undefined when there are none. */
function list(node: XmlNode | undefined, name: string, convert: (node: XmlNode) => JsonValue): JsonValue[] | undefined {
  return nonEmpty(all(node, name).map(convert));
}

function nonEmpty<T>(values: T[]): T[] | undefined {
  return values.length > 0 ? values : undefined;
}

/** A decimal integer as a number; anything else stays text for the schema to reject. */
function integer(value: string | undefined): number | string | undefined {
  return value !== undefined && /^-?\d+$/.test(value) ? Number(value) : value;
}

/** A decimal number as a number; anything else stays text for the schema to reject. */
function number(value: string | undefined): number | string | undefined {
  return value !== undefined && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
}

/** Drop undefined members so the mapped object has only what the XML said. */
function compact(members: Record<string, JsonValue | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(members)) if (value !== undefined) out[key] = value;
  return out;
}
