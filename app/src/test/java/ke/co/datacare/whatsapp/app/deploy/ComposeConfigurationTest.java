package ke.co.datacare.whatsapp.app.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axoniq.axonserver.grpc.control.NodeInfo;
import ke.co.datacare.whatsapp.app.config.SeedEnvironment;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.ClassUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose files, checked without Docker: these development machines and CI have no Docker
 * engine, so nothing here builds an image or starts a container. Each compose file is parsed with
 * SnakeYAML, its {@code ${...}} placeholders are resolved the way Docker Compose resolves them from a
 * {@code .env} file, and the service's environment is then read by the service's own configuration
 * code ({@link SeedEnvironment}, {@code application.yml}, Spring Boot's relaxed binding, Axon's
 * {@link AxonServerConfiguration}) to show that the service would understand it as meant. A plain
 * unit test: no Spring context.
 */
class ComposeConfigurationTest {

    private static final String APP = "app";
    private static final String AXON_SERVER_VARIANT = "docker-compose.yml";
    private static final String POSTGRES_VARIANT = "docker-compose.postgres.yml";
    private static final List<String> SECRETS = List.of("WHATSAPP_ACCESS_TOKEN", "WHATSAPP_WEBHOOK_SECRET",
            "WHATSAPP_WEBHOOK_VERIFY_TOKEN", "JWT_SECRET", "ADMIN_PASSWORD");
    /** Read by the image's entrypoint, not by Spring. */
    private static final Set<String> IMAGE_VARIABLES = Set.of("JAVA_OPTS");

    private static Path root;
    private static Set<String> knownProperties;

    @BeforeAll
    static void locateTheComposeFilesAndCollectThePropertiesTheServiceKnows() throws IOException {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !(Files.exists(directory.resolve(AXON_SERVER_VARIANT))
                && Files.exists(directory.resolve("mvnw")))) {
            directory = directory.getParent();
        }
        assertThat(directory).as("the project root holding " + AXON_SERVER_VARIANT).isNotNull();
        root = directory;

