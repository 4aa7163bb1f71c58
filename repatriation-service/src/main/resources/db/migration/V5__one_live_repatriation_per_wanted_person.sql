-- One live repatriation per wanted person: while a transfer whose fugitive check was CONFIRMED is not COMPLETED,
-- REJECTED or CANCELLED, no other repatriation of the same person may be confirmed (or opened confirmed). The
-- service refuses a second one with FAILED_PRECONDITION; this index is the backstop when two are confirmed at the
-- same moment. Checks still PENDING hold no place: a draft opened while the fugitive-service was down (by whichever
-- party) cannot block the person's real transfer; it is refused when its check settles.
--
-- Both repatriations of a collision have the same two parties (the sending country is the arresting one, the
-- receiving country the notice's owner), so the refusal tells the caller nothing about a record it cannot see.

do $$
begin
    if exists (select wanted_person_id from repatriations
                where wanted_person_id is not null and fugitive_check = 'CONFIRMED'
                  and status not in ('COMPLETED', 'REJECTED', 'CANCELLED')
                group by wanted_person_id having count(*) > 1) then
        raise exception 'several live repatriations of one wanted person exist; cancel all but one of each '
            'person before this migration (select wanted_person_id, array_agg(id) from repatriations where '
            'fugitive_check = ''CONFIRMED'' and status not in (''COMPLETED'', ''REJECTED'', ''CANCELLED'') '
            'group by 1 having count(*) > 1)';
    end if;
end
$$;

create unique index repatriations_one_live_per_person on repatriations (wanted_person_id)
    where wanted_person_id is not null and fugitive_check = 'CONFIRMED'
      and status not in ('COMPLETED', 'REJECTED', 'CANCELLED');
