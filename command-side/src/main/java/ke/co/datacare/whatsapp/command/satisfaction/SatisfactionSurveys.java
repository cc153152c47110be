package ke.co.datacare.whatsapp.command.satisfaction;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.conversation.SatisfactionSurvey;
import ke.co.datacare.whatsapp.command.contact.ContactDirectory;
import ke.co.datacare.whatsapp.command.outbound.ContactConsent;
import ke.co.datacare.whatsapp.command.outbound.TemplateCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Decides whether an agent's resolution asks the customer for a rating: surveys are configured, their template is
 * approved, and the customer has not opted out. Once per episode is the Conversation's rule (it is resolved once).
 */
@Component
@EnableConfigurationProperties(SatisfactionSurveyProperties.class)
public class SatisfactionSurveys {

    private static final Logger log = LoggerFactory.getLogger(SatisfactionSurveys.class);

    private final SatisfactionSurveyProperties properties;
    private final ContactDirectory directory;
    private final ContactConsent consent;
    private final TemplateCatalog templates;
    private final AtomicBoolean toldTemplateMissing = new AtomicBoolean();

    SatisfactionSurveys(SatisfactionSurveyProperties properties, ContactDirectory directory, ContactConsent consent,
                        TemplateCatalog templates) {
        this.properties = properties;
        this.directory = directory;
        this.consent = consent;
        this.templates = templates;
    }

    /** The survey to send when an agent resolves {@code conversation}, if any. */
    public Optional<SatisfactionSurvey> forResolution(ConversationId conversation) {
        if (!properties.enabled() || !templateApproved()) {
            return Optional.empty();
        }
        ContactDirectory.ConversationOwner owner = directory.owner(conversation);
        if (owner == null || consent.optedOut(owner.contactId())) {
            return Optional.empty();
        }
        return Optional.of(SatisfactionSurvey.of("csat-" + UUID.randomUUID(), properties.template(),
                properties.language(), properties.ratings()));
    }

    private boolean templateApproved() {
        boolean approved = templates.find(properties.template(), properties.language())
                .filter(TemplateCatalog.Template::approved).isPresent();
        if (!approved && toldTemplateMissing.compareAndSet(false, true)) {
            log.warn("No satisfaction surveys: template '{}' ({}) is not approved", properties.template(),
                    properties.language());
        } else if (approved) {
            toldTemplateMissing.set(false);
        }
        return approved;
    }
}
