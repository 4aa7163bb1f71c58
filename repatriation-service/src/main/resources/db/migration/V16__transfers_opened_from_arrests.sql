-- Arrest to draft transfer (issue 16): a transfer the fugitive-service's arrest relay opens names the arrest it
-- comes from (place and time, as the fugitive-service recorded them). One transfer per arrest: the opening is keyed
-- by the arrest (an internal request id), and this index is the backstop should two replicas race past that key.
alter table repatriations
    add column arrest_place text,
    add column arrest_time  timestamptz;

create unique index repatriations_one_per_arrest on repatriations (wanted_person_id, arrest_time)
    where arrest_time is not null;
