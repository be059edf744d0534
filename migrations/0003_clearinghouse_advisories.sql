-- Clearinghouse advisories: published and imported advisories with their documents per format, the
-- packages they affect (OSV affected entries, for the OSV API and matching), CISA's KEV catalogue.

create table advisories (
  id text primary key,               -- AICC-YYYY-NNNN for our own; the source's id for imports (GO-…, PYSEC-…)
  source text not null check (source in ('import:osv', 'import:csaf', 'import:cve5', 'case')),
  source_id text not null,
  case_id text,
  osv_id text,                       -- id of the OSV document (x_AICC-… for ours: OSV reserves prefixes)
  aliases text[] not null default '{}',
  cve_id text,
  title text not null,
  summary text not null default '',
  severity text check (severity in ('NONE', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
  cvss_score real,
  tlp text not null check (tlp in ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
  recipients text[] not null default '{}',  -- org ids that may read an AMBER/RED advisory
  revision integer not null default 1,
  published_at timestamptz not null,
  modified_at timestamptz not null,
  withdrawn_at timestamptz,
  formats text[] not null,           -- keys of documents: csaf, osv, cve5
  documents jsonb not null,          -- {"csaf": …, "osv": …, "cve5": …}
  content_hash text not null,        -- SHA-256 of the source document (imports) or the draft (cases)
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (source, source_id)
);
create index advisories_modified on advisories (modified_at desc, id desc);
create index advisories_aliases on advisories using gin (aliases);
create index advisories_cve on advisories (cve_id);
create index advisories_osv on advisories (osv_id);
create index advisories_case on advisories (case_id) where case_id is not null;

create table advisory_packages (
  advisory_id text not null references advisories (id) on delete cascade,
  idx integer not null,              -- position in the OSV affected[] list
  ecosystem text,                    -- OSV ecosystem with any suffix (Debian:12); null for GIT-only entries
  name text,
  normalized_name text,              -- lookup key: PyPI names per PEP 503, others as written
  purl text,
  commits text[] not null default '{}',  -- commits a GIT range names as affected (introduced, last_affected)
  affected jsonb not null,           -- the OSV affected entry, evaluated with standards/versions
  primary key (advisory_id, idx)
);
create index advisory_packages_lookup on advisory_packages (normalized_name, ecosystem);
create index advisory_packages_purl on advisory_packages (purl) where purl is not null;
create index advisory_packages_commits on advisory_packages using gin (commits);

-- Our own advisory numbers per year (AICC-2026-0001), allocated in the publishing transaction.
create table advisory_counters (
  year integer primary key,
  last integer not null
);

create table kev_entries (
  cve_id text primary key,
  vendor text not null,
  product text not null,
  name text not null,
  description text not null default '',
  required_action text not null default '',
  date_added text not null check (date_added ~ '^\d{4}-\d{2}-\d{2}$'),  -- calendar dates as CISA gives them
  due_date text check (due_date ~ '^\d{4}-\d{2}-\d{2}$'),
  known_ransomware boolean not null, -- CISA's "Known" (true) or "Unknown" (false)
  notes text not null default '',
  cwes text[] not null default '{}',
  content_hash text not null,
  updated_at timestamptz not null default now()
);
