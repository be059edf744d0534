-- The clearinghouse as a CNA: CVE ids reserved from the configured block (instance setting
-- `cve_ids.block`), their owning organisation, and their life: RESERVED → PUBLISHED | REJECTED.

create table cve_ids (
  cve_id text primary key check (cve_id ~ '^CVE-[0-9]{4}-[0-9]{4,}$'),
  year integer not null check (year between 1999 and 9999),
  number integer not null check (number >= 1),  -- the sequence number: the allocator searches by it
  state text not null default 'RESERVED' check (state in ('RESERVED', 'PUBLISHED', 'REJECTED')),
  owning_org_id text not null references orgs (id),
  requested_by text not null references users (id),
  reserved_at timestamptz not null default now(),
  case_id text,                                 -- the case it was reserved for (cases module's id)
  advisory_id text,                             -- set when published
  reject_reason text,
  updated_at timestamptz not null default now(),
  unique (year, number)
);
create index cve_ids_org on cve_ids (owning_org_id, state);
