package ke.co.datacare.whatsapp.app.deploy;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compose file as Docker Compose would see it: parsed with SnakeYAML, every {@code ${...}} in a
 * value resolved against the variables of a {@code .env} file ({@code ${NAME}}, {@code ${NAME:-default}},
 * {@code ${NAME-default}}, {@code ${NAME:?error}}, {@code ${NAME?error}}, {@code ${NAME:+other}},
 * {@code ${NAME+other}}, {@code $NAME}, and {@code $$} for a literal dollar).
 */
final class ComposeFile {

    private final Map<String, Object> root;

    private ComposeFile(Map<String, Object> root) {
        this.root = root;
    }

    static ComposeFile load(Path file, Map<String, String> dotEnv) {
        try (Reader reader = Files.newBufferedReader(file)) {
            Map<String, Object> raw = new Yaml().load(reader);
            @SuppressWarnings("unchecked")
            Map<String, Object> interpolated = (Map<String, Object>) interpolate(raw, dotEnv);
            return new ComposeFile(interpolated);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** The {@code KEY=VALUE} lines of a {@code .env} file; comments and blank lines skipped, quotes removed. */
    static Map<String, String> readDotEnv(List<String> lines) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : lines) {
            String trimmed = line.strip();
            int equals = trimmed.indexOf('=');
            if (trimmed.isEmpty() || trimmed.startsWith("#") || equals < 1) {
                continue;
            }
            String value = trimmed.substring(equals + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            variables.put(trimmed.substring(0, equals).strip(), value);
        }
        return variables;
    }

    boolean hasService(String name) {
        return services().containsKey(name);
    }

    Map<String, Object> services() {
        return map(root.get("services"), "services");
    }

    Map<String, Object> service(String name) {
        Map<String, Object> services = services();
        if (!services.containsKey(name)) {
            throw new AssertionError("no service '" + name + "'; services: " + services.keySet());
        }
        return map(services.get(name), "service " + name);
    }

    /** The service's environment, in either compose form (a map, or a list of {@code KEY=VALUE}). */
    Map<String, Object> rawEnvironment(String service) {
        Object environment = service(service).get("environment");
        Map<String, Object> result = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> result.put(String.valueOf(key), value));
        } else if (environment instanceof List<?> entries) {
            for (Object entry : entries) {
                String text = String.valueOf(entry);
                int equals = text.indexOf('=');
                result.put(equals < 0 ? text : text.substring(0, equals), equals < 0 ? null : text.substring(equals + 1));
            }
        }
        return result;
    }

    Map<String, String> environment(String service) {
        Map<String, String> result = new LinkedHashMap<>();
        rawEnvironment(service).forEach((key, value) -> result.put(key, value == null ? "" : String.valueOf(value)));
        return result;
    }

    /** Container ports of the service's {@code ports} entries ({@code [ip:][host:]container[/protocol]}). */
    List<Integer> containerPorts(String service) {
        List<Integer> ports = new ArrayList<>();
        for (Object entry : list(service(service).get("ports"))) {
            String text = entry instanceof Map<?, ?> longForm ? String.valueOf(longForm.get("target")) : String.valueOf(entry);
            String withoutProtocol = text.split("/", 2)[0];
            ports.add(Integer.parseInt(withoutProtocol.substring(withoutProtocol.lastIndexOf(':') + 1)));
        }
        return ports;
    }

    /** {@code depends_on} as service name to condition ({@code service_started} for the short form). */
    Map<String, String> dependencies(String service) {
        Object dependsOn = service(service).get("depends_on");
        Map<String, String> result = new LinkedHashMap<>();
        if (dependsOn instanceof Map<?, ?> entries) {
            entries.forEach((name, settings) -> result.put(String.valueOf(name),
                    String.valueOf(map(settings, "depends_on." + name).getOrDefault("condition", "service_started"))));
        } else {
            list(dependsOn).forEach(name -> result.put(String.valueOf(name), "service_started"));
        }
        return result;
    }

    /** The healthcheck's test as one string, or null without a healthcheck. */
    String healthcheck(String service) {
        Object healthcheck = service(service).get("healthcheck");
        if (healthcheck == null) {
            return null;
        }
        Object test = map(healthcheck, "healthcheck of " + service).get("test");
        return test instanceof List<?> parts ? String.join(" ", parts.stream().map(String::valueOf).toList())
                : String.valueOf(test);
    }

    private static Object interpolate(Object node, Map<String, String> variables) {
        if (node instanceof String text) {
            return Interpolation.resolve(text, variables);
        }
        if (node instanceof Map<?, ?> entries) {
            Map<String, Object> result = new LinkedHashMap<>();
            entries.forEach((key, value) -> result.put(String.valueOf(key), interpolate(value, variables)));
            return result;
        }
        if (node instanceof List<?> items) {
            return items.stream().map(item -> interpolate(item, variables)).toList();
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, String what) {
        if (!(node instanceof Map<?, ?>)) {
            throw new AssertionError(what + " is not a mapping: " + node);
        }
        return (Map<String, Object>) node;
    }

    private static List<?> list(Object node) {
        return node == null ? List.of() : node instanceof List<?> items ? items : List.of(node);
    }

    /** Docker Compose's variable interpolation. */
    static final class Interpolation {

        private Interpolation() {
        }

        static String resolve(String text, Map<String, String> variables) {
            StringBuilder out = new StringBuilder();
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c != '$' || i + 1 == text.length()) {
                    out.append(c);
                    i++;
                } else if (text.charAt(i + 1) == '$') {
                    out.append('$');
                    i += 2;
                } else if (text.charAt(i + 1) == '{') {
                    int end = closingBrace(text, i + 2);
                    out.append(expression(text.substring(i + 2, end), variables));
                    i = end + 1;
                } else {
                    int end = i + 1;
                    while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                        end++;
                    }
                    if (end == i + 1) {
                        out.append(c);
                        i++;
                    } else {
                        out.append(variables.getOrDefault(text.substring(i + 1, end), ""));
                        i = end;
                    }
                }
            }
            return out.toString();
        }

        private static int closingBrace(String text, int from) {
            int depth = 1;
            for (int i = from; i < text.length(); i++) {
                if (text.charAt(i) == '{') {
                    depth++;
                } else if (text.charAt(i) == '}' && --depth == 0) {
                    return i;
                }
            }
            throw new IllegalArgumentException("unclosed ${ in " + text);
        }

        private static String expression(String expression, Map<String, String> variables) {
            int nameEnd = 0;
            while (nameEnd < expression.length()
                    && (Character.isLetterOrDigit(expression.charAt(nameEnd)) || expression.charAt(nameEnd) == '_')) {
                nameEnd++;
            }
            String name = expression.substring(0, nameEnd);
            String rest = expression.substring(nameEnd);
            String value = variables.get(name);
            boolean set = value != null;
            boolean nonEmpty = set && !value.isEmpty();
            if (rest.isEmpty()) {
                return set ? value : "";
            }
            boolean colon = rest.startsWith(":");
            String operator = rest.substring(colon ? 1 : 0, colon ? 2 : 1);
            String argument = resolve(rest.substring(colon ? 2 : 1), variables);
            boolean present = colon ? nonEmpty : set;
            return switch (operator) {
                case "-" -> present ? value : argument;
                case "+" -> present ? argument : "";
                case "?" -> {
                    if (!present) {
                        throw new IllegalArgumentException("required variable " + name + ": " + argument);
                    }
                    yield value;
                }
                default -> throw new IllegalArgumentException("unsupported interpolation ${" + expression + "}");
            };
        }
    }
}
