-- Clearinghouse cases (CERT/CC style coordination): the case with its flags, embargo and TLP; the
-- reports it links; participating organisations with their per-participant report state; the
-- vulnerabilities it will publish; vendor statements in VEX terms; messages; and a timeline.

create table cases (
  id text primary key,                         -- case_<ulid>: time-sortable
  title text not null,
  summary text not null default '',
  status text not null default 'open' check (status in ('open', 'closed')),
  tlp text not null default 'AMBER' check (tlp in ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
  vendor_aware boolean not null default false,
  fix_ready boolean not null default false,
  fix_deployed boolean not null default false,
  public_aware boolean not null default false,
  exploit_public boolean not null default false,
  attacks_observed boolean not null default false,
  embargo_state text not null default 'none'
    check (embargo_state in ('none', 'proposed', 'active', 'revise', 'exited')),
  embargo_ends_at timestamptz,                 -- the agreed end (active, revise); when it ended (exited)
  embargo_proposed_ends_at timestamptz,        -- while proposed or revise
  embargo_exited_reason text,
  ssvc_outcome text,                           -- coordinator-triage outcome of the linked reports (highest)
  created_by text not null references users (id),
  published_at timestamptz,                    -- first publication of the case's advisories
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index cases_status on cases (status, id desc);

create table case_reports (
  case_id text not null references cases (id),
  report_id text not null unique references reports (id),   -- a report belongs to one case
  duplicate boolean not null default false,    -- linked later as a duplicate of the case's flaw
  shared boolean not null default true,        -- the reporter's organisation takes part in the case
  linked_at timestamptz not null default now(),
  primary key (case_id, report_id)
);

create table case_participants (
  case_id text not null references cases (id),
  org_id text not null references orgs (id),
  role text not null check (role in ('coordinator', 'reporter', 'vendor', 'operator')),
  report_state text not null default 'received'
    check (report_state in ('received', 'invalid', 'valid', 'accepted', 'deferred', 'closed')),
  added_by text references users (id),
  added_at timestamptz not null default now(),
  primary key (case_id, org_id)
);
create index case_participants_org on case_participants (org_id, case_id);

create table case_vulnerabilities (
  id text primary key,                         -- vul_<ulid>
  case_id text not null references cases (id),
  report_id text references reports (id),      -- the report it was copied from, if any
  title text not null,
  description text not null,
  cve_id text,
  cwes text[] not null default '{}',
  cvss jsonb not null default '[]',            -- [{vector, version, score, severity}], computed here
  affected jsonb not null default '[]',        -- [{kind: purl|cpe|product, ...}] as reports write it
  advisory_id text references advisories (id), -- set when published; a later publication revises it
  created_at timestamptz not null default now()
);
create index case_vulnerabilities_case on case_vulnerabilities (case_id, id);

create table case_statements (
  case_id text not null references cases (id),
  vulnerability_id text not null references case_vulnerabilities (id),
  vendor_org_id text not null references orgs (id),
  product text not null,                       -- a purl or "vendor product" text
  status text not null check (status in ('affected', 'not_affected', 'fixed', 'under_investigation')),
  justification text,
  impact_statement text,
  action_statement text,
  fixed_versions text[] not null default '{}',
  workarounds text not null default '',
  updated_by text not null references users (id),
  updated_at timestamptz not null default now(),
  primary key (vulnerability_id, vendor_org_id, product)
);
create index case_statements_case on case_statements (case_id);

create table case_messages (
  id text primary key,                         -- msg_<ulid>
  case_id text not null references cases (id),
  author_user_id text not null references users (id),
  author_org_id text not null references orgs (id),
  body text not null,                          -- Markdown as written; rendered as text, never HTML
  visibility text not null check (visibility in ('participants', 'coordinators')),
  created_at timestamptz not null default now()
);
create index case_messages_case on case_messages (case_id, id);

create table case_events (
  id text primary key,                         -- cev_<ulid>
  case_id text not null references cases (id),
  at timestamptz not null default now(),
  actor_user_id text references users (id),
  kind text not null,
  summary text not null,                       -- plain text for the timeline
  -- who sees the entry: every participant; coordinators only; or (statements) coordinators and
  -- org_id until the case is published, then every participant, as for the statement itself
  visibility text not null default 'participants' check (visibility in ('participants', 'coordinators', 'statement')),
  org_id text references orgs (id),
  details jsonb not null default '{}'
);
create index case_events_case on case_events (case_id, at, id);
