package dev.retort.cli;

import dev.retort.api.AutogenerateResult;
import dev.retort.api.CheckResult;
import dev.retort.api.Retort;
import dev.retort.api.RevisionState;
import dev.retort.revision.RevisionInfo;
import dev.retort.runtime.Checksum;
import dev.retort.runtime.Secrets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** One small class per command: parse, call {@link Retort}, print. */
final class Commands {

    private Commands() {
    }

    /** What every command shares: the parent's options and streams. */
    abstract static class Base implements Callable<Integer> {
        @ParentCommand
        Main main;

        Retort retort() {
            return main.retort();
        }

        /** Progress and results go to stdout; stderr carries only errors and warnings. */
        void info(String line) {
            main.out.println(line);
        }

        void warn(String line) {
            main.err.println(line);
        }

        void print(String line) {
            main.out.println(line);
        }

        void verbose(String line) {
            if (main.verbose) {
                main.err.println(line);
            }
        }
    }

    @Command(name = "init", description = "Create a migration environment in DIR: retort.properties and a migrations folder.")
    static final class Init extends Base {
        @Parameters(paramLabel = "DIR", description = "Folder to create (may exist, must not hold a retort.properties).")
        Path dir;

        @Override
        public Integer call() {
            for (Path p : Retort.init(dir, main.url)) {
                info("Generating " + p + " ... done");
            }
            if (Secrets.hasPassword(main.url)) {
                warn("WARNING: the password in --url was not written to retort.properties; give it with RETORT_PASSWORD");
            }
            info("Edit " + dir.resolve("retort.properties") + ": point 'entities' at your JPA entities, then run 'retort autogenerate -m \"initial\"'.");
            return 0;
        }
    }

    /** The options a new revision is written with, shared by {@code revision} and {@code autogenerate}. */
    static final class NewRevision {
        @Option(names = {"-m", "--message"}, required = true, description = "What the revision does.")
        String message;

        @Option(names = "--rev-id", description = "Use this revision id (12 lowercase hex digits) instead of a random one.")
        String revId;

        @Option(names = "--head", description = "The revision to build on (default: the single head).")
        String head;

        @Option(names = "--against-db", description = "Autogenerate: diff against the configured database (which must be at head) instead of replaying the migrations into a scratch database.")
        boolean againstDb;

        @Option(names = "--allow-empty", description = "Autogenerate: write an empty revision when nothing changed.")
        boolean allowEmpty;
    }

    @Command(name = "revision", description = "Create a new, empty migration to fill in by hand (or --autogenerate it).")
    static final class RevisionCmd extends Base {
        @Mixin
        NewRevision options;

        @Option(names = "--autogenerate", description = "Fill the revision with the differences between the entities and the migrations.")
        boolean autogenerate;

        @Override
        public Integer call() {
            if (autogenerate) {
                return Autogenerate.run(this, options);
            }
            Path file = retort().revision(options.message, options.revId, options.head);
            info("Generating " + file + " ... done");
            return 0;
        }
    }

    @Command(name = "autogenerate", description = "Write a migration with the differences between the JPA entities and the schema the migrations produce.")
    static final class Autogenerate extends Base {
        @Mixin
        NewRevision options;

        @Override
        public Integer call() {
            return run(this, options);
        }

        static int run(Base cmd, NewRevision o) {
            AutogenerateResult result = cmd.retort().autogenerate(o.message, o.revId, o.head, o.againstDb, o.allowEmpty);
            for (String line : result.detected()) {
                cmd.info(line);
            }
            for (String warning : result.warnings()) {
                cmd.warn("WARNING: " + warning);
            }
            if (result.file() == null) {
                cmd.info("No changes in schema detected; nothing written (use --allow-empty to write an empty revision).");
            } else {
                cmd.info("Generating " + result.file() + " ... done");
            }
            return 0;
        }
    }

    @Command(name = "check", description = "Exit 1 and list the differences if the entities and the migrations disagree (a forgotten migration); exit 0 if in sync.")
    static final class Check extends Base {
        @Option(names = "--against-db", description = "Compare the entities with the configured database (drift) instead of the migrations.")
        boolean againstDb;

        @Override
        public Integer call() {
            CheckResult result = retort().check(againstDb);
            if (result.differences().isEmpty()) {
                print("No new upgrade operations detected.");
                return 0;
            }
            main.err.println("New upgrade operations detected:");
            for (String line : result.differences()) {
                main.err.println("  " + line);
            }
            return 1;
        }
    }

    @Command(name = "upgrade", description = "Upgrade to a later revision (default: head). Waits up to lock-timeout for another"
            + " retort migrating the same database; refuses when an applied migration was edited since (see repair).")
    static final class Upgrade extends Base {
        @Parameters(paramLabel = "TARGET", defaultValue = "head",
                description = "head, heads, a revision id or unique prefix, +N, ID+N; with --sql also FROM:TO.")
        String target;

        @Option(names = "--sql", description = "Print the SQL instead of running it (offline: needs no database).")
        boolean sql;

        @Override
        public Integer call() {
            Retort r = retort();
            if (sql) {
                r.upgradeSql(target, main.out::println);
            } else {
                r.upgrade(target, this::info, main.verbose ? this::info : s -> { });
            }
            return 0;
        }
    }

