package dev.retort.scenario;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The whole entity models the suite uses besides the scenarios' before/after pairs. */
final class Models {

    private Models() {
    }

    /** Every common Java type and mapping feature: {@code src/test/resources/scenario/everything/model}. */
    static Path everything() {
        URL url = Models.class.getResource("/scenario/everything/model");
        if (url == null) {
            throw new IllegalStateException("no scenario/everything/model on the test classpath");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The repository's example, the model of the README (surefire runs in the project folder). */
    static Path bookstore() {
        return Path.of("entities-example").toAbsolutePath();
    }
}
