-- The platform's timer (GrantEndings) calls grants_tell_ended in every service. No grant of this service runs out
-- by time (parties and transit countries see a repatriation for its whole life), so nothing is told here.
create function grants_tell_ended(p_limit int) returns int
    language sql stable security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    select 0
$$;
revoke all on function grants_tell_ended(int) from public, ${app_role};
comment on function grants_tell_ended(int) is
    'Tells countries whose grants ran out that their access ended (none in this service); run by the owner role (maintenance connection) [backstop: maintenance]';