        ObjectMapper json = new ObjectMapper();
        Set<String> names = new TreeSet<>();
        Enumeration<URL> metadata = ComposeConfigurationTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json");
        while (metadata.hasMoreElements()) {
            try (InputStream in = metadata.nextElement().openStream()) {
                for (JsonNode property : json.readTree(in).path("properties")) {
                    String name = property.path("name").asText();
                    if (ConfigurationPropertyName.isValid(name)) {
                        names.add(name);
                    }
                }
            }
        }
        names.addAll(applicationYamlProperties());
        names.addAll(ourConfigurationProperties());
        knownProperties = names;
        assertThat(knownProperties).contains("server.port", "spring.datasource.url", "axon.axonserver.enabled",
                "axon.axonserver.servers", "datacare.webhook.max-attempts");
    }

    /** The keys of application.yml, such as {@code datacare.webhook.ack-timeout}. */
    private static Set<String> applicationYamlProperties() throws IOException {
        Set<String> names = new TreeSet<>();
        for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yml",
                new FileSystemResource(root.resolve("app/src/main/resources/application.yml")))) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                Arrays.stream(enumerable.getPropertyNames()).filter(ConfigurationPropertyName::isValid).forEach(names::add);
            }
        }
        return names;
    }

    /** The properties of our own {@code @ConfigurationProperties} records (the modules publish no metadata). */
    private static Set<String> ourConfigurationProperties() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class, false));
        Set<String> names = new TreeSet<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("ke.co.datacare.whatsapp")) {
            Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), null);
            ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
            String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    names.add(prefix + "." + DataObjectPropertyName.toDashedForm(component.getName()));
                }
            }
        }
        return names;
    }

    static Stream<Arguments> composeFilesWithDotEnvs() {
        List<Arguments> cases = new ArrayList<>();
        for (String file : List.of(AXON_SERVER_VARIANT, POSTGRES_VARIANT)) {
            cases.add(Arguments.of(file, "no .env", Map.of()));
            cases.add(Arguments.of(file, "deploy/custom.env", customDotEnv()));
            Path example = root.resolve(".env.example");
            if (Files.exists(example)) {
                cases.add(Arguments.of(file, ".env.example copied to .env", dotEnv(example)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("composeFilesWithDotEnvs")
    void every_variable_passed_to_the_service_is_one_the_service_reads(String file, String label,
                                                                     Map<String, String> dotEnv) {
        ComposeFile compose = compose(file, dotEnv);
        Map<String, String> notUnderstood = new LinkedHashMap<>();
        compose.environment(APP).forEach((name, value) -> {
            if (!seedEnvironmentMaps(name, value) && relaxedProperty(name).isEmpty() && !readByTheImage(name)) {
                notUnderstood.put(name, value);
            }
        });
        assertThat(notUnderstood).as("variables the service would silently ignore").isEmpty();
        compose.rawEnvironment(APP).forEach((name, value) -> assertThat(value)
                .as("%s must be a string in YAML (compose rejects booleans)", name).isInstanceOf(String.class));
    }

    @Test
    void the_check_of_variable_names_has_teeth() {
        assertThat(seedEnvironmentMaps("WHATSAPP_WEBHOOK_SECRET", "secret")).isTrue();
        assertThat(seedEnvironmentMaps("DATABASE_URL", "postgresql://u:p@h:5432/d")).isTrue();
        assertThat(relaxedProperty("AXON_AXONSERVER_SERVERS")).contains("axon.axonserver.servers");
        assertThat(relaxedProperty("SPRING_DATASOURCE_URL")).contains("spring.datasource.url");
        assertThat(relaxedProperty("DATACARE_WEBHOOK_ACKTIMEOUT")).contains("datacare.webhook.ack-timeout");
        assertThat(relaxedProperty("DATACARE_WEBHOOK_MAXATTEMPTS")).contains("datacare.webhook.max-attempts");

        for (String misspelt : List.of("WHATSAPP_TOKEN", "AXON_AXONSERVER_ENABLE", "AXONSERVER_SERVERS", "DB_URL")) {
            assertThat(seedEnvironmentMaps(misspelt, "value") || relaxedProperty(misspelt).isPresent()
                    || readByTheImage(misspelt)).as(misspelt).isFalse();
        }
    }

    @Test
    void the_axon_server_variant_connects_the_service_to_the_axonserver_service() {
        ComposeFile compose = compose(AXON_SERVER_VARIANT, Map.of());

        AxonServerConfiguration axon = axonServerSettings(serviceEnvironment(compose));

        assertThat(axon.isEnabled()).isTrue();
        assertThat(axon.getServers()).isEqualTo("axonserver:8124");
        List<NodeInfo> nodes = axon.routingServers();
        assertThat(nodes).hasSize(1);
        NodeInfo node = nodes.get(0);
        assertThat(compose.hasService(node.getHostName())).as("a service named " + node.getHostName()).isTrue();
        assertThat(compose.containerPorts(node.getHostName())).contains(node.getGrpcPort());
        Map<String, Object> axonServer = compose.service(node.getHostName());
        assertThat(String.valueOf(axonServer.get("image"))).startsWith("axoniq/axonserver");
        assertThat(compose.environment(node.getHostName()))
                .containsEntry("AXONIQ_AXONSERVER_STANDALONE", "true")
                .as("the host name Axon Server hands to clients must resolve in the compose network")
                .containsEntry("AXONIQ_AXONSERVER_HOSTNAME", node.getHostName());
        assertThat((List<?>) axonServer.get("volumes")).isNotEmpty();
        assertThat(compose.dependencies(APP)).containsEntry(node.getHostName(), "service_healthy");
    }

    @Test
    void the_postgres_variant_keeps_events_in_postgresql_without_axon_server() {
        ComposeFile compose = compose(POSTGRES_VARIANT, Map.of());
        ConfigurableEnvironment environment = serviceEnvironment(compose);

        assertThat(axonServerSettings(environment).isEnabled()).isFalse();
        assertThat(compose.hasService("axonserver")).isFalse();
        assertThat(compose.services()).allSatisfy((name, service) ->
                assertThat(String.valueOf(((Map<?, ?>) service).get("image"))).doesNotContain("axonserver"));
        assertThat(compose.dependencies(APP)).doesNotContainKey("axonserver");
        assertThat(environment.getProperty("spring.datasource.url")).startsWith("jdbc:postgresql://");
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("composeFilesWithDotEnvs")
    void the_database_url_points_at_the_compose_postgres_with_its_credentials(String file, String label,
                                                                             Map<String, String> dotEnv) {
        ComposeFile compose = compose(file, dotEnv);
        Map<String, String> postgres = compose.environment("postgres");

        ConfigurableEnvironment environment = serviceEnvironment(compose);

        assertThat(environment.getProperty("spring.datasource.url"))
                .isEqualTo("jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"));
        assertThat(environment.getProperty("spring.datasource.username")).isEqualTo(postgres.get("POSTGRES_USER"));
        assertThat(environment.getProperty("spring.datasource.password")).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
        assertThat(String.valueOf(compose.service("postgres").get("image"))).startsWith("postgres:15");
        assertThat(compose.dependencies(APP)).containsEntry("postgres", "service_healthy");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {AXON_SERVER_VARIANT, POSTGRES_VARIANT})
    void the_redis_url_points_at_the_compose_redis(String file) {
        ComposeFile compose = compose(file, customDotEnv());

        ConfigurableEnvironment environment = serviceEnvironment(compose);

        URI redis = URI.create(environment.getProperty("spring.data.redis.url"));
        assertThat(redis.getHost()).isEqualTo("redis");
        assertThat(String.valueOf(compose.service(redis.getHost()).get("image"))).startsWith("redis:7");
        assertThat(environment.getProperty("datacare.redis.enabled")).isEqualTo("true");
        assertThat(compose.dependencies(APP)).containsEntry("redis", "service_healthy");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {AXON_SERVER_VARIANT, POSTGRES_VARIANT})
    void the_service_listens_on_the_port_that_compose_publishes_and_probes(String file) throws IOException {
        ComposeFile compose = compose(file, customDotEnv());
        String port = compose.environment(APP).get("PORT");

        ConfigurableEnvironment environment = serviceEnvironment(compose);

        assertThat(environment.getProperty("server.port")).isEqualTo(port);
        assertThat(compose.containerPorts(APP)).isNotEmpty().allMatch(published -> published == Integer.parseInt(port));
        assertThat(compose.healthcheck(APP)).contains("localhost:" + port + "/actuator/health/liveness");
        assertThat(environment.getProperty("management.endpoint.health.probes.enabled", Boolean.class))
                .as("/actuator/health/liveness exists only with probes enabled").isTrue();
        String dockerfile = Files.readString(root.resolve("Dockerfile"));
        assertThat(dockerfile).containsPattern("(?m)^EXPOSE " + port + "$")
                .containsPattern("(?m)PORT=" + port + "\\b")
                .contains("/actuator/health/liveness");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {AXON_SERVER_VARIANT, POSTGRES_VARIANT})
    void every_service_has_a_healthcheck_and_the_service_waits_until_its_dependencies_are_healthy(String file) {
        ComposeFile compose = compose(file, Map.of());

        assertThat(compose.services().keySet()).allSatisfy(service ->
                assertThat(compose.healthcheck(service)).as("healthcheck of " + service).isNotBlank());
        assertThat(compose.dependencies(APP)).isNotEmpty().allSatisfy((dependency, condition) -> {
            assertThat(compose.hasService(dependency)).as(dependency).isTrue();
            assertThat(condition).as(dependency).isEqualTo("service_healthy");
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {AXON_SERVER_VARIANT, POSTGRES_VARIANT})
    void secrets_come_only_from_the_dot_env_file(String file) {
        Map<String, String> withoutDotEnv = compose(file, Map.of()).environment(APP);
        Map<String, String> dotEnv = customDotEnv();
        Map<String, String> withDotEnv = compose(file, dotEnv).environment(APP);

        for (String secret : SECRETS) {
            assertThat(withoutDotEnv.get(secret)).as(secret + " without .env").isEmpty();
            assertThat(withDotEnv.get(secret)).as(secret + " from .env").isEqualTo(dotEnv.get(secret));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {AXON_SERVER_VARIANT, POSTGRES_VARIANT})
    void without_a_dot_env_the_service_would_run_the_sandbox_on_postgresql_and_so_refuses_to_start(String file) {
        ConfigurableEnvironment environment = serviceEnvironment(compose(file, Map.of()));

        // WebhookSecretGuard refuses to start with an access token and the development secret; without a token
        // the sandbox is on, and SandboxConfiguration refuses it on the compose file's PostgreSQL unless allowed.
        assertThat(environment.getProperty("datacare.whatsapp.access-token", "")).isBlank();
        assertThat(environment.getProperty("datacare.whatsapp.sandbox.enabled")).isEqualTo("true");
        assertThat(environment.getProperty("spring.datasource.url")).startsWith("jdbc:postgresql:");
        assertThat(environment.getProperty("datacare.whatsapp.sandbox.allow-postgresql", Boolean.class, false)).isFalse();
        assertThat(environment.getProperty("datacare.webhook.app-secret")).isEqualTo("sandbox-app-secret");
        assertThat(environment.getProperty("datacare.whatsapp.api-url")).isEqualTo("https://graph.facebook.com/v21.0");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {AXON_SERVER_VARIANT, POSTGRES_VARIANT})
    void every_variable_of_the_compose_files_is_in_the_operations_guide(String file) throws IOException {
        String guide = Files.readString(root.resolve("docs/operations.md"));
        Set<String> variables = new TreeSet<>(compose(file, Map.of()).environment(APP).keySet());
        Matcher placeholders = Pattern.compile("\\$\\{(\\w+)").matcher(Files.readString(root.resolve(file)));
        while (placeholders.find()) {
            variables.add(placeholders.group(1));
        }

        assertThat(variables).allSatisfy(variable -> assertThat(guide).as(variable).contains("`" + variable + "`"));
    }

    private static ComposeFile compose(String file, Map<String, String> dotEnv) {
        return ComposeFile.load(root.resolve(file), dotEnv);
    }

    /**
     * The environment the service would see in the container: the compose variables as the system
     * environment (so Spring's relaxed names apply), application.yml below them, then SeedEnvironment.
     */
    private static ConfigurableEnvironment serviceEnvironment(ComposeFile compose) {
        StandardEnvironment environment = new StandardEnvironment();
        MutablePropertySources sources = environment.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new HashMap<>(compose.environment(APP))));
        try {
            new YamlPropertySourceLoader()
                    .load("application.yml", new FileSystemResource(root.resolve("app/src/main/resources/application.yml")))
                    .forEach(sources::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        new SeedEnvironment().postProcessEnvironment(environment, new SpringApplication());
        ConfigurationPropertySources.attach(environment);
        return environment;
    }

    private static AxonServerConfiguration axonServerSettings(ConfigurableEnvironment environment) {
        return Binder.get(environment).bindOrCreate("axon.axonserver", AxonServerConfiguration.class);
    }

    /** Whether SeedEnvironment turns the variable into at least one property. */
    /** Whether setting the variable changes any property the service ends up with (name or value). */
    /** Whether the variable changes what the service reads, with its value or (when that is a default) another. */
    private static boolean seedEnvironmentMaps(String name, String value) {
        return changesTheProperties(name, value.isBlank() ? "probe" : value) || changesTheProperties(name, "probe-" + value);
    }

    private static boolean changesTheProperties(String name, String value) {
        Map<String, Object> without = propertiesAfterSeedEnvironment(new MockEnvironment());
        Map<String, Object> with = propertiesAfterSeedEnvironment(new MockEnvironment().withProperty(name, value));
        with.remove(name);
        return !with.equals(without);
    }

    private static Map<String, Object> propertiesAfterSeedEnvironment(MockEnvironment environment) {
        new SeedEnvironment().postProcessEnvironment(environment, new SpringApplication());
        Map<String, Object> properties = new java.util.TreeMap<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String property : enumerable.getPropertyNames()) {
                    properties.putIfAbsent(property, environment.getProperty(property));
                }
            }
        }
        return properties;
    }

    /** The Spring or Axon property that the variable sets through relaxed binding, if any. */
    private static Optional<String> relaxedProperty(String name) {
        ConfigurationPropertySource relaxed = ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(name, "value"))).iterator().next();
        return knownProperties.stream()
                .filter(property -> relaxed.getConfigurationProperty(ConfigurationPropertyName.of(property)) != null)
                .findFirst();
    }

    private static boolean readByTheImage(String name) {
        if (!IMAGE_VARIABLES.contains(name)) {
            return false;
        }
        try {
            return Files.readString(root.resolve("Dockerfile")).contains("$" + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> customDotEnv() {
        try (InputStream in = ComposeConfigurationTest.class.getResourceAsStream("/deploy/custom.env")) {
            assertThat(in).as("deploy/custom.env on the test classpath").isNotNull();
            return ComposeFile.readDotEnv(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> dotEnv(Path file) {
        try {
            return ComposeFile.readDotEnv(Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
