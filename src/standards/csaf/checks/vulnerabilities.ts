/**
 * Tests on `/vulnerabilities` items: CWE (6.1.11), duplicates (6.1.23, 6.1.24), product references of remediations and
 * flags (6.1.29, 6.1.32, 6.1.33), remediations (6.2.2), involvement dates (6.2.7) and CVE ids in `ids` (6.2.17).
 */

import { weaknesses } from "@secvisogram/csaf-validator-lib/cwe.js";
import { cweName } from "../../cwe/index.ts";
import { compareDateTimes } from "../date-time.ts";
import type { CsafCheck } from "./check.ts";
import { coveredProducts } from "./context.ts";

// CWE id → name in the newer CWE list the csaf-validator-lib bundles; built on first use.
let newerNames: Map<string, string> | undefined;

/**
 * The names a CWE id has had: in the project's catalogue (`../cwe`, CWE 4.14) and in the csaf-validator-lib's newer
 * list, which also knows weaknesses added since (such as CWE-1426 and CWE-1427 on generative AI). CSAF 2.0 does not
 * say which CWE version a document follows, so a name from either is accepted.
 */
function cweNames(id: string): string[] {
  newerNames ??= new Map(weaknesses.map((w) => [w.id, w.name]));
  return [cweName(id), newerNames.get(id)].filter((name): name is string => name !== undefined);
}

/** 6.1.11: the CWE exists and carries its name. */
export const invalidCwe: CsafCheck = {
  id: "6.1.11",
  reason: "invalid_cwe",
  title: "CWE",
  run(ctx, report) {
    ctx.doc.vulnerabilities?.forEach((vuln, v) => {
      if (vuln.cwe === undefined) return;
      const names = cweNames(vuln.cwe.id);
      if (names.length === 0) report(`/vulnerabilities/${v}/cwe/id`, `${vuln.cwe.id} is not a known CWE`);
      else if (!names.includes(vuln.cwe.name)) {
        report(`/vulnerabilities/${v}/cwe/name`, `the name of ${vuln.cwe.id} is "${names.at(-1)}"`);
      }
    });
  },
};

/** 6.1.23: a CVE appears in one vulnerability only. */
export const duplicateCve: CsafCheck = {
  id: "6.1.23",
  reason: "duplicate_cve",
  title: "Multiple Use of Same CVE",
  run(ctx, report) {
    const seen = new Set<string>();
    ctx.doc.vulnerabilities?.forEach((vuln, v) => {
      if (vuln.cve === undefined) return;
      if (seen.has(vuln.cve)) report(`/vulnerabilities/${v}/cve`, `${vuln.cve} is used by more than one vulnerability`);
      seen.add(vuln.cve);
    });
  },
};

/** 6.1.24: a party appears at most once per date in the involvements. */
export const duplicateInvolvement: CsafCheck = {
  id: "6.1.24",
  reason: "duplicate_involvement",
  title: "Multiple Definition in Involvements",
  run(ctx, report) {
    ctx.doc.vulnerabilities?.forEach((vuln, v) => {
      const dated = (vuln.involvements ?? []).map((inv, i) => ({ inv, i })).filter(({ inv }) => inv.date !== undefined);
      dated.forEach(({ inv, i }, n) => {
        const twin = dated
          .slice(0, n)
          .find((o) => o.inv.party === inv.party && compareDateTimes(o.inv.date!, inv.date!) === 0);
        if (twin)
          report(`/vulnerabilities/${v}/involvements/${i}`, `party ${inv.party} is listed twice at ${inv.date}`);
      });
    });
  },
};

/** 6.1.29: a remediation names the products it applies to. */
export const remediationWithoutProduct: CsafCheck = {
  id: "6.1.29",
  reason: "remediation_without_product",
  title: "Remediation without Product Reference",
  run(ctx, report) {
    ctx.doc.vulnerabilities?.forEach((vuln, v) => {
      vuln.remediations?.forEach((r, i) => {
        if (!r.product_ids && !r.group_ids)
          report(`/vulnerabilities/${v}/remediations/${i}`, "names no product or group");
      });
    });
  },
};

/** 6.1.32: a flag names the products it applies to. */
export const flagWithoutProduct: CsafCheck = {
  id: "6.1.32",
  reason: "flag_without_product",
  title: "Flag without Product Reference",
  run(ctx, report) {
    ctx.doc.vulnerabilities?.forEach((vuln, v) => {
      vuln.flags?.forEach((f, i) => {
        if (!f.product_ids && !f.group_ids) report(`/vulnerabilities/${v}/flags/${i}`, "names no product or group");
      });
    });
  },
};

/** 6.1.33: per vulnerability, a product is in at most one flag (every CSAF 2.0 flag label is a VEX justification). */
export const multipleVexFlags: CsafCheck = {
  id: "6.1.33",
  reason: "multiple_vex_flags",
  title: "Multiple Flags with VEX Justification Codes per Product",
  run(ctx, report) {
    ctx.doc.vulnerabilities?.forEach((vuln, v) => {
      const flagged = new Set<string>();
      vuln.flags?.forEach((flag, i) => {
        for (const id of coveredProducts(ctx, flag)) {
          if (flagged.has(id)) report(`/vulnerabilities/${v}/flags/${i}`, `product id ${id} already has a flag`);
          flagged.add(id);
        }
      });
    });
  },
};

const NEEDS_REMEDIATION = ["first_affected", "known_affected", "last_affected", "under_investigation"] as const;

/** 6.2.2: affected products and products under investigation have a remediation. */
export const missingRemediation: CsafCheck = {
  id: "6.2.2",
  reason: "missing_remediation",
  title: "Missing Remediation",
  run(ctx, report) {
    ctx.doc.vulnerabilities?.forEach((vuln, v) => {
      const remediated = new Set(vuln.remediations?.flatMap((r) => [...coveredProducts(ctx, r)]));
      for (const name of NEEDS_REMEDIATION) {
        vuln.product_status?.[name]?.forEach((id, i) => {
          if (!remediated.has(id))
            report(`/vulnerabilities/${v}/product_status/${name}/${i}`, `product id ${id} has no remediation`);
        });
      }
    });
  },
};

/** 6.2.7: every involvement has a date. */
export const missingInvolvementDate: CsafCheck = {
  id: "6.2.7",
  reason: "missing_involvement_date",
  title: "Missing Date in Involvements",
  run(ctx, report) {
    ctx.doc.vulnerabilities?.forEach((vuln, v) => {
      vuln.involvements?.forEach((inv, i) => {
        if (inv.date === undefined) report(`/vulnerabilities/${v}/involvements/${i}/date`, "is missing");
      });
    });
  },
};

const CVE_ID = /^CVE-[0-9]{4}-[0-9]{4,}$/;

/** 6.2.17: a CVE id belongs in `cve`, not in `ids`. */
export const cveInIds: CsafCheck = {
  id: "6.2.17",
  reason: "cve_in_ids",
  title: "CVE in field IDs",
  run(ctx, report) {
    ctx.doc.vulnerabilities?.forEach((vuln, v) => {
      vuln.ids?.forEach((id, i) => {
        if (CVE_ID.test(id.text)) report(`/vulnerabilities/${v}/ids/${i}/text`, `${id.text} is a CVE id`);
      });
    });
  },
};
