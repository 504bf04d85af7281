package dev.retort.inspect;

import java.util.ArrayList;
import java.util.List;

import dev.retort.inspect.SqlTokens.Kind;
import dev.retort.inspect.SqlTokens.Token;
import dev.retort.model.Check;
import dev.retort.model.UniqueKey;

/**
 * What SQLite keeps only in the text of a {@code CREATE TABLE} statement: CHECK constraints and the names
 * of constraints (its pragmas report neither). Parsed with a tokenizer, so commas, parentheses and
 * keywords inside strings, quoted names or comments do not confuse it.
 */
record CreateTableStatement(String primaryKeyName, List<Check> checks, List<UniqueKey> uniqueKeys,
                            List<ForeignKeyClause> foreignKeys, boolean withoutRowid) {

    /** A foreign key as declared: its name (null when unnamed), columns and referenced table. */
    record ForeignKeyClause(String name, List<String> columns, String referencedTable) {
    }

    static final CreateTableStatement EMPTY = new CreateTableStatement(null, List.of(), List.of(), List.of(), false);

    static CreateTableStatement parse(String sql) {
        if (sql == null) return EMPTY;
        List<Token> tokens = SqlTokens.of(sql);
        int open = bodyStart(tokens);
        if (open < 0) return EMPTY; // CREATE TABLE ... AS SELECT: no declared constraints
        int close = SqlTokens.closing(tokens, open);
        Builder b = new Builder(sql);
        for (List<Token> item : SqlTokens.splitTopLevel(tokens, open + 1, close)) {
            if (item.isEmpty()) continue;
            Token first = item.get(0);
            if (first.kind() == Kind.WORD && isTableConstraintStart(first)) {
                b.tableConstraint(item);
            } else {
                b.columnDefinition(item);
            }
        }
        boolean withoutRowid = false;
        for (int i = close + 1; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).isWord("WITHOUT") && tokens.get(i + 1).isWord("ROWID")) withoutRowid = true;
        }
        return new CreateTableStatement(b.primaryKeyName, List.copyOf(b.checks), List.copyOf(b.uniqueKeys),
                List.copyOf(b.foreignKeys), withoutRowid);
    }

    /**
     * The key expressions of a {@code CREATE INDEX} statement, as written (without ASC/DESC), for the
     * expression parts SQLite's pragmas report without a name.
     */
    static List<String> indexedTerms(String sql) {
        if (sql == null) return List.of();
        List<Token> tokens = SqlTokens.of(sql);
        int on = -1;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).isWord("ON")) {
                on = i;
                break;
            }
        }
        int open = -1;
        for (int i = on + 1; on >= 0 && i < tokens.size(); i++) {
            if (tokens.get(i).kind() == Kind.OPEN) {
                open = i;
                break;
            }
        }
        if (open < 0) return List.of();
        List<String> terms = new ArrayList<>();
        for (List<Token> part : SqlTokens.splitTopLevel(tokens, open + 1, SqlTokens.closing(tokens, open))) {
            int end = part.size();
            while (end > 1 && (part.get(end - 1).isWord("ASC") || part.get(end - 1).isWord("DESC"))) end--;
            terms.add(end == 0 ? "" : sql.substring(part.get(0).start(), part.get(end - 1).end()).trim());
        }
        return terms;
    }

    private static boolean isTableConstraintStart(Token t) {
        return switch (t.keyword()) {
            case "CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN" -> true;
            default -> false;
        };
    }

    /** The index of the parenthesis opening the column list: after TABLE [IF NOT EXISTS] [schema.]name. */
    private static int bodyStart(List<Token> tokens) {
        int i = 0;
        while (i < tokens.size() && !tokens.get(i).isWord("TABLE")) i++;
        i++;
        if (i + 2 < tokens.size() && tokens.get(i).isWord("IF") && tokens.get(i + 1).isWord("NOT")
                && tokens.get(i + 2).isWord("EXISTS")) {
            i += 3;
        }
        i++; // the name
        if (i + 1 < tokens.size() && tokens.get(i).kind() == Kind.SYMBOL && tokens.get(i).value().equals(".")) {
            i += 2; // schema-qualified
        }
        return i < tokens.size() && tokens.get(i).kind() == Kind.OPEN ? i : -1;
    }

    private static final class Builder {
        private final String sql;
        private String primaryKeyName;
        private final List<Check> checks = new ArrayList<>();
        private final List<UniqueKey> uniqueKeys = new ArrayList<>();
        private final List<ForeignKeyClause> foreignKeys = new ArrayList<>();

        Builder(String sql) {
            this.sql = sql;
        }

        /** {@code [CONSTRAINT name] PRIMARY KEY (..) | UNIQUE (..) | CHECK (..) | FOREIGN KEY (..) REFERENCES t}. */
        void tableConstraint(List<Token> item) {
            int i = 0;
            String name = null;
            if (item.get(0).isWord("CONSTRAINT") && item.size() > 1) {
                name = item.get(1).value();
                i = 2;
            }
            if (i >= item.size()) return;
            Token kind = item.get(i);
            int open = nextOpen(item, i);
            if (kind.isWord("PRIMARY")) {
                primaryKeyName = name;
            } else if (kind.isWord("UNIQUE") && open >= 0) {
                uniqueKeys.add(new UniqueKey(name, columnNames(item, open)));
            } else if (kind.isWord("CHECK") && open >= 0) {
                checks.add(new Check(name, inside(item, open)));
            } else if (kind.isWord("FOREIGN") && open >= 0) {
                int close = SqlTokens.closing(item, open);
                int ref = close + 1;
                if (ref + 1 < item.size() && item.get(ref).isWord("REFERENCES")) {
                    foreignKeys.add(new ForeignKeyClause(name, columnNames(item, open), referencedTable(item, ref + 1)));
                }
            }
        }

        /** {@code name [type] [CONSTRAINT name] PRIMARY KEY | UNIQUE | CHECK (..) | REFERENCES t | ...}. */
        void columnDefinition(List<Token> item) {
            String column = item.get(0).value();
            String name = null;
            int i = 1;
            while (i < item.size()) {
                Token t = item.get(i);
                if (t.kind() == Kind.OPEN) {
                    i = SqlTokens.closing(item, i) + 1; // type arguments, default expressions
                    continue;
                }
                if (t.kind() != Kind.WORD) {
                    i++;
                    continue;
                }
                switch (t.keyword()) {
                    case "CONSTRAINT" -> {
                        name = i + 1 < item.size() ? item.get(i + 1).value() : null;
                        i += 2;
                        continue;
                    }
                    case "PRIMARY" -> {
                        if (name != null) primaryKeyName = name;
                        name = null;
                    }
                    case "UNIQUE" -> {
                        uniqueKeys.add(new UniqueKey(name, List.of(column)));
                        name = null;
                    }
                    case "CHECK" -> {
                        int open = nextOpen(item, i);
                        if (open == i + 1) {
                            checks.add(new Check(name, inside(item, open)));
                            name = null;
                            i = SqlTokens.closing(item, open) + 1;
                            continue;
                        }
                    }
                    case "REFERENCES" -> {
                        if (i + 1 < item.size()) {
                            foreignKeys.add(new ForeignKeyClause(name, List.of(column), referencedTable(item, i + 1)));
                        }
                        name = null;
                    }
                    case "NOT", "NULL", "DEFAULT", "COLLATE", "GENERATED", "AS" -> name = null;
                    default -> { }
                }
                i++;
            }
        }

        private String inside(List<Token> item, int open) {
            int close = SqlTokens.closing(item, open);
            return sql.substring(item.get(open).end(), item.get(close).start()).trim();
        }

        private static int nextOpen(List<Token> item, int from) {
            for (int i = from; i < item.size(); i++) {
                if (item.get(i).kind() == Kind.OPEN) return i;
            }
            return -1;
        }

        /** The first name of each comma-separated term in the parentheses at {@code open}. */
        private static List<String> columnNames(List<Token> item, int open) {
            List<String> names = new ArrayList<>();
            for (List<Token> term : SqlTokens.splitTopLevel(item, open + 1, SqlTokens.closing(item, open))) {
                if (!term.isEmpty() && term.get(0).isName()) names.add(term.get(0).value());
            }
            return names;
        }

        /** {@code [schema.]table} starting at {@code at}; the last part names the table. */
        private static String referencedTable(List<Token> item, int at) {
            String name = item.get(at).value();
            if (at + 2 < item.size() && item.get(at + 1).kind() == Kind.SYMBOL && item.get(at + 1).value().equals(".")) {
                name = item.get(at + 2).value();
            }
            return name;
        }
    }
}
