package dev.retort.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.retort.inspect.CreateTableStatement.ForeignKeyClause;
import dev.retort.model.Check;
import dev.retort.model.UniqueKey;

class CreateTableStatementTest {

    @Test
    void readsNamedColumnConstraintsAndTableOptions() {
        CreateTableStatement s = CreateTableStatement.parse("""
                CREATE TABLE IF NOT EXISTS main."t" (
                  a int CONSTRAINT nn NOT NULL CONSTRAINT ck_a CHECK (a > 0) CONSTRAINT fk_a REFERENCES p(id),
                  [b c] text COLLATE nocase UNIQUE,
                  `d` int DEFAULT (1 + 2) CHECK (d in (1, 2)),
                  CONSTRAINT pk PRIMARY KEY (a DESC, [b c])
                ) WITHOUT ROWID, STRICT""");
        assertEquals(new CreateTableStatement("pk",
                List.of(Check.of("ck_a", "a > 0"), Check.of(null, "d in (1, 2)")),
                List.of(UniqueKey.of(null, "b c")),
                List.of(new ForeignKeyClause("fk_a", List.of("a"), "p")), true), s);
    }

    @Test
    void stringsCommentsAndQuotesDoNotSplitConstraints() {
        CreateTableStatement s = CreateTableStatement.parse("""
                create table "a ""b"" c" (
                  "x,y" varchar(10) default ',)', -- a comment, with ( and ,
                  z int /* check (not this) */,
                  constraint "odd, name" check ("x,y" <> 'CHECK (,)' and z > 0),
                  constraint u1 unique ("x,y", z),
                  foreign key (z) references "other table"("id") on delete cascade
                )""");
        assertEquals(List.of(Check.of("odd, name", "\"x,y\" <> 'CHECK (,)' and z > 0")), s.checks());
        assertEquals(List.of(UniqueKey.of("u1", "x,y", "z")), s.uniqueKeys());
        assertEquals(List.of(new ForeignKeyClause(null, List.of("z"), "other table")), s.foreignKeys());
        assertEquals(false, s.withoutRowid());
    }

    @Test
    void tablesCreatedFromAQueryDeclareNothing() {
        assertEquals(CreateTableStatement.EMPTY, CreateTableStatement.parse("create table t as select 1 as x"));
        assertEquals(CreateTableStatement.EMPTY, CreateTableStatement.parse(null));
    }

    @Test
    void indexTermsAreCutFromTheStatement() {
        assertEquals(List.of("lower(a)", "b COLLATE nocase", "\"c,d\"", "substr(e, 1, 2)"), CreateTableStatement.indexedTerms(
                "CREATE INDEX ix ON t (lower(a) DESC, b COLLATE nocase ASC, \"c,d\", substr(e, 1, 2)) WHERE a > 0"));
    }
}
