package dev.retort.diff;

import dev.retort.ddl.TypeNames;
import dev.retort.model.ColumnType;
import dev.retort.model.DatabaseKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether two column types are the same on a database. Both sides are rendered to the DDL text the database
 * would be given ({@link TypeNames#render}: Hibernate's dialect name for a portable type, or the verbatim
 * definition) and that text is normalised the way the database itself folds type names, so that what
 * Hibernate writes and what the catalog reports compare equal.
 *
 * <p>Measured pairs (Hibernate 7.4 DDL → catalog): PostgreSQL 15 {@code varchar(255)} → {@code character
 * varying(255)}, {@code float(53)} → {@code double precision}, {@code float4} → {@code real}, {@code char(1)}
 * → {@code character(1)}, {@code timestamp(6)} → {@code timestamp(6) without time zone}, {@code integer array}
 * → {@code integer[]}; MariaDB 10.11 {@code integer} → {@code int(11)}, {@code bigint} → {@code bigint(20)},
 * {@code bit} → {@code bit(1)}, {@code float(53)} → {@code double}, {@code float(23)} → {@code float},
 * {@code time(0)} → {@code time}, {@code json} → {@code longtext}; SQLite keeps the declared text.
 */
final class TypeEquivalence {

    private static final Set<String> SQLITE_INTEGERS = Set.of("integer", "int", "bigint", "smallint", "tinyint",
            "mediumint", "int2", "int4", "int8");
    private static final Pattern CHARSET = Pattern.compile("\\s+(character set|charset|collate)\\s+\\S+");

    private TypeEquivalence() {
    }

    /**
     * Whether {@code target} and {@code current} are the same type on {@code kind}. {@code identity}: the column
     * is an identity column on both sides — on SQLite Hibernate declares those {@code integer} (the rowid alias)
     * whatever the model says, so any integer type matches.
     */
    static boolean same(ColumnType target, ColumnType current, DatabaseKind kind, boolean identity) {
        if (target.equals(current)) return true;
        String t = normalise(render(target, kind), kind);
        String c = normalise(render(current, kind), kind);
        if (t.equals(c)) return true;
        return identity && kind == DatabaseKind.SQLITE && SQLITE_INTEGERS.contains(t) && SQLITE_INTEGERS.contains(c);
    }

    /** The DDL text of a type on a database; a type the dialect cannot name shows as the model spells it. */
    static String render(ColumnType type, DatabaseKind kind) {
        try {
            return TypeNames.render(type, kind);
        } catch (RuntimeException e) {
            return type.toString();
        }
    }

    /** The canonical spelling of a type name on a database (see the class comment). */
    static String normalise(String text, DatabaseKind kind) {
        String s = compact(text);
        return switch (kind) {
            case POSTGRESQL -> postgres(s);
            case MARIADB -> mariadb(s);
            case SQLITE -> s;
        };
    }

    /** Lower case outside quotes, single spaces, none around parentheses and commas. */
    static String compact(String text) {
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        for (char c : text.trim().toCharArray()) {
            if (c == '\'') quoted = !quoted;
            sb.append(quoted ? c : Character.toLowerCase(c));
        }
        String s = sb.toString();
        StringBuilder out = new StringBuilder();
        quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') quoted = !quoted;
            if (!quoted && Character.isWhitespace(c)) {
                char next = nextNonSpace(s, i);
                char prev = out.isEmpty() ? ' ' : out.charAt(out.length() - 1);
                if (prev == ' ' || prev == '(' || prev == ',' || next == '(' || next == ')' || next == ',' || next == '['
                        || next == 0) {
                    continue;
                }
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static char nextNonSpace(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (!Character.isWhitespace(s.charAt(i))) return s.charAt(i);
        }
        return 0;
    }

    /** A type name split into base words, arguments in parentheses and trailing words. */
    private record Parts(String base, List<String> args, String suffix) {
        static Parts of(String s) {
            int open = s.indexOf('(');
            if (open < 0) {
                for (String zone : List.of(" without time zone", " with time zone")) {
                    if (s.endsWith(zone)) {
                        return new Parts(s.substring(0, s.length() - zone.length()), List.of(), zone.trim());
                    }
                }
                for (String word : List.of(" unsigned zerofill", " unsigned", " zerofill", " signed")) {
                    if (s.endsWith(word)) {
                        return new Parts(s.substring(0, s.length() - word.length()), List.of(), word.trim());
                    }
                }
                return new Parts(s, List.of(), "");
            }
            int close = s.lastIndexOf(')');
            if (close < open) return new Parts(s, List.of(), "");
            List<String> args = new ArrayList<>();
            for (String a : s.substring(open + 1, close).split(",", -1)) args.add(a.trim());
            return new Parts(s.substring(0, open), args, s.substring(close + 1).trim());
        }

        Integer intArg(int i) {
            try {
                return i < args.size() ? Integer.valueOf(args.get(i)) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }

        String argList() {
            return args.isEmpty() ? "" : "(" + String.join(",", args) + ")";
        }

        String asWritten() {
            return base + argList() + (suffix.isEmpty() ? "" : " " + suffix);
        }
    }

    private static String postgres(String s) {
        // arrays: integer[], integer array, _int4 (the element type's internal name)
        if (s.endsWith("[]")) return postgres(s.substring(0, s.length() - 2)) + "[]";
        Matcher array = Pattern.compile("^(.*) array(\\[\\d*])?$").matcher(s);
        if (array.matches()) return postgres(array.group(1)) + "[]";
        if (s.startsWith("_") && s.length() > 1 && !s.contains(" ")) return postgres(s.substring(1)) + "[]";

        Parts p = Parts.of(s);
        boolean zone = p.suffix().equals("with time zone");
        return switch (p.base()) {
            case "int8", "bigint", "bigserial", "serial8" -> "bigint";
            case "int4", "int", "integer", "serial", "serial4" -> "integer";
            case "int2", "smallint", "smallserial", "serial2", "tinyint" -> "smallint";
            case "float8", "double precision", "double" -> "double precision";
            case "float4", "real" -> "real";
            case "float" -> p.intArg(0) != null && p.intArg(0) <= 24 ? "real" : "double precision";
            case "bool", "boolean" -> "boolean";
            case "varchar", "character varying", "nvarchar" -> "varchar" + p.argList();
            case "char", "character", "bpchar", "nchar" -> "char(" + (p.args().isEmpty() ? "1" : p.args().get(0)) + ")";
            case "numeric", "decimal" -> numeric("numeric", p, null);
            case "timestamp" -> (zone ? "timestamptz(" : "timestamp(") + precision(p, 6) + ")";
            case "timestamptz" -> "timestamptz(" + precision(p, 6) + ")";
            case "time" -> (zone ? "timetz(" : "time(") + precision(p, 6) + ")";
            case "timetz" -> "timetz(" + precision(p, 6) + ")";
            case "bit varying", "varbit" -> "varbit" + p.argList();
            default -> p.asWritten();
        };
    }

    private static String mariadb(String text) {
        String s = CHARSET.matcher(text).replaceAll("");
        Parts p = Parts.of(s);
        String sign = p.suffix().contains("unsigned") ? " unsigned" + (p.suffix().contains("zerofill") ? " zerofill" : "") : "";
        Integer first = p.intArg(0);
        return switch (p.base()) {
            // MariaDB has no boolean type: boolean is tinyint(1), Hibernate writes bit (reported bit(1))
            case "bool", "boolean" -> "boolean";
            case "bit" -> p.args().isEmpty() || Integer.valueOf(1).equals(first) ? "boolean" : "bit" + p.argList();
            case "tinyint" -> Integer.valueOf(1).equals(first) && sign.isEmpty() ? "boolean" : "tinyint" + sign;
            // integer display widths (int(11), bigint(20)) change nothing stored
            case "smallint" -> "smallint" + sign;
            case "mediumint" -> "mediumint" + sign;
            case "int", "integer" -> "int" + sign;
            case "bigint" -> "bigint" + sign;
            case "double", "double precision", "real" -> p.args().size() == 2 ? "double" + p.argList() + sign : "double" + sign;
            case "float" -> p.args().size() == 2 ? "float" + p.argList() + sign
                    : (first != null && first > 24 ? "double" : "float") + sign;
            case "decimal", "numeric", "dec", "fixed" -> numeric("decimal", p, 10) + sign;
            case "varchar", "character varying", "nvarchar", "national varchar" -> "varchar" + p.argList();
            case "char", "character", "nchar", "national char" -> "char(" + (p.args().isEmpty() ? "1" : p.args().get(0)) + ")";
            // no fractional digits means 0 here, unlike PostgreSQL
            case "datetime", "timestamp", "time" -> p.base() + "(" + precision(p, 0) + ")";
            case "json" -> "longtext";
            default -> p.asWritten();
        };
    }

    private static String numeric(String name, Parts p, Integer defaultPrecision) {
        if (p.args().isEmpty()) return defaultPrecision == null ? name : name + "(" + defaultPrecision + ",0)";
        if (p.args().size() == 1) return name + "(" + p.args().get(0) + ",0)";
        return name + p.argList();
    }

    private static int precision(Parts p, int absent) {
        Integer value = p.intArg(0);
        return value == null ? absent : value;
    }

    /** The base name of a rendered type, for choosing a placeholder value ({@code varchar}, {@code timestamp}). */
    static String baseName(ColumnType type, DatabaseKind kind) {
        String s = compact(render(type, kind)).toLowerCase(Locale.ROOT);
        int open = s.indexOf('(');
        return (open < 0 ? s : s.substring(0, open)).trim();
    }
}
