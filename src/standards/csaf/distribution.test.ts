import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { emitCsaf } from "./codec.ts";
import {
  buildProviderMetadata,
  type ProviderMetadata,
  parseProviderMetadata,
  validateProviderMetadata,
} from "./provider-metadata.ts";
import { buildRolieFeed, parseRolieFeed, validateRolieFeed } from "./rolie.ts";
import { sampleAdvisory, sampleVex } from "./testdata/index.ts";

const PUBLISHER = { category: "coordinator", name: "AICC", namespace: "https://aicc.example" } as const;

function metadata(): ProviderMetadata {
  return buildProviderMetadata({
    canonicalUrl: "https://aicc.example/.well-known/csaf/provider-metadata.json",
    publisher: PUBLISHER,
    lastUpdated: "2024-05-02T10:00:00.000Z",
    role: "csaf_trusted_provider",
    feeds: [
      {
        summary: "Public advisories",
        tlp_label: "WHITE",
        url: "https://aicc.example/.well-known/csaf/feed-tlp-white.json",
      },
      { summary: "Partner advisories", tlp_label: "AMBER", url: "https://aicc.example/csaf/amber/feed-tlp-amber.json" },
    ],
    publicOpenpgpKeys: [
      { fingerprint: "8F5F267907B2C4559DB360DB2294BA7D2B2298B1", url: "https://aicc.example/key.asc" },
    ],
  });
}

describe("provider metadata", () => {
  it("builds a document the OASIS schema accepts, with the schema's defaults", () => {
    const built = metadata();
    assert.equal(built.metadata_version, "2.0");
    assert.equal(built.list_on_CSAF_aggregators, true);
    assert.equal(built.mirror_on_CSAF_aggregators, true);
    assert.deepEqual(validateProviderMetadata(built), { valid: true, errors: [], warnings: [] });
    const parsed = parseProviderMetadata(JSON.parse(emitCsaf(built)));
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.value, built);
  });

  it("reports schema violations with the field", () => {
    const bad = { ...metadata(), canonical_url: "https://aicc.example/metadata.json" };
    const report = validateProviderMetadata(bad);
    assert.equal(report.valid, false);
    assert.equal(report.errors[0]?.code, "csaf.provider_schema");
    assert.equal(report.errors[0]?.path, "/canonical_url");
    assert.ok(!parseProviderMetadata(null).ok);
  });

  it("warns about two feeds for one TLP label and about a missing public feed", () => {
    const amberOnly = buildProviderMetadata({
      canonicalUrl: "https://aicc.example/provider-metadata.json",
      publisher: PUBLISHER,
      lastUpdated: "2024-05-02T10:00:00Z",
      feeds: [
        { tlp_label: "AMBER", url: "https://aicc.example/a.json" },
        { tlp_label: "AMBER", url: "https://aicc.example/b.json" },
      ],
    });
    const codes = validateProviderMetadata(amberOnly).warnings.map((w) => w.code);
    assert.deepEqual(codes.sort(), ["csaf.duplicate_feed_tlp", "csaf.no_public_feed"]);
  });
});

describe("ROLIE feed", () => {
  it("builds a valid feed from CSAF documents, newest first", () => {
    const older = sampleAdvisory();
    const newer = sampleVex();
    newer.document.tracking.current_release_date = "2024-06-01T00:00:00.000Z";
    const feed = buildRolieFeed({
      id: "aicc-csaf-feed-tlp-white",
      title: "AICC CSAF feed (TLP:WHITE)",
      url: "https://aicc.example/.well-known/csaf/feed-tlp-white.json",
      updated: "2024-06-01T00:00:00.000Z",
      entries: [
        { document: older, url: "https://aicc.example/csaf/2024/aicc-2024-0001.json" },
        {
          document: newer,
          url: "https://aicc.example/csaf/2024/aicc-vex-2024-0002.json",
          hashUrl: "https://aicc.example/csaf/2024/aicc-vex-2024-0002.json.sha512",
          signatureUrl: "https://aicc.example/csaf/2024/aicc-vex-2024-0002.json.asc",
        },
      ],
    });
    assert.deepEqual(validateRolieFeed(feed), { valid: true, errors: [], warnings: [] });
    assert.deepEqual(
      feed.feed.entry.map((e) => e.id),
      ["AICC-VEX-2024-0002", "AICC-2024-0001"],
    );
    assert.deepEqual(
      feed.feed.entry[0]?.link.map((l) => l.rel),
      ["self", "hash", "signature"],
    );
    assert.equal(feed.feed.entry[1]?.summary?.content, "Cross-site scripting in Example Widget.");
    assert.ok(parseRolieFeed(JSON.parse(emitCsaf(feed))).ok);
  });

  it("rejects a feed without the csaf category", () => {
    const feed = buildRolieFeed({
      id: "f",
      title: "F",
      url: "https://x.example/f.json",
      updated: "2024-01-01T00:00:00Z",
      entries: [],
    });
    feed.feed.category = [{ term: "other" }];
    const report = validateRolieFeed(feed);
    assert.equal(report.valid, false);
    assert.ok(report.errors.every((e) => e.code === "csaf.rolie_feed"));
    assert.ok(report.errors.some((e) => e.path === "/feed/category"));
  });
});
