package dev.retort.scenario;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One model change run end to end: the entity sources before ({@code scenario/<name>/before}) and after
 * (the files of {@code scenario/<name>/after} laid over them; an empty file deletes one), rows inserted
 * after the first upgrade, and what autogenerate must say and write.
 *
 * <p>Every "Detected" line autogenerate prints must match one of {@link #detections} for the database, and
 * each of them must be printed: a line nobody expects is a false positive.
 */
record Scenario(String name, List<String> seed, List<Expected> detections, List<Expected> sources,
                List<Expected> warnings, List<Probe> probes) {

    /**
     * A text fragment expected on some databases, or a regular expression where part of the text is noise
     * (a generated name's hash); both are found anywhere in a line, ignoring case and MariaDB's backticks.
     */
    record Expected(String text, Set<Target> on, boolean regex) {
        boolean appliesTo(Target target) {
            return on.contains(target);
        }

        boolean foundIn(String line) {
            if (!regex) {
                return AutogenerateScenarioTest.matches(line, text);
            }
            return Pattern.compile(text.replace("`", ""), Pattern.CASE_INSENSITIVE).matcher(line.replace("`", "")).find();
        }
    }

    /** When a probe runs. */
    enum Phase { AFTER_UPGRADE, AFTER_DOWNGRADE }

    /**
     * A query whose single column, read row by row, must give {@code expected} (rows joined by "|"), after
     * {@code setup} statements; {@code expected} "failed" means a setup statement must be refused (a key, a
     * NOT NULL or a check holds). Everything is rolled back, so probes leave the rows as they were; SQLite
     * enforces foreign keys for them.
     */
    record Probe(Phase phase, List<String> setup, String query, String expected, Set<Target> on) {
    }

    Path before() {
        return resource("before");
    }

    Path after() {
        return resource("after");
    }

    private Path resource(String part) {
        URL url = Scenario.class.getResource("/scenario/" + name + "/" + part);
        if (url == null) {
            throw new IllegalStateException("no entity sources for scenario " + name + "/" + part);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }

    static Builder named(String name) {
        return new Builder(name);
    }

    static final class Builder {
        private final String name;
        private final List<String> seed = new ArrayList<>();
        private final List<Expected> detections = new ArrayList<>();
        private final List<Expected> sources = new ArrayList<>();
        private final List<Expected> warnings = new ArrayList<>();
        private final List<Probe> probes = new ArrayList<>();
        private Set<Target> on = EnumSet.allOf(Target.class);

        private Builder(String name) {
            this.name = name;
        }

        /** The expectations that follow hold on these databases only (until the next call). */
        Builder on(Target first, Target... rest) {
            on = EnumSet.of(first, rest);
            return this;
        }

        /** The expectations that follow hold on every database. */
        Builder everywhere() {
            on = EnumSet.allOf(Target.class);
            return this;
        }

        Builder seed(String... statements) {
            seed.addAll(List.of(statements));
            return this;
        }

        Builder detects(String... fragments) {
            for (String f : fragments) {
                detections.add(new Expected(f, on, false));
            }
            return this;
        }

        /** Like {@link #detects}, each a regular expression. */
        Builder detectsMatching(String... regexes) {
            for (String r : regexes) {
                detections.add(new Expected(r, on, true));
            }
            return this;
        }

        Builder generates(String... fragments) {
            for (String f : fragments) {
                sources.add(new Expected(f, on, false));
            }
            return this;
        }

        Builder warns(String... fragments) {
            for (String f : fragments) {
                warnings.add(new Expected(f, on, false));
            }
            return this;
        }

        Builder afterUpgrade(String query, String expected, String... setup) {
            probes.add(new Probe(Phase.AFTER_UPGRADE, List.of(setup), query, expected, on));
            return this;
        }

        Builder afterDowngrade(String query, String expected, String... setup) {
            probes.add(new Probe(Phase.AFTER_DOWNGRADE, List.of(setup), query, expected, on));
            return this;
        }

        Scenario build() {
            return new Scenario(name, List.copyOf(seed), List.copyOf(detections), List.copyOf(sources),
                    List.copyOf(warnings), List.copyOf(probes));
        }
    }
}
