-- Evaluation runs: the run spec, one row per (sample, epoch), every event as it happens, and the
-- response cache of completed model calls that makes a killed run resume without repeating one.

create table eval_runs (
  id text primary key,                      -- run_…
  spec jsonb not null,                      -- task, dataset, model, epochs, limits, versions, seed
  status text not null default 'running' check (status in ('running', 'done')),
  engagement_id text,                       -- set by the framework module for engagement runs
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
create index eval_runs_created on eval_runs (created_at desc);

create table eval_samples (
  run_id text not null references eval_runs (id) on delete cascade,
  sample_id text not null,
  epoch integer not null check (epoch >= 1),
  sample jsonb not null,                    -- the sample itself: any worker can run it without the dataset file
  status text not null default 'pending' check (status in ('pending', 'running', 'done', 'error')),
  score jsonb,                              -- scorer name → Score
  answer text,
  error_kind text check (error_kind in ('infrastructure', 'model', 'limit', 'scorer')),
  error_message text,
  limit_hit text check (limit_hit in ('tokens', 'turns', 'time')),
  usage jsonb,                              -- { inputTokens, outputTokens }
  attempts integer not null default 0,
  started_at timestamptz,
  finished_at timestamptz,
  duration_ms integer,
  primary key (run_id, sample_id, epoch)
);
create index eval_samples_status on eval_samples (run_id, status);

create table eval_events (
  run_id text not null references eval_runs (id) on delete cascade,
  sample_id text not null,
  epoch integer not null,
  seq integer not null,                     -- per (run, sample, epoch), continuing across attempts
  attempt integer not null,
  type text not null,
  payload jsonb not null,
  at timestamptz not null,
  primary key (run_id, sample_id, epoch, seq)
);

create table eval_model_calls (
  run_id text not null references eval_runs (id) on delete cascade,
  key text not null,                        -- cacheKey(model, messages, tools, config, epoch, sample, repeat)
  sample_id text not null,
  epoch integer not null,
  output jsonb not null,                    -- ModelOutput
  created_at timestamptz not null default now(),
  primary key (run_id, key)
);
