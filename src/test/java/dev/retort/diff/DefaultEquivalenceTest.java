package dev.retort.diff;

import dev.retort.model.DatabaseKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.retort.model.DatabaseKind.MARIADB;
import static dev.retort.model.DatabaseKind.POSTGRESQL;
import static dev.retort.model.DatabaseKind.SQLITE;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Defaults as Hibernate writes them against what each database reports back (measured, see the class comment). */
class DefaultEquivalenceTest {

    static Stream<Arguments> equal() {
        return Stream.of(
                Arguments.of(POSTGRESQL, "'draft'", "'draft'::character varying"),
                Arguments.of(POSTGRESQL, "-1", "'-1'::integer"),
                Arguments.of(POSTGRESQL, "0", "0"),
                Arguments.of(POSTGRESQL, "1.5", "1.5"),
                Arguments.of(POSTGRESQL, "'2020-01-02'", "'2020-01-02'::date"),
                Arguments.of(POSTGRESQL, "current_timestamp", "CURRENT_TIMESTAMP"),
                Arguments.of(POSTGRESQL, "now()", "CURRENT_TIMESTAMP"),
                Arguments.of(POSTGRESQL, "true", "true"),
                Arguments.of(POSTGRESQL, "'it''s'", "'it''s'::text"),
                Arguments.of(POSTGRESQL, "0", "(0)"),
                Arguments.of(POSTGRESQL, "'{}'", "'{}'::jsonb"),
                Arguments.of(POSTGRESQL, "gen_random_uuid()", "gen_random_uuid()"),
                Arguments.of(MARIADB, "1.5", "1.50"),
                Arguments.of(MARIADB, "false", "b'0'"),
                Arguments.of(MARIADB, "true", "b'1'"),
                Arguments.of(MARIADB, "current_timestamp", "current_timestamp(6)"),
                Arguments.of(MARIADB, "current_timestamp", "current_timestamp()"),
                Arguments.of(MARIADB, "'draft'", "'draft'"),
                Arguments.of(MARIADB, "0", "'0'"),
                Arguments.of(MARIADB, "-1", "-1"),
                Arguments.of(SQLITE, "true", "1"),
                Arguments.of(SQLITE, "false", "0"),
                Arguments.of(SQLITE, "false", "false"),
                Arguments.of(MARIADB, "false", "0"),
                Arguments.of(SQLITE, "current_timestamp", "CURRENT_TIMESTAMP"),
                Arguments.of(SQLITE, "'draft'", "'draft'"));
    }

    static Stream<Arguments> different() {
        return Stream.of(
                Arguments.of(POSTGRESQL, "'draft'", "'final'::character varying"),
                Arguments.of(POSTGRESQL, "'Draft'", "'draft'::character varying"),
                Arguments.of(POSTGRESQL, "0", "1"),
                Arguments.of(POSTGRESQL, "0", null),
                Arguments.of(POSTGRESQL, "true", "false"),
                Arguments.of(POSTGRESQL, "current_date", "CURRENT_TIMESTAMP"),
                Arguments.of(MARIADB, "1.5", "1.25"),
                Arguments.of(MARIADB, "true", "b'0'"),
                Arguments.of(SQLITE, "'a'", "'b'"));
    }

    @ParameterizedTest(name = "{0}: {1} = {2}")
    @MethodSource
    void equal(DatabaseKind kind, String hibernate, String reported) {
        assertTrue(DefaultEquivalence.same(hibernate, reported, kind),
                () -> DefaultEquivalence.normalise(hibernate, kind) + " vs " + DefaultEquivalence.normalise(reported, kind));
    }

    @ParameterizedTest(name = "{0}: {1} <> {2}")
    @MethodSource
    void different(DatabaseKind kind, String a, String b) {
        assertFalse(DefaultEquivalence.same(a, b, kind));
    }

    @Test
    void aNullDefaultIsNoDefault() {
        assertNull(DefaultEquivalence.normalise("NULL", MARIADB)); // MariaDB's COLUMN_DEFAULT for "no default"
        assertNull(DefaultEquivalence.normalise("NULL::character varying", POSTGRESQL));
        assertNull(DefaultEquivalence.normalise("  ", SQLITE));
        assertTrue(DefaultEquivalence.same(null, "NULL", MARIADB));
    }

    @Test
    void sequenceDefaultsAreRecognised() {
        assertTrue(DefaultEquivalence.isSequenceDefault("nextval('book_id_seq'::regclass)"));
        assertFalse(DefaultEquivalence.isSequenceDefault("0"));
        assertFalse(DefaultEquivalence.isSequenceDefault(null));
    }
}
