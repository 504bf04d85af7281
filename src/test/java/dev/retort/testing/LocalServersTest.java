package dev.retort.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

class LocalServersTest {

    @Test
    void postgresServesFreshDatabases() throws Exception {
        PostgresServer pg = PostgresServer.get();
        String a = pg.createDatabase();
        String b = pg.createDatabase();
        assertNotEquals(a, b);
        try (Connection c = DriverManager.getConnection(a); Statement s = c.createStatement()) {
            s.execute("create table t (id bigint primary key)");
            s.execute("insert into t values (1)");
            try (ResultSet rs = s.executeQuery("select count(*), current_setting('fsync'), version() from t")) {
                rs.next();
                assertEquals(1, rs.getInt(1));
                assertEquals("off", rs.getString(2));
                System.out.println(rs.getString(3) + " started in " + pg.startupMillis() + " ms");
            }
        }
        try (Connection c = DriverManager.getConnection(b); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from pg_class where relname = 't'")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "a fresh database is empty");
        }
    }

    @Test
    void mariaDbServesFreshDatabases() throws Exception {
        MariaDbServer db = MariaDbServer.get();
        String a = db.createDatabase();
        String b = db.createDatabase();
        assertNotEquals(a, b);
        try (Connection c = DriverManager.getConnection(a); Statement s = c.createStatement()) {
            s.execute("create table t (id bigint primary key) engine=InnoDB");
            s.execute("insert into t values (1)");
            try (ResultSet rs = s.executeQuery("select count(*), version(), @@character_set_server from t")) {
                rs.next();
                assertEquals(1, rs.getInt(1));
                assertEquals("utf8mb4", rs.getString(3));
                System.out.println(rs.getString(2) + " started in " + db.startupMillis() + " ms");
            }
        }
        try (Connection c = DriverManager.getConnection(b); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from information_schema.tables where table_schema = database()")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "a fresh database is empty");
        }
    }
}
