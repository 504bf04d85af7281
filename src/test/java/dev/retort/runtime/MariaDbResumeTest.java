package dev.retort.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MariaDB commits every DDL statement by itself, so a migration that fails half way leaves its first statements
 * applied. Retort says so up front, records each statement in {@code retort_version_progress} as it runs, and on
 * the next {@code upgrade} resumes after the last one that took effect — ending exactly where a clean run ends.
 */
class MariaDbResumeTest {

    static final String A = "1111aaaaaaaa";
    static final String B = "2222bbbbbbbb";

    /** B's upgrade: five statements; the third (a unique key) fails while two accounts share an email. */
    static final String B_UPGRADE = String.join("\n        ", List.of(
            "op.addColumn(\"account\", Column.of(\"owner_id\", bigint()));",
            "op.execute(\"update account set owner_id = 1\");",
            "op.addUnique(\"account\", UniqueKey.of(\"uq_account_email\", \"email\"));",
            "op.addForeignKey(\"account\", ForeignKey.of(\"fk_account_owner\", java.util.List.of(\"owner_id\"), TableName.of(\"owner\"), java.util.List.of(\"id\")));",
            "op.addColumn(\"account\", Column.of(\"note\", varchar(20)).withDefault(\"'new'\"));"));
    static final String B_DOWNGRADE = String.join("\n        ", List.of(
            "op.dropColumn(\"account\", Column.of(\"note\", varchar(20)).withDefault(\"'new'\"));",
            "op.dropForeignKey(\"account\", ForeignKey.of(\"fk_account_owner\", java.util.List.of(\"owner_id\"), TableName.of(\"owner\"), java.util.List.of(\"id\")));",
            "op.dropUnique(\"account\", UniqueKey.of(\"uq_account_email\", \"email\"));",
            "op.dropColumn(\"account\", Column.of(\"owner_id\", bigint()));"));

    @TempDir
    Path tmp;

    @Test
    void failedMigrationResumesAfterTheLastAppliedStatementAndEndsAsACleanRun() throws Exception {
        Workspace w = Workspace.mariadb(tmp.resolve("resumed"));
        prepare(w, B_UPGRADE);
        Workspace.Result atA = w.run("upgrade", A);
        assertEquals(0, atA.code(), atA::toString);
        assertTrue(atA.out().startsWith("Context: MariaDB, non-transactional DDL"), atA::toString);
        String snapshotAtA = catalog(w.snapshot());
        w.execute("insert into owner (id) values (1)", "insert into account (id, email) values (1, 'a@example.com'), (2, 'a@example.com')");

        Workspace.Result failed = w.run("upgrade");
        assertEquals(1, failed.code(), failed::toString);
        String error = failed.err();
        assertTrue(error.contains("upgrade " + B + " (constraints) failed at statement 3: alter table account add constraint uq_account_email unique (email)"), error);
        assertTrue(error.contains("Duplicate entry"), error);
        assertTrue(error.contains("MariaDB cannot roll back DDL: statements 1 to 2 of this migration stay applied, recorded in retort_version_progress"), error);
        assertTrue(error.contains("run the upgrade again to resume after statement 2, or finish it by hand and run 'retort stamp " + B + "'"), error);
        assertEquals(Set.of(A), w.versions());
        assertEquals(List.of("1|2222bbbbbbbb|upgrade|1|applied|alter table account add column owner_id bigint",
                        "2|2222bbbbbbbb|upgrade|2|applied|update account set owner_id = 1"),
                w.query("select entry_no, revision, direction, statement_no, state, sql_text from retort_version_progress order by entry_no"));
        assertEquals(List.of("1|1", "2|1"), w.query("select id, owner_id from account order by id"), "statements 1 and 2 took effect");

        Workspace.Result current = w.run("current");
        assertEquals(A, current.out().strip(), current::toString);
        assertTrue(current.err().startsWith("WARNING: the upgrade of " + B + " stopped half way in an earlier run, with 2 statements applied"
                + " (see table retort_version_progress): resume it with 'retort upgrade " + B + "'"), current::toString);

        // another kind of run is refused while the upgrade is unfinished
        Workspace.Result down = w.run("downgrade", "base");
        assertEquals(1, down.code(), down::toString);
        assertTrue(down.err().contains("the upgrade of " + B + " stopped half way in an earlier run, with 2 statements applied"), down::toString);
        assertTrue(down.err().contains("resume it with 'retort upgrade " + B + "'"), down::toString);
        assertEquals(Set.of(A), w.versions());

        w.execute("update account set email = 'b@example.com' where id = 2");
        Workspace.Result resumed = w.run("-v", "upgrade");
        assertEquals(0, resumed.code(), resumed::toString);
        assertTrue(resumed.out().contains("Resuming after statement 2: statements 1 to 2 were applied by an earlier run that failed"), resumed::toString);
        assertFalse(resumed.out().contains("add column owner_id"), "statement 1 is not run again\n" + resumed);
        assertTrue(resumed.out().contains("alter table account add constraint uq_account_email unique (email)"), resumed::toString);
        assertEquals(Set.of(B), w.versions());
        assertEquals(List.of(), w.query("select * from retort_version_progress"));
        assertEquals("", w.run("current").err(), "nothing unfinished any more");

        // the same migrations, run cleanly on the repaired data, end in exactly the same state
        Workspace clean = Workspace.mariadb(tmp.resolve("clean"));
        prepare(clean, B_UPGRADE);
        assertEquals(0, clean.run("upgrade", A).code());
        clean.execute("insert into owner (id) values (1)", "insert into account (id, email) values (1, 'a@example.com'), (2, 'b@example.com')");
        assertEquals(0, clean.run("upgrade").code());
        assertEquals(clean.snapshot(), w.snapshot());
        assertEquals(List.of(A + " upgrade", B + " upgrade"), w.history().stream().map(h -> h.substring(0, h.lastIndexOf(' '))).toList());

        // down again: the foreign key goes with the index MariaDB made for it, leaving the catalog as it was at A
        Workspace.Result back = w.run("downgrade", A);
        assertEquals(0, back.code(), back::toString);
        assertEquals(snapshotAtA, catalog(w.snapshot()));
    }

