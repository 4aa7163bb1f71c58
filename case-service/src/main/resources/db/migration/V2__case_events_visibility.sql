-- Which events of the shared outbox a tenant may read: those about cases it may see now. The subquery runs under
-- the cases policies, so visibility is decided at the moment of delivery (a revoked share hides its events).
create policy case_events_visible on outbox_events for select
    using (record_type = 'case'
           and exists (select 1 from cases c where c.id = outbox_events.record_id::uuid));
