-- The yes/no helpers the policies call run as the table owner and take the tenant as a parameter. The policies
-- always pass the session's tenant; these guards make that the only tenant they answer for, so that even a query
-- the application role was tricked into running cannot ask about another country's records.

create or replace function fugitives_participates(p_operation uuid, p_tenant text) returns boolean
    language sql stable security definer
    set search_path = public, pg_catalog
as $$
    select p_tenant = current_setting('chainbreaker.tenant', true)
       and exists (select 1 from operation_participants
                    where operation_id = p_operation and country = p_tenant)
$$;

create or replace function fugitives_granted(p_wanted_person uuid, p_tenant text) returns boolean
    language sql stable security definer
    set search_path = public, pg_catalog
as $$
    select p_tenant = current_setting('chainbreaker.tenant', true)
       and (exists (select 1
                      from operation_publications p
                      join operation_participants m on m.operation_id = p.operation_id
                      join operations o on o.id = p.operation_id
                     where p.wanted_person_id = p_wanted_person
                       and m.country = p_tenant
                       and now() between o.start_time and o.end_time)
            or exists (select 1 from sightings s where s.wanted_person_id = p_wanted_person and s.country = p_tenant))
$$;

create or replace function fugitives_owns(p_wanted_person uuid, p_tenant text) returns boolean
    language sql stable security definer
    set search_path = public, pg_catalog
as $$
    select p_tenant = current_setting('chainbreaker.tenant', true)
       and exists (select 1 from wanted_persons where id = p_wanted_person and owner_country = p_tenant)
$$;

create or replace function fugitives_may_see(p_wanted_person uuid, p_owner text, p_tenant text) returns boolean
    language sql stable security definer
    set search_path = public, pg_catalog
as $$
    select p_tenant = current_setting('chainbreaker.tenant', true)
       and exists (select 1 from wanted_persons w
                    where w.id = p_wanted_person and w.owner_country = p_owner
                      and (w.owner_country = p_tenant
                           or (w.notice_status = 'PUBLISHED' and fugitives_granted(w.id, p_tenant))))
$$;
