package org.chainbreaker.fugitives;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.chainbreaker.fugitives.domain.names.NameNormalizer;
import org.chainbreaker.fugitives.v1.FugitiveServiceGrpc.FugitiveServiceBlockingStub;
import org.chainbreaker.fugitives.v1.PersonName;
import org.chainbreaker.fugitives.v1.UpdateWantedPersonRequest;
import org.chainbreaker.fugitives.v1.WantedPerson;
import org.junit.jupiter.api.Test;

/**
 * The dictionary of spellings holds exactly the spellings some record holds: a spelling leaves it
 * when its last holder changes name, stays while another record holds it, and is never lost to a
 * removal that races with a new holder (nobody waits on the dictionary either way). Read as the
 * owner role: the application role has no right on it.
 */
class SpellingDictionaryTest extends RunningFugitiveService {

    private final FugitiveServiceBlockingStub kh = coordinator("KH");

    @Test
    void
            a_spelling_leaves_the_dictionary_when_its_last_holder_is_renamed_and_stays_while_another_holds_it()
                    throws SQLException {
        String shared = unique("Sokha Phirun");
        String alone = unique("Dara Kosal");
        WantedPerson first =
                record(
                        kh,
                        person(shared, 1980, 0, 0)
                                .addAliases(PersonName.newBuilder().setValue(alone)));
        WantedPerson second = record(kh, person(shared, 1981, 0, 0));
        assertThat(spellings(key(shared))).isPositive();
        assertThat(spellings(key(alone))).isPositive();

        rename(first, unique("Vannak Chea"));
        assertThat(spellings(key(alone))).as("no record holds it any more").isZero();
        assertThat(spellings(key(shared))).as("the second record still holds it").isPositive();

        rename(second, unique("Rithy Sam"));
        assertThat(spellings(key(shared))).isZero();
    }

    @Test
    void an_edit_that_keeps_the_names_keeps_their_spellings() throws SQLException {
        String name = unique("Bopha Lim");
        WantedPerson draft = record(kh, person(name, 1979, 0, 0));
        kh.updateWantedPerson(
                UpdateWantedPersonRequest.newBuilder()
                        .setWantedPerson(
                                draft.toBuilder().clearCharges().addCharges("money laundering"))
                        .build());
        assertThat(spellings(key(name))).isEqualTo(1);
    }

    @Test
    void a_removal_racing_with_a_new_holder_never_loses_the_spelling_and_nobody_waits()
            throws SQLException {
        // The new holder's statement comes first and is still open when the last old holder goes.
        String first = unique("Chanthou Men");
        UUID oldHolder = holder(first);
        try (Connection adding = owner();
                Connection removing = owner()) {
            insertKey(adding, record(adding), first);
            deleteKeys(removing, oldHolder);
            removing.commit();
            adding.commit();
        }
        assertThat(spellings(first)).isEqualTo(1);

        // The removal comes first and is still open when the new holder arrives.
        String second = unique("Sreymom Keo");
        UUID lastHolder = holder(second);
        try (Connection adding = owner();
                Connection removing = owner()) {
            deleteKeys(removing, lastHolder);
            insertKey(adding, record(adding), second);
            removing.commit();
            adding.commit();
        }
        assertThat(spellings(second)).isEqualTo(1);
    }

    private void rename(WantedPerson person, String name) {
        kh.updateWantedPerson(
                UpdateWantedPersonRequest.newBuilder()
                        .setWantedPerson(
                                person.toBuilder()
                                        .setPrimaryName(PersonName.newBuilder().setValue(name))
                                        .clearAliases())
                        .build());
    }

    private static String unique(String name) {
        StringBuilder part = new StringBuilder();
        UUID.randomUUID()
                .toString()
                .replace("-", "")
                .chars()
                .limit(10)
                .forEach(c -> part.append((char) ('a' + Character.digit(c, 16))));
        return name + " " + part;
    }

    private static String key(String name) {
        return NameNormalizer.keys(NameNormalizer.normalize(name)).iterator().next();
    }

    /** How many rows of the dictionary hold this spelling. */
    private static long spellings(String key) throws SQLException {
        try (Connection c =
                        DriverManager.getConnection(
                                DATABASE.jdbcUrl(),
                                DATABASE.ownerUser(),
                                DATABASE.ownerPassword());
                PreparedStatement s =
                        c.prepareStatement(
                                "select count(*) from name_key_dictionary where key = ?")) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * A connection of the owner role, in a transaction; any lock wait over 5 s fails the statement.
     */
    private static Connection owner() throws SQLException {
        Connection c =
                DriverManager.getConnection(
                        DATABASE.jdbcUrl(), DATABASE.ownerUser(), DATABASE.ownerPassword());
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("set lock_timeout = '5s'");
        }
        return c;
    }

    /** A committed record holding the spelling. */
    private static UUID holder(String key) throws SQLException {
        try (Connection c = owner()) {
            UUID id = record(c);
            insertKey(c, id, key);
            c.commit();
            return id;
        }
    }

    private static UUID record(Connection c) throws SQLException {
        UUID id = UUID.randomUUID();
        try (PreparedStatement s =
                c.prepareStatement(
                        """
                insert into wanted_persons (id, owner_country, reference, notice_status, custody, primary_name,
                       primary_script, aliases, alias_scripts, nationalities, identifying_marks, document_types,
                       document_numbers, document_countries, charges, warrant_reference, warrant_authority,
                       risk_flags, create_time, update_time)
                values (?, 'ZZDICT', ?, 'DRAFT', 'AT_LARGE', 'n', 'Latn', '{}', '{}', '{}', '{}', '{}', '{}', '{}',
                        '{fraud}', 'W', 'court', '{}', now(), now())""")) {
            s.setObject(1, id);
            s.setString(2, "ZZDICT-" + id);
            s.executeUpdate();
        }
        return id;
    }

    private static void insertKey(Connection c, UUID id, String key) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement(
                        "insert into wanted_person_name_keys (wanted_person_id, owner_country, key) values (?, 'ZZDICT', ?)")) {
            s.setObject(1, id);
            s.setString(2, key);
            s.executeUpdate();
        }
    }

    private static void deleteKeys(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement(
                        "delete from wanted_person_name_keys where wanted_person_id = ?")) {
            s.setObject(1, id);
            s.executeUpdate();
        }
    }
}
