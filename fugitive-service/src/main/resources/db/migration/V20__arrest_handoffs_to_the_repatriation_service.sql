-- Arrest to draft transfer (issue 16): an arrest, and the cancellation of the notice of an arrested person, is told
-- to the repatriation-service, where it opens (or closes) the draft transfer. The row is written in the same
-- transaction as the change, so no committed arrest lacks it and no rolled-back one has it; the arrest relay sends it
-- until the repatriation-service answers, then deletes it. It names who acted (never a token): the relay obtains a
-- token for that officer at send time by token exchange.
create table arrest_handoffs (
    id                uuid        primary key,
    wanted_person_id  uuid        not null references wanted_persons (id),
    reason            text        not null check (reason in ('ARRESTED', 'NOTICE_CANCELLED')),
    actor_country     text        not null,
    actor_subject     text        not null,
    actor_user        text        not null,
    actor_client      text        not null,
    attempts          int         not null default 0,
    last_error        text        not null default '',
    next_attempt_time timestamptz not null,
    create_time       timestamptz not null
);

create index arrest_handoffs_due on arrest_handoffs (actor_country, next_attempt_time);

alter table arrest_handoffs enable row level security;

-- The country of the officer who acted, only: the relay works country by country, as that country.
create policy arrest_handoffs_of_the_actor on arrest_handoffs for all
    using (actor_country = current_setting('chainbreaker.tenant', true))
    with check (actor_country = current_setting('chainbreaker.tenant', true));

grant select, insert, update, delete on arrest_handoffs to ${app_role};
