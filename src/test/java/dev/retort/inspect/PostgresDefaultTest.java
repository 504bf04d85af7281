package dev.retort.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PostgresDefaultTest {

    @Test
    void literalsLoseTheirCasts() {
        assertEquals("'active'", PostgresDefault.bare("'active'::character varying"));
        assertEquals("0", PostgresDefault.bare("0::bigint"));
        assertEquals("-1", PostgresDefault.bare("'-1'::integer"));
        assertEquals("-1", PostgresDefault.bare("(-1)::integer"));
        assertEquals("-1.5", PostgresDefault.bare("'-1.5'::numeric(10,2)"));
        assertEquals("'2020-01-01'", PostgresDefault.bare("'2020-01-01'::date"));
        assertEquals("'2020-01-01 10:00:00'", PostgresDefault.bare("'2020-01-01 10:00:00'::timestamp(6) without time zone"));
        assertEquals("'it''s'", PostgresDefault.bare("'it''s'::text"));
        assertEquals("'A'", PostgresDefault.bare("'A'::public.\"Status\""));
        assertEquals("'{}'", PostgresDefault.bare("'{}'::text[]"));
        assertEquals("NULL", PostgresDefault.bare("NULL::character varying"));
        assertEquals("'12'", PostgresDefault.bare("'12'::character varying(5)"), "a number in a text column stays text");
    }

    @Test
    void expressionsAndPlainDefaultsStayAsReported() {
        assertNull(PostgresDefault.bare(null));
        for (String sql : new String[]{"nextval('counter_id_seq'::regclass)", "CURRENT_TIMESTAMP", "0", "true", "'x'",
                "('now'::text)::date", "'a'::text || 'b'::text", "(0)::numeric + 1", "gen_random_uuid()"}) {
            assertEquals(sql, PostgresDefault.bare(sql), sql);
        }
    }
}
