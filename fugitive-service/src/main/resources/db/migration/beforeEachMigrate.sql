-- Loads pg_trgm's library into the migrating session before each migration: a function declared with
-- "set pg_trgm.similarity_threshold" (V10, V19) can be created by the owner role only when the parameter is known,
-- and it is known only once the library is loaded. A database migrated from scratch loads it early (V4 uses
-- similarity()); one upgraded from a version before V10 or V19 starts a new session that has not, and V10 failed
-- there ("permission denied to set parameter", found by NamesOfRecordsStoredBeforeTheMigrationsTest).
do $$
begin
    if exists (select 1 from pg_extension where extname = 'pg_trgm') then
        perform public.similarity('', '');
    end if;
end
$$;
