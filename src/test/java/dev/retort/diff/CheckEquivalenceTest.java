package dev.retort.diff;

import dev.retort.model.Check;
import dev.retort.model.DatabaseKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.retort.model.DatabaseKind.MARIADB;
import static dev.retort.model.DatabaseKind.POSTGRESQL;
import static dev.retort.model.DatabaseKind.SQLITE;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks as Hibernate writes them against what each database reports back. */
class CheckEquivalenceTest {

    static Stream<Arguments> equal() {
        return Stream.of(
                // PostgreSQL 15, pg_get_constraintdef
                Arguments.of(POSTGRESQL, "st in ('DRAFT','PUBLISHED','ARCHIVED')",
                        "CHECK (((st)::text = ANY ((ARRAY['DRAFT'::character varying, 'PUBLISHED'::character varying, 'ARCHIVED'::character varying])::text[])))"),
                Arguments.of(POSTGRESQL, "one in ('ONLY')", "CHECK (((one)::text = 'ONLY'::text))"),
                Arguments.of(POSTGRESQL, "ord between 0 and 2", "CHECK (((ord >= 0) AND (ord <= 2)))"),
                Arguments.of(POSTGRESQL, "active in (0,1)", "CHECK ((active = ANY (ARRAY[0, 1])))"),
                Arguments.of(POSTGRESQL, "DTYPE<>'Sub' or (name is not null)",
                        "CHECK ((((dtype)::text <> 'Sub'::text) OR (name IS NOT NULL)))"),
                Arguments.of(POSTGRESQL, "price>=0", "CHECK ((price >= (0)::numeric))"),
                Arguments.of(POSTGRESQL, "st not in ('A','B')", "CHECK (((st)::text <> ALL ((ARRAY['A'::character varying, 'B'::character varying])::text[])))"),
                Arguments.of(POSTGRESQL, "length(name) > 2", "CHECK ((length((name)::text) > 2))"),
                Arguments.of(POSTGRESQL, "st in ('A','B')", "CHECK (((st)::text = ANY (ARRAY[('A'::character varying)::text, ('B'::character varying)::text])))"),
                // MariaDB 10.11, information_schema.CHECK_CONSTRAINTS
                Arguments.of(MARIADB, "ord between 0 and 2", "`ord` between 0 and 2"),
                Arguments.of(MARIADB, "st in ('A','B')", "`st` in (_utf8mb4'A',_utf8mb4'B')"),
                Arguments.of(MARIADB, "length(name) > 2", "octet_length(`name`) > 2"),
                // SQLite keeps the text; Hibernate wraps it in parentheses
                Arguments.of(SQLITE, "one in ('ONLY')", "(one in ('ONLY'))"),
                Arguments.of(SQLITE, "(st in ('DRAFT','PUBLISHED'))", "st IN ('DRAFT', 'PUBLISHED')"),
                // the order of a list or of AND operands does not change what is allowed
                Arguments.of(POSTGRESQL, "st in ('A','B')", "st in ('B','A')"),
                Arguments.of(POSTGRESQL, "a > 0 and b > 0", "b > 0 and a > 0"),
                Arguments.of(POSTGRESQL, "not (a = 1)", "a <> 1"),
                Arguments.of(POSTGRESQL, "\"Status\" in ('A','B')", "status in ('A','B')"));
    }

    static Stream<Arguments> different() {
        return Stream.of(
                // an enum that gained a constant
                Arguments.of(POSTGRESQL, "st in ('DRAFT','PUBLISHED','ARCHIVED','DELETED')",
                        "CHECK (((st)::text = ANY ((ARRAY['DRAFT'::character varying, 'PUBLISHED'::character varying, 'ARCHIVED'::character varying])::text[])))"),
                Arguments.of(POSTGRESQL, "ord between 0 and 3", "CHECK (((ord >= 0) AND (ord <= 2)))"),
                Arguments.of(POSTGRESQL, "st in ('a','b')", "st in ('A','B')"),
                Arguments.of(POSTGRESQL, "a > 0", "a >= 0"),
                Arguments.of(POSTGRESQL, "a > 0 and b > 0", "a > 0 or b > 0"),
                Arguments.of(POSTGRESQL, "one in ('ONLY')", "one in ('ONLY','TWO')"),
                Arguments.of(POSTGRESQL, "length(name) > 2", "octet_length(name) > 2"));
    }

    @ParameterizedTest(name = "{0}: {1} = {2}")
    @MethodSource
    void equal(DatabaseKind kind, String hibernate, String reported) {
        assertEquals(CheckEquivalence.normalise(hibernate, kind), CheckEquivalence.normalise(reported, kind));
    }

    @ParameterizedTest(name = "{0}: {1} <> {2}")
    @MethodSource
    void different(DatabaseKind kind, String a, String b) {
        assertFalse(CheckEquivalence.same(a, b, kind));
    }

    @Test
    void unparsableExpressionsStillCompareByTokens() {
        String a = "CASE WHEN kind = 'A' THEN x > 0 ELSE true END";
        assertTrue(CheckEquivalence.same(a, "case when KIND = 'A' then (x > 0) else TRUE end", DatabaseKind.SQLITE));
        assertFalse(CheckEquivalence.same(a, "case when kind = 'B' then x > 0 else true end", DatabaseKind.SQLITE));
    }

    @Test
    void mariaDbAddsJsonValidChecksByItself() {
        assertTrue(CheckEquivalence.isImplicit(Check.of("intArr", "json_valid(`intArr`)"), DatabaseKind.MARIADB));
        assertFalse(CheckEquivalence.isImplicit(Check.of("intArr", "json_valid(`intArr`)"), DatabaseKind.POSTGRESQL));
        assertFalse(CheckEquivalence.isImplicit(Check.of("x", "x > 0"), DatabaseKind.MARIADB));
    }

    @Test
    void anEnumCheckNamesAValueItAllows() {
        assertEquals("'DRAFT'", CheckEquivalence.allowedValue("status in ('DRAFT','PUBLISHED')", "Status"));
        assertEquals("'ONLY'", CheckEquivalence.allowedValue("(one in ('ONLY'))", "one"));
        assertEquals("0", CheckEquivalence.allowedValue("ord between 0 and 2", "ord"));
        assertNull(CheckEquivalence.allowedValue("status in ('A','B')", "other"));
        assertNull(CheckEquivalence.allowedValue("price > 0", "price"));
    }
}
