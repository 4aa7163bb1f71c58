-- Name searches are driven by the trigram index on key alone (its % operator is LEAKPROOF where the service is
-- provisioned, so row-level security no longer forces a filter by owner first); the (owner_country, key) index
-- no longer serves any query and only cost every bulk load a second trigram index to maintain.
drop index if exists wanted_person_name_keys_by_owner;
