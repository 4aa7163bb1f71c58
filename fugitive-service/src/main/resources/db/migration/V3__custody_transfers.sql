-- Custody transfers: an ARRESTED wanted person handed over to another country at the end of a repatriation.
-- One person is transferred once; the repatriation reference is the idempotency key of the call that records it.

alter table wanted_persons drop constraint wanted_persons_custody_check;
alter table wanted_persons add constraint wanted_persons_custody_check
    check (custody in ('AT_LARGE', 'ARRESTED', 'TRANSFERRED'));

alter table wanted_persons
    add column transfer_reference     text,
    add column transfer_time          timestamptz,
    add column transfer_from_country  text,
    add column transfer_to_country    text,
    add column transfer_recorded_by   text,
    add column transfer_record_time   timestamptz,
    add constraint wanted_persons_transfer_complete
        check ((custody = 'TRANSFERRED') = (transfer_reference is not null));

-- Records the transfer by the calling country, which must be the owner or the arresting country and see the record
-- (the service checked both under the caller's own visibility before the call; this states them again, because the
-- arresting country is not the owner and the update policy lets only owners write). Changes only custody, the
-- transfer and the version; true only for the one call that found the person still ARRESTED.
create function fugitives_record_custody_transfer(p_wanted_person uuid, p_reference text, p_handover timestamptz,
                                                  p_from text, p_to text, p_now timestamptz)
    returns boolean
    language sql volatile security definer
    set search_path = public, pg_catalog
as $$
    update wanted_persons
       set custody = 'TRANSFERRED', transfer_reference = p_reference, transfer_time = p_handover,
           transfer_from_country = p_from, transfer_to_country = p_to,
           transfer_recorded_by = current_setting('chainbreaker.tenant', true), transfer_record_time = p_now,
           version = version + 1, update_time = p_now
     where id = p_wanted_person and custody = 'ARRESTED' and arrest_country = p_from
       and (owner_country = current_setting('chainbreaker.tenant', true)
            or (arrest_country = current_setting('chainbreaker.tenant', true)
                and notice_status = 'PUBLISHED'
                and fugitives_granted(id, current_setting('chainbreaker.tenant', true))))
    returning true
$$;

revoke all on function fugitives_record_custody_transfer(uuid, text, timestamptz, text, text, timestamptz) from public;
grant execute on function fugitives_record_custody_transfer(uuid, text, timestamptz, text, text, timestamptz) to ${app_role};
