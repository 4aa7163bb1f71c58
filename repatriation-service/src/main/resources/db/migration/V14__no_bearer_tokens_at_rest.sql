-- No bearer token at rest (issue 18). A pending fugitive check and a pending custody delivery kept the caller's
-- access token until it was used or expired: whoever read the table could replay it for minutes. They now keep only
-- who asked (user id and name, client, country); at delivery time the service obtains a short-lived token for
-- exactly that call on that user's behalf through the realm's token exchange, uses it and forgets it. The tokens
-- stored so far go with their columns.

drop function repatriation_claim_fugitive_checks(int);
drop function repatriation_claim_custody_deliveries(int, uuid);

alter table fugitive_checks
    drop column token,
    drop column token_expiry,
    add column actor_subject text not null default '';

alter table custody_deliveries
    drop column token,
    drop column token_expiry,
    add column actor_subject text not null default '';

-- Nothing waits for a token any more.
update repatriations set custody_delivery_token_expiry = null where custody_delivery_token_expiry is not null;

create function repatriation_claim_fugitive_checks(p_limit int)
    returns table (repatriation_id uuid, wanted_person_id uuid, tenant text, actor_subject text, actor_user text,
                   actor_client text, attempts int)
    language sql volatile security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    select c.repatriation_id, c.wanted_person_id, c.tenant, c.actor_subject, c.actor_user, c.actor_client, c.attempts
      from fugitive_checks c
     where c.tenant = current_setting('chainbreaker.tenant', true)
       and c.next_attempt_time <= now()
     order by c.next_attempt_time
     limit p_limit
       for update skip locked
$$;

create function repatriation_claim_custody_deliveries(p_limit int, p_only uuid)
    returns table (repatriation_id uuid, wanted_person_id uuid, handover_time timestamptz, from_country text,
                   to_country text, tenant text, actor_subject text, actor_user text, actor_client text, attempts int)
    language sql volatile security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    select d.repatriation_id, d.wanted_person_id, d.handover_time, d.from_country, d.to_country, d.tenant,
           d.actor_subject, d.actor_user, d.actor_client,
           (select r.custody_delivery_attempts from repatriations r where r.id = d.repatriation_id)
      from custody_deliveries d
     where d.tenant = current_setting('chainbreaker.tenant', true)
       and (case when p_only is null then d.next_attempt_time <= now() else d.repatriation_id = p_only end)
     order by d.next_attempt_time
     limit p_limit
       for update of d skip locked
$$;

revoke all on function repatriation_claim_fugitive_checks(int) from public;
revoke all on function repatriation_claim_custody_deliveries(int, uuid) from public;
grant execute on function repatriation_claim_fugitive_checks(int) to ${app_role};
grant execute on function repatriation_claim_custody_deliveries(int, uuid) to ${app_role};
