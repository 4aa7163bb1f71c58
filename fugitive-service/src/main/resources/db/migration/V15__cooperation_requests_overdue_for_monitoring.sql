-- Monitoring (issue 21): OPEN cooperation requests past their deadline that the escalation timer has not escalated,
-- every country's, for the operators' alert (an indexed count on the partial index notice_requests_overdue).
-- SECURITY DEFINER: the maintenance role that asks sees no rows of the table and the application role one country's
-- only; it returns one total, no country's own, and only the maintenance connection may run it.
create function fugitives_requests_overdue() returns bigint
    language sql stable security definer
    set search_path = pg_catalog, public, pg_temp
as $$
    select count(*) from notice_cooperation_requests where status = 'OPEN' and escalate_time is null and deadline <= now()
$$;
revoke all on function fugitives_requests_overdue() from public, ${app_role};
comment on function fugitives_requests_overdue() is
    'Cooperation requests overdue and not escalated, for the operators'' alert; run by the maintenance connection [backstop: maintenance]';
