package dev.retort.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command and every target form, in-process against real SQLite files. */
class CliTest {

    static final String A = "1111aaaaaaaa";
    static final String B = "2222bbbbbbbb";
    static final String C = "3333cccccccc";
    static final String D = "4444dddddddd";

    @TempDir
    Path tmp;
    Project p;

    @BeforeEach
    void setUp() throws Exception {
        p = new Project(tmp.resolve("proj"));
    }

    void chain() throws Exception {
        p.tableMigration(A, List.of(), "alpha");
        p.tableMigration(B, List.of(A), "beta");
        p.tableMigration(C, List.of(B), "gamma");
        p.tableMigration(D, List.of(C), "delta");
    }

    static void ok(Project.Result r) {
        assertEquals(0, r.code(), r::toString);
    }

    static void failsWithOneLine(Project.Result r, String expected) {
        assertEquals(1, r.code(), r::toString);
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), () -> "one line on stderr expected\n" + r);
        assertTrue(lines.get(0).startsWith("retort: error: "), r::toString);
        assertTrue(lines.get(0).contains(expected), () -> "expected '" + expected + "' in\n" + r);
        assertFalse(r.err().contains("\tat "), r::toString);
    }

    @Test
    void initCreatesConfigAndMigrationsFolder() throws Exception {
        Path dir = tmp.resolve("fresh");
        Project.Result r = new Project(tmp.resolve("other")).run("init", dir.toString());
        ok(r);
        assertTrue(Files.isRegularFile(dir.resolve("retort.properties")));
        assertTrue(Files.isDirectory(dir.resolve("migrations")));
        failsWithOneLine(new Project(tmp.resolve("other2")).run("init", dir.toString()), "already exists");
    }

    @Test
    void upgradeHeadThenCurrentHistoryHeads() throws Exception {
        chain();
        Project.Result up = p.run("upgrade", "head");
        ok(up);
        assertTrue(up.out().contains("Running upgrade  -> " + A + ", create alpha"), up::toString);
        assertTrue(up.out().contains("Running upgrade " + C + " -> " + D + ", create delta"), up::toString);
        assertEquals(Set.of("alpha", "beta", "gamma", "delta", "retort_version"), p.tables());
        assertEquals(Set.of(D), p.versions());

        Project.Result current = p.run("current");
        ok(current);
        assertEquals(D + " (head)", current.out().strip());

        Project.Result history = p.run("history");
        ok(history);
        assertEquals(List.of(
                C + " -> " + D + " (head), create delta",
                B + " -> " + C + ", create gamma",
                A + " -> " + B + ", create beta",
                "<base> -> " + A + ", create alpha"), history.out().lines().toList());

        Project.Result range = p.run("history", "-r", B + ":" + C);
        ok(range);
        assertEquals(2, range.out().lines().count(), range::toString);

        Project.Result heads = p.run("heads");
        ok(heads);
        assertEquals(D + " (head)", heads.out().strip());

        Project.Result again = p.run("upgrade");
        ok(again);
        assertEquals(Set.of(D), p.versions());
    }

    @Test
    void relativeAndPrefixTargets() throws Exception {
        chain();
        ok(p.run("upgrade", "+2"));
        assertEquals(Set.of(B), p.versions());
        assertFalse(p.tables().contains("gamma"));

        ok(p.run("upgrade", "33"));          // unique prefix
        assertEquals(Set.of(C), p.versions());

        ok(p.run("downgrade", "-1"));
        assertEquals(Set.of(B), p.versions());
        assertFalse(p.tables().contains("gamma"));

        ok(p.run("upgrade", A + "+3"));      // ID+N
        assertEquals(Set.of(D), p.versions());

        ok(p.run("downgrade", D + "-2"));    // ID-N
        assertEquals(Set.of(B), p.versions());

        ok(p.run("upgrade", "heads"));
        assertEquals(Set.of(D), p.versions());

        ok(p.run("downgrade", "base"));
        assertEquals(Set.of(), p.versions());
        assertEquals(Set.of("retort_version"), p.tables());
    }

    @Test
    void ambiguousAndUnknownRevisions() throws Exception {
        p.tableMigration("abc111111111", List.of(), "one");
        p.tableMigration("abc222222222", List.of("abc111111111"), "two");
        Project.Result ambiguous = p.run("upgrade", "abc");
        failsWithOneLine(ambiguous, "abc111111111");
        assertTrue(ambiguous.err().contains("abc222222222"), ambiguous::toString);
        failsWithOneLine(p.run("upgrade", "fff"), "fff");
        failsWithOneLine(p.run("show", "ffff00000000"), "ffff00000000");
        assertEquals(Set.of(), p.versions());
    }

    @Test
    void branchesMergeAndSeveralHeads() throws Exception {
        p.tableMigration(A, List.of(), "alpha");
        p.tableMigration(B, List.of(A), "beta");
        p.tableMigration(C, List.of(A), "gamma");

        Project.Result heads = p.run("heads");
        ok(heads);
        assertEquals(Set.of(B + " (head)", C + " (head)"), Set.copyOf(heads.out().lines().toList()));

        Project.Result branches = p.run("branches");
        ok(branches);
        assertTrue(branches.out().contains(A + " (branchpoint)"), branches::toString);

        failsWithOneLine(p.run("upgrade", "head"), "multiple heads");
        failsWithOneLine(p.run("revision", "-m", "next"), "multiple heads");

        ok(p.run("upgrade", "heads"));
        assertEquals(Set.of(B, C), p.versions());

        Project.Result merge = p.run("merge", "-m", "join", "--rev-id", D, "heads");
        ok(merge);
        Project.Result oneHead = p.run("heads");
        assertEquals(D + " (head)", oneHead.out().strip());

        ok(p.run("upgrade", "head"));
        assertEquals(Set.of(D), p.versions());

        // as in Alembic, a relative step down from a merge point is ambiguous: name the target instead
        failsWithOneLine(p.run("downgrade", "-1"), "ambiguous");
        ok(p.run("downgrade", A));
        assertEquals(Set.of(A), p.versions());
        assertEquals(Set.of("alpha", "retort_version"), p.tables());

        Project.Result show = p.run("show", D);
        ok(show);
        assertTrue(show.out().contains("Merges: " + B + ", " + C) || show.out().contains("Merges: " + C + ", " + B), show::toString);
    }

    @Test
    void revisionWritesAMigrationToFillIn() throws Exception {
        ok(p.run("revision", "-m", "Add manual change", "--rev-id", "b3259a323bf6"));
        Path file = p.migrations.resolve("Rb3259a323bf6_add_manual_change.java");
        assertTrue(Files.isRegularFile(file));
        String src = Files.readString(file);
        assertTrue(src.contains("id = \"b3259a323bf6\""), src);
        ok(p.run("upgrade", "head"));
        assertEquals(Set.of("b3259a323bf6"), p.versions());

        ok(p.run("revision", "-m", "second", "--rev-id", "c00000000001"));
        String second = Files.readString(p.migrations.resolve("Rc00000000001_second.java"));
        assertTrue(second.contains("\"b3259a323bf6\""), "the new revision follows the head:\n" + second);
        failsWithOneLine(p.run("revision", "-m", "dup", "--rev-id", "c00000000001"), "already exists");
        failsWithOneLine(p.run("revision", "-m", "bad", "--rev-id", "XYZ"), "12 lowercase hex");
    }

    @Test
    void stampMovesTheVersionOnly() throws Exception {
        chain();
        ok(p.run("stamp", "head"));
        assertEquals(Set.of(D), p.versions());
        assertEquals(Set.of("retort_version"), p.tables());
        ok(p.run("stamp", B));
        assertEquals(Set.of(B), p.versions());
        ok(p.run("stamp", "base"));
        assertEquals(Set.of(), p.versions());
    }

    @Test
    void sqlPrintsTheScriptAndTouchesNothing() throws Exception {
        chain();
        Project.Result sql = p.run("upgrade", "head", "--sql");
        ok(sql);
        String out = sql.out().toLowerCase();
        assertTrue(out.contains("create table \"retort_version\""), sql::toString);
        assertTrue(out.contains("create table alpha"), sql::toString);
        assertTrue(out.contains("insert into \"retort_version\" (version_num) values ('" + A + "')"), sql::toString);
        assertFalse(Files.exists(p.database) && p.tables().contains("alpha"));

        Project.Result range = p.run("upgrade", B + ":" + D, "--sql");
        ok(range);
        assertFalse(range.out().toLowerCase().contains("create table alpha"), range::toString);
        assertTrue(range.out().toLowerCase().contains("create table delta"), range::toString);

        Project.Result down = p.run("downgrade", D + ":" + B, "--sql");
        ok(down);
        assertTrue(down.out().toLowerCase().contains("drop table delta"), down::toString);
        assertTrue(down.out().toLowerCase().contains("drop table gamma"), down::toString);
        assertFalse(down.out().toLowerCase().contains("drop table beta"), down::toString);
    }

    @Test
    void brokenConfigurations() throws Exception {
        Project.Result missing = runWith(tmp.resolve("nope.properties"), "current");
        failsWithOneLine(missing, "config file not found");

        Files.writeString(p.config, "urll=jdbc:sqlite:x.db\n");
        failsWithOneLine(p.run("current"), "unknown key 'urll'");

        Files.writeString(p.config, "url=jdbc:sqlite:no/such/folder/x.db\nmigrations=migrations\n");
        failsWithOneLine(p.run("current"), "does not exist");

        Files.writeString(p.config, "url=mysql://x\n");
        failsWithOneLine(p.run("current"), "JDBC URL");
    }

    private Project.Result runWith(Path config, String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "-c";
        all[1] = config.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int code = Main.run(all, new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true));
        return new Project.Result(code, out.toString(), err.toString());
    }

    @Test
    void brokenHistories() throws Exception {
        p.tableMigration(A, List.of(C), "alpha");
        p.tableMigration(B, List.of(A), "beta");
        p.tableMigration(C, List.of(B), "gamma");
        failsWithOneLine(p.run("heads"), "cycle");

        Files.list(p.migrations).forEach(f -> f.toFile().delete());
        p.tableMigration(A, List.of(), "alpha");
        p.tableMigration(B, List.of("999999999999"), "beta");
        failsWithOneLine(p.run("history"), "999999999999");

        Files.list(p.migrations).forEach(f -> f.toFile().delete());
        p.tableMigration(A, List.of(), "alpha");
        p.migration(A, List.of(), "alpha again", "", "");
        failsWithOneLine(p.run("heads"), A);
    }

    @Test
    void compileErrorNamesFileAndLine() throws Exception {
        p.migration(A, List.of(), "broken", "op.createTable(nonsense);", "");
        Project.Result r = p.run("upgrade", "head");
        failsWithOneLine(r, "R" + A + "_broken.java:");
        assertEquals(Set.of(), p.versions());
    }

    @Test
    void migrationFailingHalfWayLeavesEverythingAsItWas() throws Exception {
        p.tableMigration(A, List.of(), "alpha");
        p.migration(B, List.of(A), "half",
                "op.createTable(Table.builder(\"beta\").column(Column.of(\"id\", bigint()).notNull()).build());"
                        + " op.addColumn(\"alpha\", Column.of(\"note\", varchar(20)));"
                        + " op.execute(\"insert into no_such_table values (1)\");",
                "op.dropTable(\"beta\");");
        ok(p.run("upgrade", A));
        try (var c = p.connect(); var s = c.createStatement()) {
            s.execute("insert into alpha (id) values (1), (2)");
        }
        Project.Result r = p.run("upgrade", "head");
        failsWithOneLine(r, "no_such_table");
        assertEquals(Set.of(A), p.versions());
        assertEquals(Set.of("alpha", "retort_version"), p.tables());
        try (var c = p.connect(); var s = c.createStatement();
             var rs = s.executeQuery("select count(*) from pragma_table_info('alpha') where name = 'note'")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "the added column was rolled back");
        }
        try (var c = p.connect(); var s = c.createStatement(); var rs = s.executeQuery("select count(*) from alpha")) {
            rs.next();
            assertEquals(2, rs.getInt(1));
        }

        Project.Result verbose = p.run("-v", "upgrade", "head");
        assertEquals(1, verbose.code());
        assertTrue(verbose.err().contains("\tat "), "-v shows the stack trace");
    }

    @Test
    void usageErrorsExitTwo() {
        Project.Result r = p.run("upgrade", "--frobnicate");
        assertEquals(2, r.code(), r::toString);
        Project.Result none = p.run("downgrade");
        assertEquals(2, none.code(), none::toString);
        Project.Result noCommand = p.run("-v");
        assertEquals(2, noCommand.code(), noCommand::toString);
        assertEquals("retort: usage error: no command given\nTry 'retort --help' for more information.\n",
                noCommand.err().replace("\r", ""), noCommand::toString);
    }

    // PlainCommandLine reads the plain lines without picocli; these hold it to what picocli makes of them.

    @Test
    void plainShapesAreThoseOfTheAnnotations() {
        CommandLine picocli = new CommandLine(new Main());
        assertEquals(shape(picocli.getCommandSpec()), shape(PlainCommandLine.GLOBAL));
        Set<String> commands = new TreeSet<>(picocli.getSubcommands().keySet());
        commands.remove("help");
        assertEquals(commands, new TreeSet<>(PlainCommandLine.COMMANDS.keySet()));
        for (String name : commands) {
            assertEquals(shape(picocli.getSubcommands().get(name).getCommandSpec()), shape(PlainCommandLine.COMMANDS.get(name)), name);
        }
    }

    /** Options by every name (as "longest name, valued?, required?"), and the number of arguments, min..max. */
    private static Map<String, String> shape(CommandSpec spec) {
        Map<String, String> shape = new TreeMap<>();
        for (OptionSpec o : spec.options()) {
            if (o.usageHelp() || o.versionHelp() || o.inherited()) {
                continue;
            }
            for (String name : o.names()) {
                shape.put(name, o.longestName() + ", " + (o.arity().max() > 0) + ", " + o.required());
            }
        }
        int min = 0;
        int max = 0;
        for (PositionalParamSpec p : spec.positionalParameters()) {
            min += p.defaultValue() == null ? p.arity().min() : 0;
            max = p.arity().max() == Integer.MAX_VALUE ? Integer.MAX_VALUE : max + p.arity().max();
        }
        shape.put("(arguments)", min + ".." + max);
        return shape;
    }

    private static Map<String, String> shape(PlainCommandLine.Shape shape) {
        Map<String, String> map = new TreeMap<>();
        shape.options.forEach((name, o) -> map.put(name, o.name() + ", " + o.valued() + ", " + o.required()));
        map.put("(arguments)", shape.minArgs + ".." + shape.maxArgs);
        return map;
    }

    @Test
    void plainLinesMakeTheCommandPicocliMakes() throws Exception {
        String[] lines = {
                "heads", "-c x.properties heads", "heads -c x.properties", "-v heads", "heads --verbose", "--config=x heads",
                "--url jdbc:sqlite:a.db heads", "heads --url=jdbc:sqlite:a.db?x=y", "-c x -v --url jdbc:sqlite:b.db heads",
                "init dir", "init --url jdbc:sqlite:a.db dir", "-c x init ./a/b",
                "revision -m msg", "revision --message=msg --rev-id 5555eeeeeeee --head 4444dddddddd --against-db --allow-empty --autogenerate",
                "autogenerate -m msg --against-db", "autogenerate -m a=b --allow-empty --rev-id abc -v",
                "check", "check --against-db",
                "upgrade", "upgrade head", "upgrade --sql 1111:2222", "upgrade +2", "upgrade -1", "upgrade heads -c x",
                "downgrade -1", "downgrade base --sql", "downgrade 4444dddddddd-2", "-v downgrade -9",
                "current", "current -v",
                "history", "history -r a:b", "history --rev-range=:b -i", "history --indicate-current", "history -r heads:",
                "branches", "show heads", "show help", "show 4444", "show -3",
                "stamp head", "stamp base --sql",
                "repair",
                "merge -m join heads", "merge a -m join b --rev-id 6666ffffffff", "merge --message=x -1 -2 c"};
        for (String line : lines) {
            String[] args = line.split(" ");
            PlainCommandLine plain = PlainCommandLine.read(args);
            assertNotNull(plain, line);
            Main viaPlain = new Main();
            Object command = plain.command(viaPlain);
            Main viaPicocli = new Main();
            CommandLine.ParseResult parsed = new CommandLine(viaPicocli).parseArgs(args);
            assertEquals(fields(parsed.subcommand().commandSpec().userObject()), fields(command), line);
            assertEquals(fields(viaPicocli), fields(viaPlain), line);
        }
    }

    /** The values picocli sets: every field of the command and its mixin; of Main, its options. */
    private static Map<String, Object> fields(Object object) throws IllegalAccessException {
        Map<String, Object> values = new TreeMap<>();
        values.put("(class)", object.getClass().getName());
        for (Class<?> c = object.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getType() == Main.class || f.getType() == PrintWriter.class
                        || f.getType() == CommandSpec.class || f.getName().equals("secrets")) {
                    continue;
                }
                f.setAccessible(true);
                Object value = f.get(object);
                values.put(c.getSimpleName() + "." + f.getName(), value instanceof Commands.NewRevision mixin ? fields(mixin) : value);
            }
        }
        return values;
    }

    @Test
    void linesNotPlainAreLeftToPicocli() {
        String[] lines = {
                "", "--help", "-h", "--version", "-V", "help", "help heads", "heads --help", "heads -h", "heads -V",
                "frobnicate", "HEADS", "--frobnicate", "-c", "-c x", "-v", "-vc x heads", "-cx heads", "-c=x heads",
                "--config= heads", "-c x -c y heads", "-c x heads -c y", "-v -v heads", "-v heads -v", "heads extra",
                "heads --", "-- heads", "-c heads heads", "-c -v heads", "-c help heads", "--url=upgrade heads", "@args",
                "heads @args", "-c @x heads", "--sql heads", "heads --sql", "upgrade --sql=true", "upgrade --sql --sql",
                "upgrade a b", "downgrade", "downgrade -12", "downgrade -0", "downgrade -x", "-1 downgrade",
                "history -ir x", "history -r -1", "history -r=a:", "history --rev-range=", "revision --rev-id x",
                "revision -m", "revision -m -x", "merge -m x", "merge heads", "autogenerate -m x --autogenerate",
                "init", "init a b", "show", "stamp a b"};
        for (String line : lines) {
            String[] args = line.isEmpty() ? new String[0] : line.split(" ");
            assertNull(PlainCommandLine.read(args), line);
        }
        assertNull(PlainCommandLine.read(new String[]{"-c", "", "heads"}));
        assertNull(PlainCommandLine.read(new String[]{"heads", ""}));
        assertNull(PlainCommandLine.read(new String[]{"-c", "a\0b", "heads"}), "a path picocli cannot convert");
    }

    @Test
    void plainLinesRunAsPicocliRunsThem() throws Exception {
        chain();
        String cfg = p.config.toString();
        List<List<String>> lines = List.of(
                List.of("-c", cfg, "heads"), List.of("heads", "-c", cfg, "-v"), List.of("--config=" + cfg, "history"),
                List.of("-c", cfg, "history", "-r", B + ":" + C, "-v"), List.of("-c", cfg, "history", "-i"),
                List.of("-c", cfg, "show", D), List.of("-c", cfg, "show", "heads"), List.of("-c", cfg, "branches"),
                List.of("-c", cfg, "current", "-v"), List.of("-c", cfg, "upgrade", "--sql"),
                List.of("-c", cfg, "downgrade", D + ":" + B, "--sql"), List.of("-c", cfg, "downgrade", "-1", "--sql"),
                List.of("-c", cfg, "stamp", "head", "--sql"), List.of("-c", cfg, "show", "ffff00000000"),
                List.of("-c", tmp.resolve("nope.properties").toString(), "heads"), List.of("-c", cfg, "upgrade", "fff"));
        for (List<String> line : lines) {
            String[] args = line.toArray(String[]::new);
            assertNotNull(PlainCommandLine.read(args), line::toString);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.runWithPicocli(args, new PrintWriter(out, true), new PrintWriter(err, true));
            Project.Result picocli = new Project.Result(code, out.toString(), err.toString());
            out = new StringWriter();
            err = new StringWriter();
            code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
            assertEquals(picocli.toString(), new Project.Result(code, out.toString(), err.toString()).toString(), line::toString);
        }
    }

    @Test
    void helpVersionAndUsageErrorsComeFromPicocli() {
        Project.Result help = p.run("--help");
        ok(help);
        assertTrue(help.out().startsWith("Usage: retort [-hvV] [-c=FILE] [--url=URL] [COMMAND]"), help::toString);
        assertTrue(help.out().contains("  heads         Show the current head revisions."), help::toString);
        Project.Result headsHelp = p.run("heads", "--help");
        ok(headsHelp);
        assertTrue(headsHelp.out().startsWith("Usage: retort heads [-hvV] [-c=FILE] [--url=URL]"), headsHelp::toString);
        Project.Result version = p.run("--version");
        ok(version);
        assertTrue(version.out().startsWith("retort "), version::toString);
        Project.Result twice = p.run("-c", p.config.toString(), "heads");
        assertEquals(2, twice.code(), twice::toString);
        assertEquals("retort: usage error: option '--config' (FILE) should be specified only once\n"
                + "Try 'retort --help' for more information.\n", twice.err().replace("\r", ""), twice::toString);
        Project.Result unknown = p.run("heads", "--sql");
        assertEquals(2, unknown.code(), unknown::toString);
        assertTrue(unknown.err().startsWith("retort: usage error: Unknown option: '--sql'"), unknown::toString);
        assertTrue(unknown.err().contains("Try 'retort heads --help'"), unknown::toString);
    }
}
