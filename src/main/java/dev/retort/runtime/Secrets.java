package dev.retort.runtime;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Keeps credentials out of everything Retort prints or writes. */
public final class Secrets {
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;\\s]*");
    private static final Pattern URL_USERINFO = Pattern.compile("(//[^/:@\\s]+:)[^@/\\s]*@");
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&;])password=[^&;]*(&|;)?");
    private static final Pattern USERINFO_PASSWORD = Pattern.compile("(//[^/:@]+):[^@/]*@");
    private static final Pattern PASSWORD_VALUE = Pattern.compile("(?i)[?&;]password=([^&;]+)");
    private static final Pattern USERINFO_VALUE = Pattern.compile("//[^/:@]+:([^@/]+)@");

    private Secrets() {
    }

    /** The URL with any password in it replaced by {@code ****}. */
    public static String maskUrl(String url) {
        if (url == null) {
            return null;
        }
        return maskUrlsIn(url);
    }

    /** The URL with any password in it removed, for writing into a file. */
    public static String withoutPassword(String url) {
        if (url == null) {
            return null;
        }
        String out = PASSWORD_PARAMETER.matcher(url).replaceAll(m -> m.group(2) == null ? "" : m.group(1));
        out = USERINFO_PASSWORD.matcher(out).replaceAll("$1@");
        return out.endsWith("?") ? out.substring(0, out.length() - 1) : out;
    }

    /** Whether the URL carries a password. */
    public static boolean hasPassword(String url) {
        return url != null && !url.equals(withoutPassword(url));
    }

    /** Removes a known password from a message (drivers sometimes echo it) and masks passwords in any URL in it. */
    public static String scrub(String message, String password) {
        return scrub(message, password == null ? List.of() : List.of(password));
    }

    /** Removes known passwords from a message and masks passwords in any URL in it. */
    public static String scrub(String message, Collection<String> passwords) {
        if (message == null) {
            return null;
        }
        String out = maskUrlsIn(message);
        for (String password : passwords) {
            if (password != null && password.length() >= 3) {
                out = out.replace(password, "****");
            }
        }
        return out;
    }

    /**
     * The passwords a URL carries ({@code password=} parameters, {@code user:password@} user info): a driver that
     * cannot parse the URL may echo a piece of it that no pattern recognises as a password any more.
     */
    public static List<String> passwordsIn(String url) {
        List<String> found = new ArrayList<>();
        if (url == null) {
            return found;
        }
        Matcher parameter = PASSWORD_VALUE.matcher(url);
        while (parameter.find()) {
            found.add(parameter.group(1));
        }
        Matcher userInfo = USERINFO_VALUE.matcher(url);
        while (userInfo.find()) {
            found.add(userInfo.group(1));
        }
        return found;
    }

    /** A stack trace, scrubbed as {@link #scrub} does: exception messages may echo a URL. */
    public static String stackTrace(Throwable e, Collection<String> passwords) {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text, true));
        return scrub(text.toString(), passwords);
    }

    private static String maskUrlsIn(String message) {
        return URL_USERINFO.matcher(URL_PASSWORD.matcher(message).replaceAll("$1****")).replaceAll("$1****@");
    }
}
