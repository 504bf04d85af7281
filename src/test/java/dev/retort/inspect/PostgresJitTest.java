package dev.retort.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import dev.retort.model.DatabaseKind;
import dev.retort.model.TableName;
import dev.retort.testing.PostgresServer;

/** Inspection turns PostgreSQL's JIT off for its catalog queries and leaves the session as it found it. */
class PostgresJitTest {

    @Test
    void theSessionSettingIsRestoredAfterInspecting() throws SQLException {
        try (Connection c = DriverManager.getConnection(PostgresServer.get().createDatabase())) {
            execute(c, "create table book (id bigint primary key, title varchar(80))");
            for (String setting : new String[] {"on", "off", "on"}) {
                execute(c, "set jit = " + setting);
                assertEquals(1, SchemaInspector.inspect(c, DatabaseKind.POSTGRESQL, t -> true).tables().size());
                assertEquals(setting, jit(c), "after inspect");
                SchemaInspector.inspectTable(c, DatabaseKind.POSTGRESQL, TableName.of("book")).orElseThrow();
                assertEquals(setting, jit(c), "after inspectTable");
            }
        }
    }

    @Test
    void insideATransactionTheSettingIsRestoredToo() throws SQLException {
        try (Connection c = DriverManager.getConnection(PostgresServer.get().createDatabase())) {
            execute(c, "create table book (id bigint primary key)");
            c.setAutoCommit(false);
            execute(c, "set jit = on");
            SchemaInspector.inspect(c, DatabaseKind.POSTGRESQL, t -> true);
            assertEquals("on", jit(c));
            c.commit();
            assertEquals("on", jit(c));
        }
    }

    private static String jit(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select current_setting('jit')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
