package dev.retort.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A command line in the plain form scripts and people type, read without picocli: the global options, one
 * command, its own options and arguments; each option once, spelled out in full, its value as the next word or
 * after {@code --name=}.
 * <p>
 * picocli was a third of a quick command's CPU time: its class files are Java 5, which class-data sharing cannot
 * archive (so they are loaded and verified on every run), and it reflects over all fourteen commands before
 * parsing. So {@link Main} reads the plain forms here and leaves every other line to picocli: help, version,
 * usage errors, clustered or attached short options ({@code -vc}, {@code -cFILE}), {@code --}, {@code @file}s,
 * repeated options, values that are empty or look like an option or a command. A line read here must mean
 * exactly what picocli makes of it; {@code CliTest} holds the shapes below against the annotations in
 * {@link Commands} and runs plain lines both ways.
 */
final class PlainCommandLine {

    /** An option as picocli knows it: by its longest name (as in its messages), with or without a value. */
    record Option(String name, boolean valued, boolean required) {
    }

    /** What a command accepts: its options by every name, and how many arguments. */
    static final class Shape {
        final String name;
        final int minArgs;
        final int maxArgs;
        final Map<String, Option> options = new LinkedHashMap<>();

        Shape(String name, int minArgs, int maxArgs) {
            this.name = name;
            this.minArgs = minArgs;
            this.maxArgs = maxArgs;
        }

        Shape flag(String... names) {
            return add(false, false, names);
        }

        Shape valued(String... names) {
            return add(true, false, names);
        }

        Shape required(String... names) {
            return add(true, true, names);
        }

        /** {@link Commands.NewRevision}, the mixin of {@code revision} and {@code autogenerate}. */
        Shape newRevision() {
            return required("-m", "--message").valued("--rev-id").valued("--head").flag("--against-db").flag("--allow-empty");
        }

        private Shape add(boolean valued, boolean required, String... names) {
            Option option = new Option(names[names.length - 1], valued, required);
            for (String n : names) {
                options.put(n, option);
            }
            return this;
        }
    }

    /** Main's options, which every command inherits (picocli's {@code ScopeType.INHERIT}). */
    static final Shape GLOBAL = new Shape("retort", 0, 0).valued("-c", "--config").flag("-v", "--verbose").valued("--url");

    /** The commands, as declared in {@link Commands}; {@code help} is left to picocli. */
    static final Map<String, Shape> COMMANDS = byName(
            new Shape("init", 1, 1),
            new Shape("revision", 0, 0).newRevision().flag("--autogenerate"),
            new Shape("autogenerate", 0, 0).newRevision(),
            new Shape("check", 0, 0).flag("--against-db"),
            new Shape("upgrade", 0, 1).flag("--sql"),
            new Shape("downgrade", 1, 1).flag("--sql"),
            new Shape("current", 0, 0),
            new Shape("history", 0, 0).valued("-r", "--rev-range").flag("-i", "--indicate-current"),
            new Shape("heads", 0, 0),
            new Shape("branches", 0, 0),
            new Shape("show", 1, 1),
            new Shape("stamp", 1, 1).flag("--sql"),
            new Shape("repair", 0, 0),
            new Shape("merge", 1, Integer.MAX_VALUE).required("-m", "--message").valued("--rev-id"));

    private final Shape command;
    /** Option values by the option's longest name; a flag given maps to "". */
    private final Map<String, String> values;
    private final List<String> arguments;

    private PlainCommandLine(Shape command, Map<String, String> values, List<String> arguments) {
        this.command = command;
        this.values = values;
        this.arguments = arguments;
    }