    @Test
    void editedStatementsBeforeTheFailurePointAreNotSkippedBlindly() throws Exception {
        Workspace w = Workspace.mariadb(tmp.resolve("edited"));
        Path b = prepare(w, B_UPGRADE);
        assertEquals(0, w.run("upgrade", A).code());
        w.execute("insert into owner (id) values (1)", "insert into account (id, email) values (1, 'x'), (2, 'x')");
        assertEquals(1, w.run("upgrade").code());

        String original = Files.readString(b);
        Files.writeString(b, original.replace("update account set owner_id = 1", "update account set owner_id = 2"));
        w.execute("update account set email = 'y' where id = 2");
        Workspace.Result refused = w.run("upgrade");
        assertEquals(1, refused.code(), refused::toString);
        assertTrue(refused.err().contains("cannot resume the upgrade of " + B + ": its statement 2 is now: update account set owner_id = 2"
                + " -- but the earlier run applied: update account set owner_id = 1"), refused::toString);
        assertEquals(Set.of(A), w.versions());
        assertEquals(2, w.query("select * from retort_version_progress").size(), "the record stays for the next try");

        Files.writeString(b, original.replace(B_UPGRADE, B_UPGRADE.lines().findFirst().orElseThrow()));
        Workspace.Result shorter = w.run("upgrade");
        assertEquals(1, shorter.code(), shorter::toString);
        assertTrue(shorter.err().contains("cannot resume the upgrade of " + B + ": it now has 1 statement, but the earlier run applied 2"),
                shorter::toString);
        assertEquals(Set.of(A), w.versions());

        // a change after the failure point is fine: that is how a broken statement gets fixed
        Files.writeString(b, original.replace("Column.of(\"note\", varchar(20))", "Column.of(\"note\", varchar(40))"));
        Workspace.Result resumed = w.run("upgrade");
        assertEquals(0, resumed.code(), resumed::toString);
        assertEquals(List.of("1|1|y|40"), w.query("select count(distinct email) - 1, min(owner_id), max(email),"
                + " (select character_maximum_length from information_schema.columns where table_schema = database()"
                + " and table_name = 'account' and column_name = 'note') from account"));
    }

