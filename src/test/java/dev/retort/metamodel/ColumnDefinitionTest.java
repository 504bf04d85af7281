package dev.retort.metamodel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ColumnDefinitionTest {

    @Test
    void splitsTrailingDefaultAndNullability() {
        assertEquals(new ColumnDefinition("varchar(12)", "'x'", false), ColumnDefinition.parse("varchar(12) default 'x'"));
        assertEquals(new ColumnDefinition("varchar(12)", "'a default, (not null'", true),
                ColumnDefinition.parse("varchar(12) DEFAULT 'a default, (not null' NOT NULL"));
        assertEquals(new ColumnDefinition("numeric(10,2)", "0", true), ColumnDefinition.parse("numeric(10,2) not null default 0"));
        assertEquals(new ColumnDefinition("timestamp with time zone", "now()", false),
                ColumnDefinition.parse("timestamp with time zone default now() null"));
        assertEquals(new ColumnDefinition("enum('default','null')", "'null'", false),
                ColumnDefinition.parse("enum('default','null') default 'null'"));
        assertEquals(new ColumnDefinition("int", null, true), ColumnDefinition.parse("int not null"));
    }

    @Test
    void leavesOtherDefinitionsWhole() {
        for (String sql : new String[]{"varchar(12)", "double precision", "varchar(5) check (x <> 'default')",
                "text default 'x' collate \"C\"", "varchar(3) default 'unterminated", "default 1"}) {
            assertEquals(new ColumnDefinition(sql, null, false), ColumnDefinition.parse(sql), sql);
        }
    }
}
