package ke.co.datacare.whatsapp.command.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.api.account.MessageTemplateCategoryChangeAnnounced;
import ke.co.datacare.whatsapp.api.account.MessageTemplateCategoryChanged;
import ke.co.datacare.whatsapp.api.account.MessageTemplateQualityChanged;
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

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
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

    /**
     * A template as Meta last reported it: {@code quality} GREEN, YELLOW, RED or UNKNOWN (null until Meta rates it);
     * {@code announcedCategory} the category Meta said it will move the template to, at {@code announcedCategoryAt}.
     */
    public record Template(String name, String language, String templateId, String status, String category,
                           String componentsJson, int bodyParameterCount, String quality, String announcedCategory,
                           Instant announcedCategoryAt) {
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
        return jdbc.query("select * from message_template where name = ? and language = ?", TemplateCatalog::template,
                name, language).stream().findFirst();
    }

    public List<Template> all() {
        return jdbc.query("select * from message_template order by name, language", TemplateCatalog::template);
    }

    private static Template template(ResultSet rs, int row) throws SQLException {
        Timestamp announcedAt = rs.getTimestamp("announced_category_at");
        return new Template(rs.getString("name"), rs.getString("language"), rs.getString("template_id"),
                rs.getString("status"), rs.getString("category"), rs.getString("components_json"),
                rs.getInt("body_parameter_count"), rs.getString("quality"), rs.getString("announced_category"),
                announcedAt == null ? null : announcedAt.toInstant());
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

    /** Meta's event as the status it leaves ({@link TemplateStatusEvents}); a flag alone changes nothing. */
    @EventHandler
    void on(MessageTemplateStatusChanged event) {
        Optional<String> status = TemplateStatusEvents.statusAfter(event.status());
        if (event.name() == null || event.language() == null || status.isEmpty()) {
            return;
        }
        int updated = jdbc.update("update message_template set status = ?, template_id = ?, updated_at = ? "
                        + "where name = ? and language = ?", status.get(), String.valueOf(event.templateId()),
                Timestamp.from(event.at()), event.name(), event.language());
        if (updated == 0) {
            jdbc.update("insert into message_template (name, language, template_id, status, updated_at) values (?, ?, ?, ?, ?)",
                    event.name(), event.language(), String.valueOf(event.templateId()), status.get(),
                    Timestamp.from(event.at()));
        }
    }

    /** From now on the template is priced and treated (marketing opt-outs) as its new category. */
    @EventHandler
    void on(MessageTemplateCategoryChanged event) {
        if (event.name() != null && event.language() != null && event.newCategory() != null) {
            jdbc.update("update message_template set category = ?, announced_category = null, "
                    + "announced_category_at = null, updated_at = ? where name = ? and language = ?",
                    event.newCategory(), Timestamp.from(event.at()), event.name(), event.language());
        }
    }

    @EventHandler
    void on(MessageTemplateCategoryChangeAnnounced event) {
        if (event.name() != null && event.language() != null) {
            jdbc.update("update message_template set announced_category = ?, announced_category_at = ?, updated_at = ? "
                    + "where name = ? and language = ?", event.correctCategory(),
                    event.effectiveAt() == null ? null : Timestamp.from(event.effectiveAt()), Timestamp.from(event.at()),
                    event.name(), event.language());
        }
    }

    @EventHandler
    void on(MessageTemplateQualityChanged event) {
        if (event.name() != null && event.language() != null) {
            jdbc.update("update message_template set quality = ?, updated_at = ? where name = ? and language = ?",
                    event.newQuality(), Timestamp.from(event.at()), event.name(), event.language());
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
