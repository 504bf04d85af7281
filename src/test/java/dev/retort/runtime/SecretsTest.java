package dev.retort.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Credentials never appear in output, errors, stack traces (-v) or generated files. */
class SecretsTest {

    static final String SECRET = "Sup3r-S3cret-pw";
    static final String A = "1111aaaaaaaa";
    static final String B = "2222bbbbbbbb";

    @TempDir
    Path tmp;

    @Test
    void urlsAreMaskedAndStripped() {
        assertEquals("jdbc:postgresql://h/db?user=u&password=****", Secrets.maskUrl("jdbc:postgresql://h/db?user=u&password=" + SECRET));
        assertEquals("jdbc:mariadb://u:****@h/db", Secrets.maskUrl("jdbc:mariadb://u:" + SECRET + "@h/db"));
        assertEquals("jdbc:postgresql://h/db?user=u", Secrets.withoutPassword("jdbc:postgresql://h/db?user=u&password=" + SECRET));
        assertEquals("jdbc:postgresql://h/db?user=u", Secrets.withoutPassword("jdbc:postgresql://h/db?password=" + SECRET + "&user=u"));
        assertEquals("jdbc:postgresql://h/db", Secrets.withoutPassword("jdbc:postgresql://h/db?password=" + SECRET));
        assertEquals("jdbc:mariadb://u@h/db", Secrets.withoutPassword("jdbc:mariadb://u:" + SECRET + "@h/db"));
        assertEquals("jdbc:sqlite:app.sqlite", Secrets.withoutPassword("jdbc:sqlite:app.sqlite"));
        assertEquals("denied for **** at jdbc:x://h/db?password=****", Secrets.scrub("denied for " + SECRET + " at jdbc:x://h/db?password=" + SECRET, SECRET));
    }

    @Test
    void noCommandPrintsOrWritesThePassword() throws Exception {
        Workspace w = Workspace.postgres(tmp.resolve("proj")); // trust authentication: the password is accepted and ignored
        w.tableMigration(A, List.of(), "alpha");
        w.migration(B, List.of(A), "fails", "op.execute(\"insert into no_such_table values (1)\");", "");
        String withPassword = w.url + "&password=" + SECRET;
        Files.writeString(w.config, "url=" + withPassword + "\nmigrations=migrations\nmigrations-package=migrations\n");

        List<Workspace.Result> results = new ArrayList<>();
        results.add(expect(0, w.run("-v", "upgrade", A)));
        results.add(expect(1, w.run("-v", "upgrade", "head")));            // a failing migration: message and stack trace
        results.add(expect(0, w.run("-v", "current")));
        results.add(expect(0, w.run("-v", "history", "-i")));
        results.add(expect(0, w.run("-v", "upgrade", A + ":" + B, "--sql")));
        results.add(expect(0, w.run("-v", "stamp", A)));
        results.add(expect(0, w.run("-v", "repair")));
        results.add(expect(0, w.run("-v", "revision", "-m", "by hand")));
        // errors that echo the URL, with -v stack traces
        results.add(expect(1, w.run("-v", "--url", "jdbc:postgresql://127.0.0.1:1/x?user=u&password=" + SECRET, "current")));
        results.add(expect(1, w.run("-v", "--url", "jdbc:postgresql://127.0.0.1:notaport/x?password=" + SECRET, "current")));
        results.add(expect(1, w.run("-v", "--url", "jdbc:mariadb://u:" + SECRET + "@127.0.0.1:1/x", "upgrade", "head")));
        results.add(expect(1, w.run("-v", "--url", "jdbc:nosuchdb://h/x?password=" + SECRET, "current")));
        results.add(expect(1, w.run("-v", "--url", "postgresql://h/x?password=" + SECRET, "current")));
        Path other = tmp.resolve("other.properties");
        Files.writeString(other, "url=jdbc:postgresql://127.0.0.1:1/x\nuser=someone\npassword=" + SECRET + "\n");
        results.add(expect(1, Workspace.runRaw("-v", "-c", other.toString(), "upgrade", "head")));
        Path fresh = tmp.resolve("fresh");
        Workspace.Result init = Workspace.runRaw("--url", withPassword, "init", fresh.toString());
        results.add(expect(0, init));
        assertTrue(init.err().contains("password in --url was not written"), init::toString);

        for (Workspace.Result r : results) {
            assertFalse(r.out().contains(SECRET) || r.err().contains(SECRET), () -> "the password leaked:\n" + r);
        }
        assertTrue(results.get(1).err().contains("\tat "), "-v printed a stack trace, scrubbed");
        for (Path dir : List.of(w.dir, fresh)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    if (!f.equals(w.config)) { // the one file the user wrote it into
                        assertFalse(Files.readString(f).contains(SECRET), "the password is in " + f);
                    }
                }
            }
        }
        assertTrue(Files.readString(fresh.resolve("retort.properties")).contains(w.url.substring(0, w.url.indexOf('?'))));
    }

    private static Workspace.Result expect(int code, Workspace.Result r) {
        assertEquals(code, r.code(), r::toString);
        return r;
    }
}
