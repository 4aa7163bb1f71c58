-- Monitoring (issue 21): what waits on the service's own timers, for the operators' alerts. Custody deliveries not
-- settled (removed once settled, so the table stays small), and of those the ones the relay should send now (due:
-- the relay obtains the officer's token for the call then, V14), and OPEN rescue requests past their acknowledgement deadline not yet escalated (partial index
-- rescue_requests_overdue). SECURITY DEFINER: the maintenance role that asks sees no rows of these tables, and the
-- application role (one country at a time) could not count across countries; it returns three totals, no country's
-- own, and only the maintenance connection may run it.
create function repatriation_backlogs()
    returns table (custody_pending bigint, custody_due bigint, rescue_overdue bigint)
    language sql stable security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    select (select count(*) from custody_deliveries),
           (select count(*) from custody_deliveries where next_attempt_time <= now()),
           (select count(*) from rescue_requests
             where status = 'OPEN' and not escalated and acknowledge_deadline <= now())
$$;
revoke all on function repatriation_backlogs() from public, ${app_role};
comment on function repatriation_backlogs() is
    'Custody deliveries waiting and rescue requests overdue, for the operators'' alerts; run by the maintenance connection [backstop: maintenance]';
