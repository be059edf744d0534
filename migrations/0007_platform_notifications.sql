-- Notifications: in-app notices per user, organisations' webhooks (secret sealed by the Vault), and
-- every webhook or e-mail delivery with its attempts. A `notify` call writes all of them in its
-- caller's transaction; the queue jobs that send deliveries commit with it or not at all.

create table notifications (
  id text primary key,                       -- ntf_<ulid>: time-sortable, the list's keyset
  user_id text not null references users (id),
  event_id text not null,                    -- evt_<ulid>: one notify call, shared by its rows and deliveries
  kind text not null,
  title text not null,
  body text not null default '',
  link text,                                 -- an in-app path
  data jsonb not null default '{}',
  created_at timestamptz not null default now(),
  read_at timestamptz
);
create index notifications_user on notifications (user_id, id desc);
create index notifications_unread on notifications (user_id, id desc) where read_at is null;

create table webhooks (
  id text primary key,                       -- whk_<ulid>
  org_id text not null references orgs (id),
  url text not null check (url ~ '^https?://'),
  events text[] not null default '{}',       -- empty: every event; else kinds or prefixes ("case.*")
  secret_envelope jsonb not null,            -- Vault envelope bound to the webhook id
  active boolean not null default true,      -- false once deleted: deliveries stay readable
  created_by text not null references users (id),
  created_at timestamptz not null default now(),
  deleted_at timestamptz
);
create index webhooks_org on webhooks (org_id) where active;

create table notification_deliveries (
  id text primary key,                       -- dlv_<ulid>: the x-aicc-delivery header
  event_id text not null,
  channel text not null check (channel in ('webhook', 'email')),
  webhook_id text references webhooks (id),
  user_id text references users (id),        -- the e-mail recipient
  event jsonb not null,                      -- {id, kind, title, body, link, data, createdAt} as notified
  status text not null default 'pending'
    check (status in ('pending', 'retrying', 'delivered', 'dead', 'cancelled')),
  attempts integer not null default 0,
  response_code integer,
  last_error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  delivered_at timestamptz,
  check ((channel = 'webhook' and webhook_id is not null) or (channel = 'email' and user_id is not null))
);
create index notification_deliveries_webhook on notification_deliveries (webhook_id, id desc) where webhook_id is not null;
