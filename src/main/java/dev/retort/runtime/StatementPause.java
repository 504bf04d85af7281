package dev.retort.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A test hook for crash tests: with the system properties {@value #AFTER}=N and {@value #FILE}=PATH, the N-th
 * statement a migrating process executes (migration, version-table and history statements and each commit alike,
 * counted from 1) is followed by writing PATH and then waiting forever, so that a test can kill the process with
 * SIGKILL at that exact boundary. Without the properties it does nothing.
 */
final class StatementPause implements Consumer<String> {

    static final String AFTER = "retort.test.pause-after-statement";
    static final String FILE = "retort.test.pause-file";

    private final int after;
    private final Path file;
    private int executed;

    private StatementPause(int after, Path file) {
        this.after = after;
        this.file = file;
    }

    /** The hook the system properties ask for, or one that does nothing. */
    static Consumer<String> fromSystemProperties() {
        String after = System.getProperty(AFTER);
        String file = System.getProperty(FILE);
        if (after == null || file == null) {
            return s -> { };
        }
        return new StatementPause(Integer.parseInt(after.trim()), Path.of(file));
    }

    @Override
    public void accept(String statement) {
        executed++;
        if (executed != after) {
            return;
        }
        try {
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temp, executed + "\n" + statement + "\n", StandardCharsets.UTF_8);
            Files.move(temp, file); // appears whole: the test reads it as soon as it exists
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the pause file " + file, e);
        }
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // keep waiting for the kill
            }
        }
    }
}
