-- The platform's timer (GrantEndings) calls grants_tell_ended in every service, country by country on the
-- application connection. No grant of this service runs out by time (parties and transit countries see a
-- repatriation for its whole life), so nothing is told here.
create function grants_tell_ended(p_limit int) returns int
    language sql stable
    set search_path = pg_catalog, public, pg_temp
as $$
    select 0
$$;
revoke all on function grants_tell_ended(int) from public;
grant execute on function grants_tell_ended(int) to ${app_role};
