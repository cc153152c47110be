package ke.co.datacare.whatsapp.app.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One owner per table ({@code docs/table-owners.md}): code names in SQL only the tables its folder owns, a projection
 * only the tables of its {@code TABLES}, and every table the migrations create has an owner.
 */
class TableOwnershipTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> MODULES = List.of("api", "command-side", "query-side", "chatbot-saga", "app");

    /**
     * Cross-reads that are being removed elsewhere (the sending work replaces them with queries or command-side
     * lookups); each is a file and the table it still names. Nothing may be added here.
     */
    private static final Set<String> KNOWN_CROSS_READS = Set.of();

    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    private static final Pattern SQL_TABLE = Pattern.compile(
            "\\b(?:from|into|update|join|table|truncate)\\s+([a-z_][a-z0-9_]*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern TABLES_CONSTANT = Pattern.compile(
            "static final (?:List<String>|String\\[]) TABLES = (?:List\\.of\\(|\\{)([^)}]*)[)}]");
    private static final Pattern CREATE_TABLE = Pattern.compile("create table (?:if not exists )?([a-z_][a-z0-9_]*)",
            Pattern.CASE_INSENSITIVE);

    private static Map<String, String> owners() throws IOException {
        Map<String, String> owners = new LinkedHashMap<>();
        for (String line : Files.readAllLines(ROOT.resolve("docs/table-owners.md"))) {
            String[] cells = line.split("\\|");
            if (cells.length >= 3 && cells[1].trim().matches("[a-z_][a-z0-9_]*") && !cells[1].trim().equals("table")) {
                owners.put(cells[1].trim(), cells[2].trim());
            }
        }
        return owners;
    }

    private static List<Path> sources() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String module : MODULES) {
            Path main = ROOT.resolve(module).resolve("src/main/java");
            if (Files.isDirectory(main)) {
                try (Stream<Path> walk = Files.walk(main)) {
                    walk.filter(path -> path.toString().endsWith(".java")).forEach(files::add);
                }
            }
        }
        return files;
    }

    /** The tables a source file names in SQL (in its string literals). */
    static Set<String> tablesNamed(String source) {
        Set<String> tables = new TreeSet<>();
        Matcher strings = STRING.matcher(source);
        while (strings.find()) {
            Matcher sql = SQL_TABLE.matcher(strings.group(1));
            while (sql.find()) {
                tables.add(sql.group(1).toLowerCase());
            }
        }
        return tables;
    }

    private static String relative(Path file) {
        return ROOT.relativize(file).toString().replace('\\', '/');
    }

    @Test
    void every_table_the_migrations_create_has_an_owner() throws IOException {
        Set<String> created = new TreeSet<>();
        try (Stream<Path> migrations = Files.list(ROOT.resolve("app/src/main/resources/db/migration"))) {
            for (Path migration : migrations.toList()) {
                Matcher matcher = CREATE_TABLE.matcher(Files.readString(migration));
                while (matcher.find()) {
                    created.add(matcher.group(1).toLowerCase());
                }
            }
        }
        assertThat(owners().keySet()).containsAll(created);
    }

    @Test
    void code_names_in_sql_only_the_tables_its_folder_owns() throws IOException {
        Map<String, String> owners = owners();
        List<String> violations = new ArrayList<>();
        Set<String> crossReadsSeen = new LinkedHashSet<>();
        for (Path file : sources()) {
            String path = relative(file);
            for (String table : tablesNamed(Files.readString(file))) {
                String owner = owners.get(table);
                if (owner == null || owner.equals("*") || path.startsWith(owner + "/")) {
                    continue;
                }
                String crossRead = path + " -> " + table;
                if (KNOWN_CROSS_READS.contains(crossRead)) {
                    crossReadsSeen.add(crossRead);
                } else {
                    violations.add(crossRead + " (owned by " + owner + ")");
                }
            }
        }
        assertThat(violations).as("tables named outside their owner").isEmpty();
        assertThat(KNOWN_CROSS_READS).as("a cross-read that is gone leaves the exception list")
                .containsExactlyInAnyOrderElementsOf(crossReadsSeen);
    }

    @Test
    void a_projection_names_only_its_own_tables_and_every_read_model_table_has_one_projection() throws IOException {
        Map<String, String> owners = owners();
        Map<String, String> projectionOf = new LinkedHashMap<>();
        List<String> violations = new ArrayList<>();
        for (Path file : sources()) {
            String source = Files.readString(file);
            Matcher constant = TABLES_CONSTANT.matcher(source);
            if (!constant.find()) {
                continue;
            }
            Set<String> own = new TreeSet<>();
            Matcher names = STRING.matcher(constant.group(1));
            while (names.find()) {
                own.add(names.group(1));
            }
            for (String table : own) {
                String earlier = projectionOf.put(table, relative(file));
                if (earlier != null) {
                    violations.add(table + " claimed by " + earlier + " and " + relative(file));
                }
            }
            for (String table : tablesNamed(source)) {
                if ("query-side".equals(owners.get(table)) && !own.contains(table)) {
                    violations.add(relative(file) + " names " + table + ", not one of its TABLES " + own);
                }
            }
        }
        assertThat(violations).isEmpty();
        owners.forEach((table, owner) -> {
            if ("query-side".equals(owner)) {
                assertThat(projectionOf).as("the projection owning " + table).containsKey(table);
            }
        });
    }

    @Test
    void sql_in_string_literals_is_recognised() {
        assertThat(tablesNamed("jdbc.query(\"select a from contact_view v join inbox_conversation c on x\");"
                + " String s = \"update message_status set\"; String t = \"not sql: from the inbox\";"))
                .contains("contact_view", "inbox_conversation", "message_status");
    }

    static {
        if (!Files.isDirectory(ROOT.resolve("docs"))) {
            throw new UncheckedIOException(new IOException("run from the app module: " + ROOT));
        }
    }
}
