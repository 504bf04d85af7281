package dev.retort.runtime;

import java.util.regex.Pattern;

/** Keeps credentials out of everything Retort prints. */
public final class Secrets {
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern URL_USERINFO = Pattern.compile("(//[^/:@]+:)[^@/]*@");

    private Secrets() {
    }

    /** The URL with any password in it replaced by {@code ****}. */
    public static String maskUrl(String url) {
        if (url == null) {
            return null;
        }
        String masked = URL_PASSWORD.matcher(url).replaceAll("$1****");
        return URL_USERINFO.matcher(masked).replaceAll("$1****@");
    }

    /** Removes a known password from a message (drivers sometimes echo it). */
    public static String scrub(String message, String password) {
        if (message == null) {
            return null;
        }
        String out = maskUrlsIn(message);
        if (password != null && password.length() >= 3) {
            out = out.replace(password, "****");
        }
        return out;
    }

    private static String maskUrlsIn(String message) {
        return URL_USERINFO.matcher(URL_PASSWORD.matcher(message).replaceAll("$1****")).replaceAll("$1****@");
    }
}
