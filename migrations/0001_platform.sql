-- Platform: identity, sessions, tokens, rate limits, audit chain, work queue, blobs, secrets, signing keys.

create table orgs (
  id text primary key,
  name text not null unique,
  kind text not null check (kind in ('government', 'ai_developer', 'vendor', 'operator', 'researcher')),
  sectors text[] not null default '{}',
  created_at timestamptz not null default now()
);

create table users (
  id text primary key,
  org_id text not null references orgs (id),
  email text not null unique,
  display_name text not null,
  password_hash text,
  roles text[] not null default '{}',
  clearance text not null default 'none' check (clearance in ('none', 'cui', 'secret', 'top_secret')),
  demo boolean not null default false,
  disabled_at timestamptz,
  created_at timestamptz not null default now()
);
create index users_org on users (org_id);

create table sessions (
  id text primary key,               -- SHA-256 of the cookie value; the value itself is never stored
  user_id text not null references users (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ip text,
  user_agent text
);
create index sessions_user on sessions (user_id);

create table api_tokens (
  id text primary key,
  user_id text not null references users (id) on delete cascade,
  name text not null,
  token_hash text not null unique,   -- SHA-256 of the secret part; shown once at creation
  scopes text[] not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz
);
create index api_tokens_user on api_tokens (user_id);

create table rate_limits (
  key text primary key,
  window_start timestamptz not null,
  count integer not null
);

create table audit_log (
  seq integer primary key,           -- contiguous from 1; a gap is tampering
  id text not null unique,
  at timestamptz not null,
  actor_id text,
  actor_org_id text,
  action text not null,
  subject_type text not null,
  subject_id text not null,
  before_digest text,
  after_digest text,
  details jsonb not null default '{}',
  prev_hash text not null,
  hash text not null
);
create index audit_subject on audit_log (subject_type, subject_id);

-- The newest entry, updated in the same transaction as each append: deleting the tail is detected too.
create table audit_head (
  singleton boolean primary key default true check (singleton),
  seq integer not null,
  hash text not null
);

create table jobs (
  id text primary key,
  queue text not null,
  payload jsonb not null,
  priority integer not null default 0,
  state text not null default 'queued' check (state in ('queued', 'running', 'done', 'dead')),
  attempts integer not null default 0,
  max_attempts integer not null default 5,
  run_at timestamptz not null default now(),
  lease_owner text,
  lease_until timestamptz,
  idempotency_key text,
  last_error text,
  result jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz
);
create unique index jobs_idempotency on jobs (queue, idempotency_key) where idempotency_key is not null;
create index jobs_ready on jobs (queue, priority desc, run_at) where state = 'queued';
create index jobs_leases on jobs (lease_until) where state = 'running';

create table blobs (
  sha256 text primary key,
  size integer not null,
  media_type text not null,
  content bytea not null,
  created_at timestamptz not null default now()
);

create table secrets (
  id text primary key,
  owner_org_id text references orgs (id),
  name text not null,
  envelope jsonb not null,           -- AES-256-GCM ciphertext with its wrapped data key
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (owner_org_id, name)
);

create table signing_keys (
  id text primary key,
  purpose text not null,
  public_key text not null,          -- SPKI PEM
  private_envelope jsonb not null,   -- PKCS#8 DER, sealed
  created_at timestamptz not null default now(),
  retired_at timestamptz
);

create table instance_settings (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);