    @Command(name = "downgrade", description = "Revert to a previous revision.")
    static final class Downgrade extends Base {
        @Parameters(paramLabel = "TARGET", description = "base, -N, a revision id or unique prefix, ID-N; with --sql also FROM:TO.")
        String target;

        @Option(names = "--sql", description = "Print the SQL instead of running it (offline: needs no database).")
        boolean sql;

        @Override
        public Integer call() {
            Retort r = retort();
            if (sql) {
                r.downgradeSql(target, main.out::println);
            } else {
                r.downgrade(target, this::info, main.verbose ? this::info : s -> { });
            }
            return 0;
        }
    }

    @Command(name = "current", description = "Show the revision(s) the database is at; with -v also when each was applied, whether its source changed since, and what is pending.")
    static final class Current extends Base {
        @Override
        public Integer call() {
            Retort r = retort();
            String unfinished = r.unfinished();
            if (unfinished != null) {
                warn("WARNING: " + unfinished);
            }
            if (!main.verbose) {
                for (String id : r.current()) {
                    print(id + (r.graph().isHead(id) ? " (head)" : ""));
                }
                return 0;
            }
            Map<String, RevisionState> states = r.status();
            for (RevisionState state : states.values()) {
                if (state.current()) {
                    print(Format.detailed(state.revision(), r.graph(), states));
                }
            }
            List<String> pending = states.values().stream().filter(s -> !s.applied()).map(s -> s.revision().id()).toList();
            print("Pending: " + (pending.isEmpty() ? "none" : pending.size() + " (" + String.join(", ", pending) + ")"));
            return 0;
        }
    }

    @Command(name = "history", description = "List revisions in order, newest first.")
    static final class History extends Base {
        @Option(names = {"-r", "--rev-range"}, paramLabel = "A:B", description = "Only revisions in this range (either side optional).")
        String range;

        @Option(names = {"-i", "--indicate-current"},
                description = "Connect to the database and mark each revision (current), (applied) or (pending), and (changed) when its source changed since it was applied.")
        boolean indicateCurrent;

        @Override
        public Integer call() {
            Retort r = retort();
            Map<String, RevisionState> states = indicateCurrent ? r.status() : Map.of();
            for (RevisionInfo info : r.history(range)) {
                print(main.verbose ? Format.detailed(info, r.graph(), states) : Format.line(info, r.graph(), states));
            }
            return 0;
        }
    }

    @Command(name = "heads", description = "Show the current head revisions.")
    static final class Heads extends Base {
        @Override
        public Integer call() {
            Retort r = retort();
            for (String id : r.graph().heads()) {
                print(main.verbose ? Format.detailed(r.graph().get(id), r.graph(), Map.of()) : id + " (head)");
            }
            return 0;
        }
    }

    @Command(name = "branches", description = "Show the branch points.")
    static final class Branches extends Base {
        @Override
        public Integer call() {
            Retort r = retort();
            for (String id : r.graph().branchPoints()) {
                print(Format.line(r.graph().get(id), r.graph(), Map.of()));
                for (String child : r.graph().children(id)) {
                    print("  -> " + Format.line(r.graph().get(child), r.graph(), Map.of()));
                }
            }
            return 0;
        }
    }

    @Command(name = "show", description = "Show a revision.")
    static final class Show extends Base {
        @Parameters(paramLabel = "REV", description = "A revision id, prefix, head or current.")
        String rev;

        @Override
        public Integer call() {
            Retort r = retort();
            for (RevisionInfo info : r.show(rev)) {
                print(Format.detailed(info, r.graph(), Map.of()));
            }
            return 0;
        }
    }

    @Command(name = "stamp", description = "Set the database's revision without running any migration.")
    static final class Stamp extends Base {
        @Parameters(paramLabel = "REV", description = "head, heads, base, or a revision.")
        String rev;

        @Option(names = "--sql", description = "Print the SQL instead of running it.")
        boolean sql;

        @Override
        public Integer call() {
            retort().stamp(rev, sql ? main.out::println : this::info, sql);
            return 0;
        }
    }

    @Command(name = "repair", description = "Accept the current source of applied migrations that changed since they were applied (recording their new checksums), so that upgrade runs again.")
    static final class Repair extends Base {
        @Override
        public Integer call() {
            List<RevisionState> repaired = retort().repair();
            if (repaired.isEmpty()) {
                info("Nothing to repair: every applied migration is as it was applied.");
            }
            for (RevisionState s : repaired) {
                info("Accepted " + s.revision().id() + " (" + s.revision().origin() + "): "
                        + (s.recorded() == null ? "no checksum was on record" : "was " + Checksum.abbreviate(s.recorded().checksum()))
                        + ", now " + Checksum.abbreviate(s.checksum()));
            }
            return 0;
        }
    }

    @Command(name = "merge", description = "Create a revision that merges several heads into one.")
    static final class Merge extends Base {
        @Option(names = {"-m", "--message"}, required = true, description = "What the merge is for.")
        String message;

        @Option(names = "--rev-id", description = "Use this revision id instead of a random one.")
        String revId;

        @Parameters(paramLabel = "REV", arity = "1..*", description = "The revisions to merge, or 'heads'.")
        List<String> revisions;

        @Override
        public Integer call() {
            Path file = retort().merge(message, revId, revisions);
            info("Generating " + file + " ... done");
            return 0;
        }
    }
}
