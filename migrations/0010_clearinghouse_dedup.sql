-- Clearinghouse dedup: an inverted index over report text, so the candidate lookup reads a small,
-- pre-filtered set instead of scoring hundreds of recent reports. Terms are PostgreSQL's English
-- lexemes (to_tsvector: the same stemmer on PostgreSQL and PGlite) of title + description.

create table report_dedup_terms (
  report_id text primary key references reports (id),
  terms text[] not null                      -- distinct lexemes of title + description
);
create index report_dedup_terms_terms on report_dedup_terms using gin (terms) with (fastupdate = off);

-- Document frequency per lexeme over all indexed reports; the row with term '' counts the reports.
-- The lookup uses it to pick the query's rare lexemes (short posting lists, high IDF).
create table report_dedup_stats (
  term text primary key,
  df integer not null check (df >= 0)
);

insert into report_dedup_terms (report_id, terms)
select id, tsvector_to_array(to_tsvector('english', title || ' ' || description)) from reports;

insert into report_dedup_stats (term, df)
select term, count(*) from report_dedup_terms, unnest(terms) as term group by term
union all
select '', count(*) from report_dedup_terms;

-- GIN indexes default to a pending list of new entries that every search scans until VACUUM
-- merges it; PGlite has no autovacuum, so the list would only grow (a lookup at 10k reports took
-- seconds). Dedup reads these indexes on every lookup: entries go straight into the index.
alter index reports_packages set (fastupdate = off);
alter index reports_cwes set (fastupdate = off);
select gin_clean_pending_list('reports_packages'::regclass);
select gin_clean_pending_list('reports_cwes'::regclass);
