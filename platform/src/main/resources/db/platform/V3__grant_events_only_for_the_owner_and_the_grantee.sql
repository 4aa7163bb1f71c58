-- An event about a grant (a case shared with a country, passed on to it, or its grant revoked) concerns the record's
-- owner and the country granted, nobody else. Shown to every country that sees the record, it told a partner when
-- the owner granted the record to other countries, and told a partner passing a record on whether the receiving
-- country already held a grant (the event appeared only when the pass-on made a new one). Such an event names its
-- audience; a restrictive policy lets only the owner and that country read it (each service's own policy still
-- requires that the reader sees the record). Events without an audience are read as before.
alter table outbox_events add column audience_country text;

create policy outbox_events_for_their_audience on outbox_events as restrictive for select
    using (audience_country is null
           or owner_country = current_setting('chainbreaker.tenant', true)
           or audience_country = current_setting('chainbreaker.tenant', true));
