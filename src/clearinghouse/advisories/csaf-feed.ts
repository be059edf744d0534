import { createHash } from "node:crypto";
import type { Db } from "../../platform/db/database.ts";
import { AppError, notFound } from "../../platform/errors/errors.ts";
import { advisoryReadScope } from "../../platform/policy/index.ts";
import {
  buildProviderMetadata,
  buildRolieFeed,
  type CsafDocument,
  csafFilename,
  emitCsaf,
  type ProviderMetadata,
  type RolieFeedDocument,
  validateProviderMetadata,
  validateRolieFeed,
} from "../../standards/csaf/index.ts";
import type { ValidationReport } from "../../standards/result.ts";
import type { PublisherInfo } from "./render-context.ts";
import * as store from "./store.ts";

/**
 * Our CSAF 2.0 provider: `/.well-known/csaf/provider-metadata.json`, one ROLIE feed for TLP:WHITE
 * (TLP 2.0 CLEAR: CSAF 2.0 still writes TLP 1.0 labels, hence the `white` folder of the CSAF 2.0
 * distribution rules), the documents by year with their SHA-256/SHA-512 files, `index.txt` and
 * `changes.csv`. It lists the advisories the clearinghouse published itself; imported documents
 * belong to their own publishers. Everything here is public: it answers as the anonymous principal.
 */

export const CSAF_ROOT = "/.well-known/csaf";
const FOLDER = `${CSAF_ROOT}/white`;

interface FeedDocument {
  id: string;
  /** `2026/aicc-2026-0001.json`, relative to the TLP folder. */
  path: string;
  modifiedAt: Date;
  document: CsafDocument;
}

function assertValid(what: string, report: ValidationReport): void {
  if (report.valid) return;
  const first = report.errors[0]!;
  throw new AppError("internal", `${what} is invalid: ${first.path ?? ""}: ${first.message}`);
}

export class CsafFeed {
  constructor(
    private readonly db: Db,
    private readonly publisher: PublisherInfo,
  ) {}

  private url(path: string): string {
    return `${this.publisher.baseUrl}${path}`;
  }

  private async documents(): Promise<FeedDocument[]> {
    const rows = await store.publishedCsaf(this.db, advisoryReadScope(null));
    return rows.map((r) => ({
      id: r.id,
      path: `${r.publishedAt.toISOString().slice(0, 4)}/${csafFilename(r.id)}`,
      modifiedAt: r.modifiedAt,
      document: r.document as CsafDocument,
    }));
  }

  private static updated(docs: FeedDocument[]): string {
    return (docs[0]?.modifiedAt ?? new Date(0)).toISOString();
  }

  /** provider-metadata.json, checked against the provider schema before it is served. */
  async providerMetadata(): Promise<ProviderMetadata> {
    const docs = await this.documents();
    const metadata = buildProviderMetadata({
      canonicalUrl: this.url(`${CSAF_ROOT}/provider-metadata.json`),
      publisher: { category: "coordinator", name: this.publisher.name, namespace: this.publisher.namespace },
      lastUpdated: CsafFeed.updated(docs),
      role: "csaf_provider",
      feeds: [
        {
          summary: "Advisories published by the clearinghouse as TLP:CLEAR (TLP 1.0: WHITE).",
          tlp_label: "WHITE",
          url: this.url(`${FOLDER}/feed-tlp-white.json`),
        },
      ],
      directoryUrl: this.url(`${FOLDER}/`),
    });
    assertValid("provider metadata", validateProviderMetadata(metadata));
    return metadata;
  }

  /** The ROLIE feed of TLP:WHITE documents, newest first. */
  async feed(): Promise<RolieFeedDocument> {
    const docs = await this.documents();
    const feed = buildRolieFeed({
      id: "aicc-csaf-feed-tlp-white",
      title: `${this.publisher.name} CSAF feed (TLP:WHITE)`,
      url: this.url(`${FOLDER}/feed-tlp-white.json`),
      updated: CsafFeed.updated(docs),
      entries: docs.map((d) => ({
        document: d.document,
        url: this.url(`${FOLDER}/${d.path}`),
        hashUrl: this.url(`${FOLDER}/${d.path}.sha256`),
      })),
    });
    assertValid("ROLIE feed", validateRolieFeed(feed));
    return feed;
  }

  /** `index.txt`: every document path, one per line. */
  async index(): Promise<string> {
    return (await this.documents()).map((d) => `${d.path}\n`).join("");
  }

  /** `changes.csv`: path and last change, newest first. */
  async changes(): Promise<string> {
    return (await this.documents()).map((d) => `"${d.path}","${d.modifiedAt.toISOString()}"\n`).join("");
  }

  /** A document (or its `.sha256`/`.sha512` hash file) by its path below the TLP folder. */
  async file(year: string, name: string): Promise<{ body: string; type: string }> {
    const hash = /\.(sha256|sha512)$/.exec(name)?.[1];
    const path = `${year}/${hash === undefined ? name : name.slice(0, -hash.length - 1)}`;
    const doc = (await this.documents()).find((d) => d.path === path);
    if (doc === undefined) throw notFound(`${FOLDER}/${year}/${name}`);
    const text = emitCsaf(doc.document);
    if (hash === undefined) return { body: text, type: "application/json" };
    const digest = createHash(hash).update(text).digest("hex");
    return { body: `${digest}  ${path.split("/")[1]}\n`, type: "text/plain" };
  }
}
