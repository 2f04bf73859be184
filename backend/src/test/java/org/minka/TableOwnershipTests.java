package org.minka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each module owns its tables: a module's SQL names only tables that its own migrations create.
 *
 * <p>The owner of a table is the module in the file name of the migration that creates it ({@code
 * V<n>__<module>_<what>.sql}), except for the documented {@link #OVERRIDES}. The test reads every
 * string literal and text block under {@code src/main/java/org/minka/<module>/} (literals joined by
 * {@code +} are read as one), finds the table after {@code from}, {@code join}, {@code into},
 * {@code update}, {@code table}, {@code using} and {@code truncate}, and fails listing each {@code
 * module -> table (owner)}. Other modules' data comes through the owner's {@code *Access} or {@code
 * *Lookup} facade, or through a port that the lower module declares.
 */
class TableOwnershipTests {

    static final Path MIGRATIONS = Path.of("src", "main", "resources", "db", "migration");
    static final Path SOURCES = Path.of("src", "main", "java", "org", "minka");

    /** Tables whose owner is not the module named in the file name of their migration. */
    static final Map<String, String> OVERRIDES =
            Map.of(
                    // created in V1__common_audit_and_users.sql; the signed-in user is security's,
                    // and other modules read users through org.minka.security.UserDirectory
                    "users", "security",
                    // created in V41__catalog_challenge_proposals.sql; its code lives in event
                    "challenge_proposals", "event");

    /** File names whose module word is not the package name (V7__notifications.sql). */
    private static final Map<String, String> FILE_MODULES = Map.of("notifications", "notification");

    private static final Pattern MIGRATION = Pattern.compile("V\\d+__([a-z]+)(?:_.*)?\\.sql");
    private static final Pattern CREATE_TABLE =
            Pattern.compile(
                    "\\bcreate\\s+(?:unlogged\\s+)?table\\s+(?:if\\s+not\\s+exists\\s+)?"
                            + "(?:public\\.)?([a-z_][a-z0-9_]*)",
                    Pattern.CASE_INSENSITIVE);
    private static final Pattern TABLE_AFTER_KEYWORD =
            Pattern.compile(
                    "\\b(from|join|into|update|table|using|truncate)\\s+(?:only\\s+)?"
                            + "(?:public\\.)?([a-z_][a-z0-9_]*)",
                    Pattern.CASE_INSENSITIVE);

    /** Where a {@code from} list ends: {@code from a x, b y where ...}. */
    private static final Pattern FROM_LIST_END =
            Pattern.compile(
                    "\\b(where|join|left|right|inner|full|cross|on|group|order|limit|offset"
                            + "|returning|union|for|having|set|window)\\b|[();]",
                    Pattern.CASE_INSENSITIVE);

    @Test
    void modulesNameOnlyTheirOwnTablesInSql() {
        Map<String, String> owners = tableOwners(MIGRATIONS);
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles(SOURCES)) {
            String module = moduleOf(SOURCES.relativize(file));
            violations.addAll(
                    violations(module, read(file), owners, SOURCES.relativize(file).toString()));
        }
        assertThat(merged(violations))
                .as("module -> table (owner) named in SQL outside the owning module")
                .isEmpty();
    }

    @Test
    void ownersComeFromMigrationFileNamesAndTheOverrides() {
        Map<String, String> owners = tableOwners(MIGRATIONS);
        assertThat(owners).containsAllEntriesOf(OVERRIDES);
        assertThat(owners).containsEntry("teams", "team").containsEntry("events", "event");
        assertThat(owners).containsEntry("notifications", "notification");
        assertThat(owners).containsEntry("comments", "mentoring");
        assertThat(Set.copyOf(owners.values())).isSubsetOf(modules());
    }

    @Test
    void scanWhenModuleSelectsFromAnotherModulesTableThenViolationIsReported() {
        Map<String, String> owners =
                Map.of("teams", "team", "submissions", "submission", "users", "security");
        String source =
                """
                class Sneaky {
                    // select * from teams: a comment is not SQL
                    /* join submissions s on s.id = x */
                    static final String OWN = "select id from submissions where id = :id";
                    static final String SPLIT = "select t.name from " + "teams t where t.id = :id";
                    static final String BLOCK = \"""
                            select s.id from submissions s, users u
                            where exists (select 1 from teams x where x.id = s.team_id)
                            \""";
                    String label() { return "update"; }
                    String word() { return "teams"; }
                }
                """;
        List<String> found = violations("submission", source, owners, "Sneaky.java");
        assertThat(merged(found))
                .containsExactly(
                        "submission -> teams (team) in [Sneaky.java]",
                        "submission -> users (security) in [Sneaky.java]");
    }

    @Test
    void scanWhenModuleWritesAnotherModulesTableThenViolationIsReported() {
        Map<String, String> owners = Map.of("challenge_datasets", "event");
        String source =
                "class Linker { String sql = \"insert into challenge_datasets (challenge_id)"
                        + " values (:c)\"; String del = \"DELETE FROM challenge_datasets\"; }";
        assertThat(merged(violations("catalog", source, owners, "Linker.java")))
                .containsExactly("catalog -> challenge_datasets (event) in [Linker.java]");
        assertThat(violations("event", source, owners, "Linker.java")).isEmpty();
    }

    /** Table name to owning module, from the migrations' file names and {@link #OVERRIDES}. */
    static Map<String, String> tableOwners(Path migrations) {
        Map<String, String> owners = new TreeMap<>();
        for (Path file : files(migrations, ".sql")) {
            String name = file.getFileName().toString();
            Matcher m = MIGRATION.matcher(name);
            assertThat(m.matches())
                    .as("migration file name V<n>__<module>_<what>.sql: " + name)
                    .isTrue();
            String module = FILE_MODULES.getOrDefault(m.group(1), m.group(1));
            assertThat(modules()).as("module named by " + name).contains(module);
            Matcher create = CREATE_TABLE.matcher(stripSqlComments(read(file)));
            while (create.find()) {
                String table = create.group(1).toLowerCase(Locale.ROOT);
                String earlier = owners.put(table, module);
                assertThat(earlier).as("table " + table + " created twice").isNull();
            }
        }
        assertThat(owners.keySet()).containsAll(OVERRIDES.keySet());
        owners.putAll(OVERRIDES);
        return owners;
    }

    /** {@code module -> table (owner)} for each table of another module that the source names. */
    static List<String> violations(
            String module, String javaSource, Map<String, String> owners, String where) {
        List<String> found = new ArrayList<>();
        for (String sql : sqlChunks(javaSource)) {
            for (String table : tablesNamed(sql)) {
                String owner = owners.get(table);
                if (owner != null && !owner.equals(module)) {
                    found.add(module + " -> " + table + " (" + owner + ")\t" + where);
                }
            }
        }
        return found;
    }

    /** One line per module and table, with the files that name it. */
    static List<String> merged(List<String> violations) {
        Map<String, Set<String>> files = new TreeMap<>();
        for (String v : violations) {
            String[] parts = v.split("\t", 2);
            files.computeIfAbsent(parts[0], k -> new TreeSet<>()).add(parts[1]);
        }
        List<String> lines = new ArrayList<>();
        files.forEach((edge, where) -> lines.add(edge + " in " + where));
        return lines;
    }

    /** Every table named after a keyword, including each entry of a {@code from a, b} list. */
    static Set<String> tablesNamed(String sql) {
        Set<String> tables = new TreeSet<>();
        Matcher m = TABLE_AFTER_KEYWORD.matcher(sql);
        while (m.find()) {
            tables.add(m.group(2).toLowerCase(Locale.ROOT));
            if (m.group(1).equalsIgnoreCase("from")) {
                tables.addAll(fromList(sql.substring(m.end())));
            }
        }
        return tables;
    }

    private static List<String> fromList(String rest) {
        Matcher end = FROM_LIST_END.matcher(rest);
        String list = end.find() ? rest.substring(0, end.start()) : rest;
        List<String> more = new ArrayList<>();
        String[] items = list.split(",");
        for (int i = 1; i < items.length; i++) {
            String item = items[i].strip().replaceFirst("^public\\.", "");
            String first = item.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            if (first.matches("[a-z_][a-z0-9_]*")) {
                more.add(first);
            }
        }
        return more;
    }

    /**
     * The string literals and text blocks of a Java source, comments skipped; literals that are
     * joined by {@code +} come back as one piece, so a table name split across lines is still seen.
     */
    static List<String> sqlChunks(String java) {
        List<String> chunks = new ArrayList<>();
        StringBuilder current = null;
        boolean joinable = false;
        int i = 0;
        int n = java.length();
        while (i < n) {
            char c = java.charAt(i);
            if (java.startsWith("//", i)) {
                i = indexOrEnd(java, "\n", i);
            } else if (java.startsWith("/*", i)) {
                i = indexOrEnd(java, "*/", i + 2) + 2;
            } else if (java.startsWith("\"\"\"", i)) {
                int end = closingTextBlock(java, i + 3);
                current = append(chunks, current, joinable, java.substring(i + 3, end));
                joinable = false;
                i = end + 3;
            } else if (c == '"' || c == '\'') {
                int end = closingQuote(java, i + 1, c);
                if (c == '"') {
                    current = append(chunks, current, joinable, java.substring(i + 1, end));
                    joinable = false;
                }
                i = end + 1;
            } else {
                if (c == '+') {
                    joinable = current != null;
                } else if (!Character.isWhitespace(c)) {
                    current = null;
                    joinable = false;
                }
                i++;
            }
        }
        return chunks;
    }

    private static StringBuilder append(
            List<String> chunks, StringBuilder current, boolean joinable, String literal) {
        if (joinable && current != null) {
            current.append(literal);
            chunks.set(chunks.size() - 1, current.toString());
            return current;
        }
        StringBuilder fresh = new StringBuilder(literal);
        chunks.add(fresh.toString());
        return fresh;
    }

    private static int indexOrEnd(String s, String what, int from) {
        int at = s.indexOf(what, from);
        return at < 0 ? s.length() : at;
    }

    private static int closingTextBlock(String s, int from) {
        int i = from;
        while (i < s.length() && !s.startsWith("\"\"\"", i)) {
            i += s.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i, s.length());
    }

    private static int closingQuote(String s, int from, char quote) {
        int i = from;
        while (i < s.length() && s.charAt(i) != quote && s.charAt(i) != '\n') {
            i += s.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i, s.length());
    }

    private static String stripSqlComments(String sql) {
        return sql.replaceAll("--[^\\n]*", " ").replaceAll("(?s)/\\*.*?\\*/", " ");
    }

    /** The module directories under org/minka (each is a Spring Modulith module). */
    static Set<String> modules() {
        try (Stream<Path> dirs = Files.list(SOURCES)) {
            return dirs.filter(Files::isDirectory)
                    .map(d -> d.getFileName().toString())
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String moduleOf(Path relative) {
        return relative.getNameCount() > 1 ? relative.getName(0).toString() : "(root)";
    }

    private static List<Path> javaFiles(Path root) {
        return files(root, ".java");
    }

    private static List<Path> files(Path root, String suffix) {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
