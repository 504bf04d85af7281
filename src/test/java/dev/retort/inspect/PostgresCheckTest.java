package dev.retort.inspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The rewrite of check conditions as {@code pg_get_constraintdef} prints them (the inputs are its output, copied
 * from PostgreSQL 15). {@link PostgresPortableCheckTest} runs the same on a live database.
 */
class PostgresCheckTest {

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("status", "character varying(20)"), Map.entry("kind", "text"), Map.entry("ch", "character(1)"),
            Map.entry("price", "numeric(12,2)"), Map.entry("a", "integer"), Map.entry("b", "integer"),
            Map.entry("big", "bigint"), Map.entry("ratio", "real"), Map.entry("amount", "double precision"),
            Map.entry("d", "date"), Map.entry("select", "character varying(20)"), Map.entry("code", "character varying(10)"),
            Map.entry("tags", "text[]"));

    private static String portable(String definition) {
        return new PostgresCheck().portable(definition, TYPES::get);
    }

    @Test
    void enumChecksBecomeInLists() {
        assertEquals("status IN ('OPEN', 'CLOSED')", portable("CHECK (((status)::text = ANY ((ARRAY['OPEN'::character "
                + "varying, 'CLOSED'::character varying])::text[])))"));
        assertEquals("kind NOT IN ('x', 'y')", portable("CHECK ((kind <> ALL (ARRAY['x'::text, 'y'::text])))"));
        assertEquals("ch IN ('A', 'B')", portable("CHECK ((ch = ANY (ARRAY['A'::bpchar, 'B'::bpchar])))"));
        assertEquals("a IN (1, 2, 3)", portable("CHECK ((a = ANY (ARRAY[1, 2, 3])))"));
        assertEquals("price IN (1.5, 2.5)", portable("CHECK ((price = ANY (ARRAY[1.5, 2.5])))"));
    }

    @Test
    void castsOfTextColumnsAndOfLiteralsComparedWithAColumnGo() {
        assertEquals("title <> ''", new PostgresCheck().portable("CHECK (((title)::text <> ''::text))",
                c -> c.equals("title") ? "character varying(100)" : null));
        assertEquals("price > 0 AND price < 1000.50",
                portable("CHECK (((price > (0)::numeric) AND (price < 1000.50)))"));
        assertEquals("big <> -1 AND big > -100", portable("CHECK (((big <> '-1'::integer) AND (big > '-100'::integer)))"));
        assertEquals("amount >= 0", portable("CHECK ((amount >= (0)::double precision))"));
        assertEquals("amount > -1.5", portable("CHECK ((amount > ('-1.5'::numeric)::double precision))"));
        // what PostgreSQL stores for ratio >= 0 and ratio > 0.5 on a real column
        assertEquals("ratio >= 0 AND ratio > 0.5",
                portable("CHECK (((ratio >= (0)::double precision) AND (ratio > (0.5)::double precision)))"));
        assertEquals("a >= -5 AND a <= 5", portable("CHECK (((a >= '-5'::integer) AND (a <= 5)))"));
        assertEquals("d > '2020-01-01'", portable("CHECK ((d > '2020-01-01'::date))"));
        assertEquals("ch = 'A'", portable("CHECK ((ch = 'A'::bpchar))"));
        assertEquals("length(status) > 2 AND lower(status) <> 'admin'",
                portable("CHECK (((length((status)::text) > 2) AND (lower((status)::text) <> 'admin'::text)))"));
        assertEquals("code LIKE 'A%' AND code NOT LIKE '%Z'",
                portable("CHECK ((((code)::text ~~ 'A%'::text) AND ((code)::text !~~ '%Z'::text)))"));
        assertEquals("status || code <> 'x'", portable("CHECK ((((status)::text || (code)::text) <> 'x'::text))"));
    }

    @Test
    void castsThatCarryMeaningStay() {
        // char(n) to text drops trailing blanks; a length limit truncates; a varchar read as a number
        assertEquals("ch::text = 'A'", portable("CHECK (((ch)::text = 'A'::text))"));
        assertEquals("status::character varying(5) = 'abc'",
                portable("CHECK (((status)::character varying(5) = 'abc'::text))"));
        assertEquals("code::integer > 0", portable("CHECK (((code)::integer > 0))"));
        // a bare decimal compared with a real column is compared as a double, not as this real
        assertEquals("ratio > 0.5::real", portable("CHECK ((ratio > (0.5)::real))"));
        assertEquals("ratio > 100000000::real", portable("CHECK ((ratio > (100000000)::real))"));
        assertEquals("ratio > 3", portable("CHECK ((ratio > (3)::real))"));
        // an integer column as text compares as text, and the literal would not be a string otherwise
        assertEquals("a::text = '5'", portable("CHECK (((a)::text = '5'::text))"));
        assertEquals("unknown::text = 'A'", portable("CHECK (((unknown)::text = 'A'::text))"));
        // the array holds a column: not a list of literals
        assertEquals("a = ANY (ARRAY[b, 3])", portable("CHECK ((a = ANY (ARRAY[b, 3])))"));
    }

    @Test
    void parenthesesFollowPrecedence() {
        assertEquals("priority >= 1 AND priority <= 5", portable("CHECK (((priority >= 1) AND (priority <= 5)))"));
        assertEquals("(a + b * 2 > 0 OR a IS NULL) AND NOT (b = 1)",
                portable("CHECK (((((a + (b * 2)) > 0) OR (a IS NULL)) AND (NOT (b = 1))))"));
        assertEquals("a * (b + 1) > 0", portable("CHECK (((a * (b + 1)) > 0))"));
        assertEquals("a - b - 1 > 0", portable("CHECK ((((a - b) - 1) > 0))"));
        assertEquals("a - (b - 1) > 0", portable("CHECK (((a - (b - 1)) > 0))"));
        assertEquals("a - (-b) > 0", portable("CHECK (((a - (- b)) > 0))"));
        assertEquals("(a > 0) = (b > 0)", portable("CHECK (((a > 0) = (b > 0)))"));
        assertEquals("(a > 0 AND b > 0) OR a IS NULL",
                portable("CHECK ((((a > 0) AND (b > 0)) OR (a IS NULL)))"));
        assertEquals("status IS NOT NULL", portable("CHECK ((status IS NOT NULL))"));
    }

    @Test
    void stringsAndQuotedNamesAreKeptAsWritten() {
        assertEquals("\"select\" <> 'a, (b'", portable("CHECK (((\"select\")::text <> 'a, (b'::text))"));
        assertEquals("status = 'it''s'", portable("CHECK (((status)::text = 'it''s'::text))"));
    }

    @Test
    void whatItDoesNotUnderstandStaysAsPrinted() {
        assertEquals("CASE\n    WHEN (a > 0) THEN (b > 0)\n    ELSE true\nEND",
                portable("CHECK (\nCASE\n    WHEN (a > 0) THEN (b > 0)\n    ELSE true\nEND)"));
        // ILIKE has no spelling SQLite or MariaDB parse: PostgreSQL's operator stays, only the cast goes
        assertEquals("kind ~~* 'a%'", portable("CHECK ((kind ~~* 'a%'::text))"));
        assertEquals("tags[1] = 'x'::text", portable("CHECK ((tags[1] = 'x'::text))"));
        assertEquals("(kind)::text = 'x'::text COLLATE \"C\"", portable("CHECK (((kind)::text = 'x'::text COLLATE \"C\"))"));
        assertEquals("kind = E'a\\\\b'::text", portable("CHECK ((kind = E'a\\\\b'::text))"));
        assertEquals("a IS DISTINCT FROM b", portable("CHECK ((a IS DISTINCT FROM b))"));
        assertEquals("(a & 1) = 0", portable("CHECK (((a & 1) = 0))"));
    }

    @Test
    void theWrapperAndTrailingOptionsAreDropped() {
        assertEquals("a > 0", portable("CHECK ((a > 0)) NOT VALID"));
        assertEquals("a > 0", portable("CHECK ((a > 0)) NO INHERIT"));
        assertEquals("CASE WHEN (a > 0) THEN true ELSE false END",
                portable("CHECK (CASE WHEN (a > 0) THEN true ELSE false END) NOT VALID"));
    }

    @Test
    void aRepeatedCheckIsRewrittenForTheTypesOfItsTable() {
        PostgresCheck checks = new PostgresCheck();
        String definition = "CHECK (((status)::text = 'A'::text))";
        assertEquals("status = 'A'", checks.portable(definition, c -> "character varying(8)"));
        assertEquals("status::text = 'A'", checks.portable(definition, c -> "character(1)"));
        assertEquals("status = 'A'", checks.portable(definition, c -> "text"));
    }

    @Test
    void catalogKeyNumbersAreReadAsPrinted() {
        assertArrayEquals(new int[] {1, 12}, PostgresCatalog.numbers("{1,12}", ','));
        assertArrayEquals(new int[] {3, 1, 0}, PostgresCatalog.numbers("3 1 0", ' '));
        assertArrayEquals(new int[0], PostgresCatalog.numbers(null, ','));
    }
}
