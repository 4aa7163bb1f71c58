package org.chainbreaker.fugitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.chainbreaker.fugitives.app.FugitiveSearch;
import org.chainbreaker.fugitives.store.NameSearchStore;
import org.chainbreaker.platform.persistence.TenantTransactions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The name search must stay index-driven under row-level security: the plan of the exact candidate
 * query the store runs, as the application role inside a tenant transaction opened as the service
 * opens it, on tens of thousands of analysed rows, takes the similar spellings from the
 * dictionary's trigram index and their holders from the key-hash index, never scanning the whole
 * keys table. (Not timed: the plan is the property; speed is measured by {@code bin/bench
 * fugitive-search}.)
 */
class NameSearchPlanTest extends RunningFugitiveService {

    private static final int ROWS = 30_000;

    @Autowired TenantTransactions transactions;

    @Autowired JdbcClient jdbc;

    private static boolean loaded;

    /**
     * Rows of a country no test acts for, written and analysed as the owner role (only the plan is
     * of interest). Once, after the service (and so its migrations) has started.
     */
    @BeforeEach
    synchronized void manyAnalysedRows() throws SQLException {
        if (loaded) {
            return;
        }
        loaded = true;
        try (Connection c =
                        DriverManager.getConnection(
                                DATABASE.jdbcUrl(),
                                DATABASE.ownerUser(),
                                DATABASE.ownerPassword());
                Statement s = c.createStatement()) {
            s.execute(
                    """
                    insert into wanted_persons (id, owner_country, reference, notice_status, custody, primary_name,
                           primary_script, aliases, alias_scripts, nationalities, identifying_marks, document_types,
                           document_numbers, document_countries, charges, warrant_reference, warrant_authority,
                           risk_flags, create_time, update_time)
                    select gen_random_uuid(), 'ZZPLAN', 'ZZPLAN-' || g, 'PUBLISHED', 'AT_LARGE', 'n' || g, 'Latn',
                           '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{fraud}', 'W-' || g, 'court', '{}', now(), now()
                      from generate_series(1, %d) g
                    on conflict do nothing"""
                            .formatted(ROWS));
            s.execute(
                    """
                    insert into wanted_person_name_keys (wanted_person_id, owner_country, key)
                    select id, owner_country, substr(md5(reference), 1, 5) || ' ' || substr(md5(reference || 'given'), 1, 7)
                      from wanted_persons where owner_country = 'ZZPLAN'
                    on conflict do nothing""");
            s.execute("analyze wanted_persons");
            s.execute("analyze wanted_person_name_keys");
            s.execute("analyze name_key_dictionary");
        }
    }

    @Test
    void
            the_candidate_query_follows_the_key_hash_index_and_never_scans_the_keys_table_as_the_application_role() {
        String plan =
                transactions.read(
                        "KR",
                        () -> {
                            assertThat(jdbc.sql("select current_user").query(String.class).single())
                                    .isEqualTo(DATABASE.appUser());
                            assertThat(
                                            jdbc.sql(
                                                            "select current_setting('chainbreaker.tenant', true)")
                                                    .query(String.class)
                                                    .single())
                                    .isEqualTo("KR");
                            return jdbc.sql(
                                            "explain (format json) "
                                                    + NameSearchStore.SEARCH_CANDIDATES_SQL)
                                    .param("keys", new String[] {"kim minsu", "gim minsu"})
                                    .param("threshold", (float) FugitiveSearch.SEARCH_KEY_THRESHOLD)
                                    .param("year", 1990)
                                    .param("spellings", 50)
                                    .param("perSpelling", 100)
                                    .param("rows", 300)
                                    .param("limit", 100)
                                    .query(String.class)
                                    .single();
                        });
        List<JsonNode> nodes = nodes(plan);

        assertThat(nodes)
                .as(plan)
                .anyMatch(
                        n ->
                                text(n, "Node Type").equals("Function Scan")
                                        && text(n, "Function Name")
                                                .equals("fugitives_search_spellings"));
        assertThat(nodes)
                .as(plan)
                .anyMatch(n -> text(n, "Index Name").equals("wanted_person_name_keys_by_hash"));
        assertThat(nodes)
                .as(plan)
                .noneMatch(
                        n ->
                                text(n, "Node Type").contains("Seq Scan")
                                        && text(n, "Relation Name")
                                                .equals("wanted_person_name_keys"));
    }

    @Test
    void similar_spellings_are_found_through_the_trigram_index_of_the_dictionary()
            throws SQLException {
        try (Connection c =
                        DriverManager.getConnection(
                                DATABASE.jdbcUrl(),
                                DATABASE.ownerUser(),
                                DATABASE.ownerPassword());
                Statement s = c.createStatement()) {
            s.execute("set pg_trgm.similarity_threshold = " + FugitiveSearch.SEARCH_KEY_THRESHOLD);
            var rs =
                    s.executeQuery(
                            """
                    explain (format json) select d.key_hash from unnest(array['kim minsu', 'gim minsu']) q(key)
                      join name_key_dictionary d on d.key % q.key""");
            rs.next();
            String plan = rs.getString(1);
            assertThat(nodes(plan))
                    .as(plan)
                    .anyMatch(n -> text(n, "Index Name").equals("name_key_dictionary_trgm"));
            assertThat(nodes(plan))
                    .as(plan)
                    .noneMatch(
                            n ->
                                    text(n, "Node Type").contains("Seq Scan")
                                            && text(n, "Relation Name")
                                                    .equals("name_key_dictionary"));
        }
    }

    @Test
    void every_stored_spelling_enters_the_dictionary_once_and_the_application_role_cannot_read_it()
            throws SQLException {
        try (Connection c =
                        DriverManager.getConnection(
                                DATABASE.jdbcUrl(),
                                DATABASE.ownerUser(),
                                DATABASE.ownerPassword());
                Statement s = c.createStatement()) {
            var rs =
                    s.executeQuery(
                            """
                    select (select count(distinct key) from wanted_person_name_keys),
                           (select count(distinct key) from name_key_dictionary),
                           (select count(*) from wanted_person_name_keys k
                             where not exists (select 1 from name_key_dictionary d where d.key = k.key))""");
            rs.next();
            assertThat(rs.getLong(1)).isGreaterThanOrEqualTo(ROWS);
            assertThat(rs.getLong(2)).isGreaterThanOrEqualTo(rs.getLong(1));
            assertThat(rs.getLong(3)).isZero();
        }
        assertThatThrownBy(
                        () ->
                                transactions.read(
                                        "KR",
                                        () ->
                                                jdbc.sql("select count(*) from name_key_dictionary")
                                                        .query(Long.class)
                                                        .single()))
                .rootCause()
                .hasMessageContaining("permission denied for table name_key_dictionary");
    }

    private static List<JsonNode> nodes(String plan) {
        List<JsonNode> nodes = new ArrayList<>();
        collect(JsonMapper.builder().build().readTree(plan).get(0).get("Plan"), nodes);
        return nodes;
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        into.add(node);
        if (node.has("Plans")) {
            node.get("Plans").forEach(child -> collect(child, into));
        }
    }

    private static String text(JsonNode node, String field) {
        return node.has(field) ? node.get(field).asString() : "";
    }
}