    @Test
    void aMigrationWhoseJdbcCodeRanIsNotResumedButCanBeStampedAfterARepairByHand() throws Exception {
        Workspace w = Workspace.mariadb(tmp.resolve("jdbc"));
        prepare(w, String.join("\n        ", List.of(
                "op.addColumn(\"account\", Column.of(\"owner_id\", bigint()));",
                "try (java.sql.Statement s = op.connection().createStatement()) { s.executeUpdate(\"update account set owner_id = id\"); }",
                "op.addUnique(\"account\", UniqueKey.of(\"uq_account_email\", \"email\"));")));
        assertEquals(0, w.run("upgrade", A).code());
        w.execute("insert into account (id, email) values (1, 'x'), (2, 'x')");
        Workspace.Result failed = w.run("upgrade");
        assertEquals(1, failed.code(), failed::toString);
        assertTrue(failed.err().contains("failed at statement 2: alter table account add constraint uq_account_email"), failed::toString);
        assertTrue(failed.err().contains("statement 1 of this migration stays applied, and its own JDBC code ran"), failed::toString);
        assertTrue(failed.err().contains("finish it by hand and run 'retort stamp " + B + "', or undo it by hand and run 'retort stamp " + B + "-1'"),
                failed::toString);

        w.execute("update account set email = 'y' where id = 2");
        Workspace.Result refused = w.run("upgrade");
        assertEquals(1, refused.code(), refused::toString);
        assertTrue(refused.err().contains("after its own JDBC code (op.connection()) ran: Retort cannot tell what that code changed"), refused::toString);
        assertEquals(Set.of(A), w.versions());

        // undone by hand: stamping where the database now is clears the record, and the upgrade runs from the start
        w.execute("alter table account drop column owner_id");
        Workspace.Result stamped = w.run("stamp", B + "-1");
        assertEquals(0, stamped.code(), stamped::toString);
        assertTrue(stamped.out().contains("Stamped " + A), stamped::toString);
        assertTrue(stamped.out().contains("Cleared the record of the migration that stopped half way (2 rows of retort_version_progress)"), stamped::toString);
        Workspace.Result again = w.run("upgrade");
        assertEquals(0, again.code(), again::toString);
        assertEquals(List.of("1|1", "2|2"), w.query("select id, owner_id from account order by id"));
        assertEquals(Set.of(B), w.versions());
    }

    @Test
    void aStatementThatMayOrMayNotHaveRunIsLeftToTheUserToCheck() throws Exception {
        Workspace w = Workspace.mariadb(tmp.resolve("running"));
        prepare(w, B_UPGRADE);
        assertEquals(0, w.run("upgrade", A).code());
        w.execute("insert into owner (id) values (1)", "insert into account (id, email) values (1, 'x'), (2, 'x')");
        assertEquals(1, w.run("upgrade").code());
        // as if the process had died while statement 2 ran: its row says "running"
        w.execute("update retort_version_progress set state = 'running' where entry_no = 2");
        w.execute("update account set email = 'y' where id = 2");

        Workspace.Result refused = w.run("upgrade");
        assertEquals(1, refused.code(), refused::toString);
        String fix = "update `retort_version_progress` set state = 'applied' where entry_no = 2";
        assertTrue(refused.err().contains("statement 2 was running when that run stopped: Retort cannot tell whether it took effect: "
                + "update account set owner_id = 1 -- check the database; if it did, run: " + fix
                + "; if it did not, run: delete from `retort_version_progress` where entry_no = 2; then run the upgrade again to resume"),
                refused::toString);
        assertEquals(Set.of(A), w.versions());

        w.execute(fix);
        Workspace.Result resumed = w.run("upgrade");
        assertEquals(0, resumed.code(), resumed::toString);
        assertTrue(resumed.out().contains("Resuming after statement 2"), resumed::toString);
        assertEquals(Set.of(B), w.versions());
    }

    /** Writes A (two tables) and B with the given upgrade body; returns B's file. */
    private static Path prepare(Workspace w, String bUpgrade) throws Exception {
        w.migration(A, List.of(), "accounts",
                "op.createTable(Table.builder(\"owner\").column(Column.of(\"id\", bigint()).notNull()).primaryKey(\"id\").build());"
                        + " op.createTable(Table.builder(\"account\").column(Column.of(\"id\", bigint()).notNull())"
                        + ".column(Column.of(\"email\", varchar(100))).primaryKey(\"id\").build());",
                "op.dropTable(\"account\"); op.dropTable(\"owner\");");
        return w.migration(B, List.of(A), "constraints", bUpgrade, B_DOWNGRADE);
    }

    /** The catalog part of a snapshot, without Retort's own tables. */
    private static String catalog(String snapshot) {
        return String.join("\n", snapshot.lines().filter(l -> l.startsWith("catalog ") && !l.startsWith("catalog retort_")).toList());
    }
}
