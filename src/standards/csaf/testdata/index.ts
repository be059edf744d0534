/**
 * Hand-written CSAF documents for the tests: a security advisory and a VEX document that pass every mandatory and
 * every optional test. Each call returns a fresh copy, keys in CSAF order, so a test may mutate it.
 */

import type { CsafDocument } from "../document-types.ts";
import { sortKeysDeep } from "../json-order.ts";

const PUBLISHER = { category: "vendor", name: "Example Clearinghouse", namespace: "https://aicc.example" } as const;

function widget(version: string, id: string) {
  return {
    category: "product_version",
    name: version,
    product: {
      name: `Example Vendor Widget ${version}`,
      product_id: id,
      product_identification_helper: { purl: `pkg:npm/example-widget@${version}` },
    },
  } as const;
}

const PRODUCT_TREE = {
  branches: [
    {
      category: "vendor",
      name: "Example Vendor",
      branches: [
        {
          category: "product_name",
          name: "Widget",
          branches: [widget("1.0.0", "CSAFPID-0001"), widget("1.1.0", "CSAFPID-0002")],
        },
      ],
    },
  ],
} as const;

function documentMeta(category: string, id: string, title: string) {
  return {
    category,
    csaf_version: "2.0",
    distribution: { tlp: { label: "WHITE", url: "https://www.first.org/tlp/" } },
    lang: "en",
    notes: [{ category: "summary", text: `${title}.`, title: "Summary" }],
    publisher: PUBLISHER,
    references: [
      {
        category: "self",
        summary: "Canonical URL",
        url: `https://aicc.example/.well-known/csaf/white/2024/${id.toLowerCase()}.json`,
      },
    ],
    title,
    tracking: {
      current_release_date: "2024-05-02T10:00:00.000Z",
      id,
      initial_release_date: "2024-05-01T10:00:00.000Z",
      revision_history: [
        { date: "2024-05-01T10:00:00.000Z", number: "1", summary: "Initial version." },
        { date: "2024-05-02T10:00:00.000Z", number: "2", summary: "Fixed version added." },
      ],
      status: "final",
      version: "2",
    },
  };
}

/** A `csaf_security_advisory`: one vulnerability, one affected and one fixed product. */
export function sampleAdvisory(): CsafDocument {
  return sortKeysDeep({
    document: documentMeta("csaf_security_advisory", "AICC-2024-0001", "Cross-site scripting in Example Widget"),
    product_tree: PRODUCT_TREE,
    vulnerabilities: [
      {
        cve: "CVE-2024-0001",
        cwe: {
          id: "CWE-79",
          name: "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')",
        },
        notes: [{ category: "description", text: "The widget echoes its title unescaped.", title: "Description" }],
        product_status: { fixed: ["CSAFPID-0002"], known_affected: ["CSAFPID-0001"] },
        remediations: [
          {
            category: "vendor_fix",
            details: "Update to 1.1.0.",
            product_ids: ["CSAFPID-0001"],
            url: "https://example.com/widget/1.1.0",
          },
        ],
        scores: [
          {
            cvss_v3: {
              baseScore: 6.1,
              baseSeverity: "MEDIUM",
              vectorString: "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N",
              version: "3.1",
            },
            products: ["CSAFPID-0001"],
          },
        ],
      },
    ],
  }) as CsafDocument;
}

/** A `csaf_vex` document: 1.0.0 is affected (with an action statement), 1.1.0 not affected (with a flag). */
export function sampleVex(): CsafDocument {
  return sortKeysDeep({
    document: documentMeta("csaf_vex", "AICC-VEX-2024-0002", "Example Widget and CVE-2024-0002"),
    product_tree: PRODUCT_TREE,
    vulnerabilities: [
      {
        cve: "CVE-2024-0002",
        flags: [{ label: "vulnerable_code_not_present", product_ids: ["CSAFPID-0002"] }],
        notes: [{ category: "description", text: "A parser flaw in older widgets.", title: "Description" }],
        product_status: { known_affected: ["CSAFPID-0001"], known_not_affected: ["CSAFPID-0002"] },
        remediations: [{ category: "vendor_fix", details: "Update to 1.1.0.", product_ids: ["CSAFPID-0001"] }],
        scores: [
          {
            cvss_v3: {
              baseScore: 7.5,
              baseSeverity: "HIGH",
              vectorString: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H",
              version: "3.1",
            },
            products: ["CSAFPID-0001"],
          },
        ],
      },
    ],
  }) as CsafDocument;
}
