import { useId } from "react";
import { affectedLabel } from "./case-format.ts";
import type { Vulnerability } from "./types.ts";

/** The case's vulnerabilities: identifiers, weakness, severity and the affected products. */
export function VulnerabilitiesSection({ vulnerabilities }: { vulnerabilities: Vulnerability[] }) {
  const id = useId();
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Vulnerabilities</h2>
      {vulnerabilities.length === 0 ? <p>No vulnerability is recorded yet.</p> : null}
      {vulnerabilities.map((vul) => (
        <article key={vul.id} className="vulnerability" aria-labelledby={`${id}-${vul.id}`}>
          <h3 id={`${id}-${vul.id}`}>{vul.title}</h3>
          <dl className="details">
            <dt>CVE</dt>
            <dd>{vul.cveId ?? "Not assigned"}</dd>
            <dt>CWE</dt>
            <dd>{vul.cwes.length > 0 ? vul.cwes.join(", ") : "—"}</dd>
            <dt>CVSS</dt>
            <dd>
              {vul.cvss.length === 0
                ? "—"
                : vul.cvss.map((score) => (
                    <span key={score.vector} className="cvss">
                      <strong>
                        {score.score.toFixed(1)} {score.severity}
                      </strong>{" "}
                      <code>{score.vector}</code>
                    </span>
                  ))}
            </dd>
            <dt>Affected</dt>
            <dd>
              {vul.affected.length === 0 ? (
                "—"
              ) : (
                <ul className="plain-list">
                  {vul.affected.map((affected) => (
                    <li key={affectedLabel(affected)}>
                      <code>{affectedLabel(affected)}</code>
                    </li>
                  ))}
                </ul>
              )}
            </dd>
            <dt>Id</dt>
            <dd>
              <code>{vul.id}</code>
            </dd>
          </dl>
          <p className="prose">{vul.description}</p>
        </article>
      ))}
    </section>
  );
}
