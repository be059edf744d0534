-- Clearinghouse reports: intake with provenance, server-computed CVSS and SSVC, KEV enrichment,
-- completeness, per-participant report states (CERT/CC), attachments (content-addressed blobs),
-- an event trail, and the keys dedup looks candidates up by.

create table reports (
  id text primary key,                       -- rpt_<ulid>: time-sortable
  reporter_user_id text not null references users (id),
  reporter_org_id text not null references orgs (id),
  title text not null,
  description text not null,
  affected jsonb not null,                   -- [{kind: purl|cpe|product, ...}] as given (validated)
  package_keys text[] not null default '{}', -- normalised package/product keys (dedup lookup)
  cwes text[] not null default '{}',
  cve_ids text[] not null default '{}',
  cvss jsonb not null default '[]',          -- [{vector, version, score, severity}], computed here
  cvss_score real,                           -- the newest version's score (triage order)
  impact text not null default '',
  reproduction text not null default '',
  disclosure jsonb not null default '{}',
  credit jsonb,
  provenance_kind text not null check (provenance_kind in ('human', 'ai_assisted', 'ai_autonomous')),
  provenance jsonb not null,
  status text not null check (status in ('received', 'incomplete', 'invalid', 'valid', 'accepted', 'deferred', 'closed')),
  completeness integer not null check (completeness between 0 and 100),
  missing text[] not null default '{}',
  ssvc jsonb,                                -- {table, inputs, outcome, outcomeName}
  triage_rank integer not null default 0,    -- 3 Coordinate, 2 Track, 1 Decline, 0 not yet decided
  kev jsonb,                                 -- KEV entries of the report's CVE ids
  in_kev boolean not null default false,
  tlp text not null default 'AMBER' check (tlp in ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
  stack jsonb,                               -- {frames, sink} as given
  fingerprint text,                          -- SHA-256 of normalised top frames + sink
  evidence jsonb,                            -- reproduction evidence recorded at validation
  duplicate_of text references reports (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index reports_org on reports (reporter_org_id, id desc);
create index reports_triage on reports (triage_rank desc, in_kev desc, (coalesce(cvss_score, -1)) desc, id desc);
create index reports_packages on reports using gin (package_keys);
create index reports_cwes on reports using gin (cwes);
create index reports_fingerprint on reports (fingerprint) where fingerprint is not null;
create index reports_quota on reports (reporter_org_id, created_at);

create table report_attachments (
  report_id text not null references reports (id),
  sha256 text not null references blobs (sha256),
  filename text not null,
  size integer not null,
  media_type text not null,                  -- as the uploader declared it; never used to serve
  uploaded_by text not null references users (id),
  created_at timestamptz not null default now(),
  primary key (report_id, sha256)
);

create table report_events (
  id text primary key,
  report_id text not null references reports (id),
  at timestamptz not null default now(),
  actor_user_id text references users (id),
  kind text not null check (kind in ('submitted', 'transition', 'attachment', 'merged', 'duplicate_received')),
  from_status text,
  to_status text,
  note text not null default '',
  details jsonb not null default '{}'
);
create index report_events_report on report_events (report_id, at);
