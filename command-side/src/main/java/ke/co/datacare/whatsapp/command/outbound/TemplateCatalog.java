package ke.co.datacare.whatsapp.command.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.api.account.MessageTemplateStatusChanged;
import ke.co.datacare.whatsapp.command.graph.GraphApiClient;
import ke.co.datacare.whatsapp.command.graph.TemplateSummary;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our message templates as Meta knows them: synced from the Graph API at start and on demand, and kept
 * current by {@code message_template_status_update} webhooks.
 */
@Component
@ProcessingGroup(ContactConsent.GROUP)
public class TemplateCatalog {

    private static final Logger log = LoggerFactory.getLogger(TemplateCatalog.class);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(\\d+)\\s*}}");

    public record Template(String name, String language, String templateId, String status, String category,
                           String componentsJson, int bodyParameterCount) {
        public boolean approved() {
            return "APPROVED".equalsIgnoreCase(status);
        }

        public boolean marketing() {
            return "MARKETING".equalsIgnoreCase(category);
        }
    }

    private final JdbcTemplate jdbc;
    private final GraphApiClient graph;
    private final Clock clock;

    TemplateCatalog(JdbcTemplate jdbc, GraphApiClient graph, Clock clock) {
        this.jdbc = jdbc;
        this.graph = graph;
        this.clock = clock;
    }

    public Optional<Template> find(String name, String language) {
        return jdbc.query("select * from message_template where name = ? and language = ?", (rs, i) -> new Template(
                rs.getString("name"), rs.getString("language"), rs.getString("template_id"), rs.getString("status"),
                rs.getString("category"), rs.getString("components_json"), rs.getInt("body_parameter_count")),
                name, language).stream().findFirst();
    }

    public List<Template> all() {
        return jdbc.query("select * from message_template order by name, language", (rs, i) -> new Template(
                rs.getString("name"), rs.getString("language"), rs.getString("template_id"), rs.getString("status"),
                rs.getString("category"), rs.getString("components_json"), rs.getInt("body_parameter_count")));
    }

    /** Fetches every template from Meta; returns how many were stored. */
    public int sync() {
        List<TemplateSummary> templates = graph.listTemplates();
        for (TemplateSummary template : templates) {
            upsert(template.name(), template.language(), String.valueOf(template.id()), template.status(),
                    template.category(), template.components());
        }
        return templates.size();
    }

    @Async
    @EventListener(ApplicationReadyEvent.class)
    void syncOnStart() {
        try {
            log.info("Synced {} message templates from the Graph API", sync());
        } catch (RuntimeException e) {
            log.warn("Template sync at start failed ({}); POST /api/templates/sync retries it", e.toString());
        }
    }

    @EventHandler
    void on(MessageTemplateStatusChanged event) {
        if (event.name() == null || event.language() == null) {
            return;
        }
        int updated = jdbc.update("update message_template set status = ?, template_id = ?, updated_at = ? "
                        + "where name = ? and language = ?", event.status(), String.valueOf(event.templateId()),
                Timestamp.from(event.at()), event.name(), event.language());
        if (updated == 0) {
            jdbc.update("insert into message_template (name, language, template_id, status, updated_at) values (?, ?, ?, ?, ?)",
                    event.name(), event.language(), String.valueOf(event.templateId()), event.status(),
                    Timestamp.from(event.at()));
        }
    }

    void upsert(String name, String language, String templateId, String status, String category, JsonNode components) {
        String componentsJson = components == null ? null : components.toString();
        int parameters = bodyParameterCount(components);
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.update("update message_template set template_id = ?, status = ?, category = ?, "
                        + "components_json = ?, body_parameter_count = ?, updated_at = ? where name = ? and language = ?",
                templateId, status, category, componentsJson, parameters, now, name, language);
        if (updated == 0) {
            jdbc.update("insert into message_template (name, language, template_id, status, category, components_json, "
                            + "body_parameter_count, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
                    name, language, templateId, status, category, componentsJson, parameters, now);
        }
    }

    static int bodyParameterCount(JsonNode components) {
        if (components == null) {
            return 0;
        }
        int highest = 0;
        for (JsonNode component : components) {
            if ("BODY".equalsIgnoreCase(component.path("type").asText())) {
                Matcher matcher = PLACEHOLDER.matcher(component.path("text").asText(""));
                while (matcher.find()) {
                    highest = Math.max(highest, Integer.parseInt(matcher.group(1)));
                }
            }
        }
        return highest;
    }
}
