-- A country may queue a hand-off only about a wanted person it sees: V20's single policy checked the acting country
-- alone, so an application role could queue (and have the relay send, as its own officer) a hand-off naming another
-- country's notice by id. Reading, retrying and removing stay the acting country's own, even if it has since lost
-- sight of the notice (a cancelled notice still has to reach the draft).
drop policy arrest_handoffs_of_the_actor on arrest_handoffs;

create policy arrest_handoffs_read on arrest_handoffs for select
    using (actor_country = current_setting('chainbreaker.tenant', true));

create policy arrest_handoffs_queue on arrest_handoffs for insert
    with check (actor_country = current_setting('chainbreaker.tenant', true)
                and exists (select 1 from wanted_persons w where w.id = arrest_handoffs.wanted_person_id));

create policy arrest_handoffs_retry on arrest_handoffs for update
    using (actor_country = current_setting('chainbreaker.tenant', true))
    with check (actor_country = current_setting('chainbreaker.tenant', true));

create policy arrest_handoffs_done on arrest_handoffs for delete
    using (actor_country = current_setting('chainbreaker.tenant', true));