    /** The line read, or null when it is not in a plain form (picocli reads it then). */
    static PlainCommandLine read(String[] args) {
        if (picocliConfigured()) {
            return null;
        }
        Shape command = null;
        Map<String, String> values = new HashMap<>();
        List<String> arguments = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String word = args[i];
            if (word.isEmpty() || word.charAt(0) == '@') {
                return null; // picocli expands @file
            }
            if (word.charAt(0) != '-' || command != null && relativeStep(word)) {
                if (command == null) {
                    command = COMMANDS.get(word);
                    if (command == null) {
                        return null;
                    }
                } else {
                    arguments.add(word);
                }
                continue;
            }
            int equals = word.indexOf('=');
            boolean attached = word.startsWith("--") && equals > 2;
            String name = attached ? word.substring(0, equals) : word;
            Option option = GLOBAL.options.get(name);
            if (option == null && command != null) {
                option = command.options.get(name);
            }
            if (option == null || attached && !option.valued()) {
                return null;
            }
            String value = "";
            if (attached) {
                value = word.substring(equals + 1);
            } else if (option.valued()) {
                if (++i == args.length) {
                    return null;
                }
                value = args[i];
            }
            if (option.valued() && !plainValue(value) || values.putIfAbsent(option.name(), value) != null) {
                return null;
            }
        }
        if (command == null || arguments.size() < command.minArgs || arguments.size() > command.maxArgs) {
            return null;
        }
        for (Option option : command.options.values()) {
            if (option.required() && !values.containsKey(option.name())) {
                return null;
            }
        }
        if (!path(values.get("--config")) || command.name.equals("init") && !path(arguments.get(0))) {
            return null; // picocli's conversion error
        }
        return new PlainCommandLine(command, values, arguments);
    }

    /** The command object picocli would have made of this line, with {@code main} as its parent. */
    Callable<Integer> command(Main main) {
        main.config = values.containsKey("--config") ? Path.of(values.get("--config")) : null;
        main.url = values.get("--url");
        main.verbose = values.containsKey("--verbose");
        Commands.Base base = switch (command.name) {
            case "init" -> {
                Commands.Init c = new Commands.Init();
                c.dir = Path.of(arguments.get(0));
                yield c;
            }
            case "revision" -> {
                Commands.RevisionCmd c = new Commands.RevisionCmd();
                c.options = newRevision();
                c.autogenerate = flag("--autogenerate");
                yield c;
            }
            case "autogenerate" -> {
                Commands.Autogenerate c = new Commands.Autogenerate();
                c.options = newRevision();
                yield c;
            }
            case "check" -> {
                Commands.Check c = new Commands.Check();
                c.againstDb = flag("--against-db");
                yield c;
            }
            case "upgrade" -> {
                Commands.Upgrade c = new Commands.Upgrade();
                c.target = arguments.isEmpty() ? "head" : arguments.get(0);
                c.sql = flag("--sql");
                yield c;
            }
            case "downgrade" -> {
                Commands.Downgrade c = new Commands.Downgrade();
                c.target = arguments.get(0);
                c.sql = flag("--sql");
                yield c;
            }
            case "current" -> new Commands.Current();
            case "history" -> {
                Commands.History c = new Commands.History();
                c.range = values.get("--rev-range");
                c.indicateCurrent = flag("--indicate-current");
                yield c;
            }
            case "heads" -> new Commands.Heads();
            case "branches" -> new Commands.Branches();
            case "show" -> {
                Commands.Show c = new Commands.Show();
                c.rev = arguments.get(0);
                yield c;
            }
            case "stamp" -> {
                Commands.Stamp c = new Commands.Stamp();
                c.rev = arguments.get(0);
                c.sql = flag("--sql");
                yield c;
            }
            case "repair" -> new Commands.Repair();
            case "merge" -> {
                Commands.Merge c = new Commands.Merge();
                c.message = values.get("--message");
                c.revId = values.get("--rev-id");
                c.revisions = new ArrayList<>(arguments);
                yield c;
            }
            default -> throw new IllegalStateException("no plain form of command " + command.name);
        };
        base.main = main;
        return base;
    }

    /**
     * False for the commands that only read the migrations' sources (their headers, not their code): they never
     * reach Hibernate, so its logging need not be set up.
     */
    boolean mayBootHibernate() {
        return switch (command.name) {
            case "heads", "history", "branches", "show" -> false;
            default -> true;
        };
    }

    private Commands.NewRevision newRevision() {
        Commands.NewRevision o = new Commands.NewRevision();
        o.message = values.get("--message");
        o.revId = values.get("--rev-id");
        o.head = values.get("--head");
        o.againstDb = flag("--against-db");
        o.allowEmpty = flag("--allow-empty");
        return o;
    }

    private boolean flag(String name) {
        return values.containsKey(name);
    }

    /**
     * {@code downgrade -1}: picocli takes a negative number for an argument, not an option. The one-digit form is the
     * one in use; longer ones are left to picocli's reading of clustered short options.
     */
    private static boolean relativeStep(String word) {
        return word.length() == 2 && word.charAt(1) >= '1' && word.charAt(1) <= '9';
    }

    /**
     * A value that looks like an option or a command picocli refuses or reads its own way ("Expected parameter for
     * option ..."); those, and the empty value, are left to it.
     */
    private static boolean plainValue(String value) {
        return !value.isEmpty() && value.charAt(0) != '-' && value.charAt(0) != '@'
                && !COMMANDS.containsKey(value) && !value.equals("help");
    }

    private static boolean path(String value) {
        if (value == null) {
            return true;
        }
        try {
            Path.of(value);
            return true;
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** picocli's system properties (trace, at-files, quotes, converters ...) change how it reads a line. */
    private static boolean picocliConfigured() {
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("picocli.")) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Shape> byName(Shape... shapes) {
        Map<String, Shape> map = new LinkedHashMap<>();
        for (Shape s : shapes) {
            map.put(s.name, s);
        }
        return map;
    }
}
