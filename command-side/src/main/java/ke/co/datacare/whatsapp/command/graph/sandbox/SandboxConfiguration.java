package ke.co.datacare.whatsapp.command.graph.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.command.contact.ContactDirectory;
import ke.co.datacare.whatsapp.command.graph.BusinessNumberProperties;
import ke.co.datacare.whatsapp.command.graph.BusinessNumbers;
import ke.co.datacare.whatsapp.command.graph.GraphApiProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The sandbox Graph API, for running without a Meta account. Point {@code datacare.whatsapp.api-url} at
 * {@code http://localhost:<port>/sandbox/graph/v21.0} and leave {@code datacare.whatsapp.access-token} blank;
 * start-up fails if the sandbox is enabled next to a real token, or on a PostgreSQL database unless
 * {@code datacare.whatsapp.sandbox.allow-postgresql} says so.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSandbox
@EnableConfigurationProperties({SandboxProperties.class, GraphApiProperties.class, BusinessNumberProperties.class})
public class SandboxConfiguration {

    static final String DEFAULT_BUSINESS_ACCOUNT_ID = "100000000000000";
    static final String DEFAULT_PHONE_NUMBER_ID = "110000000000001";
    static final String OWN_WEBHOOK_PATH = "/webhook/whatsapp";

    static final String ALLOW_POSTGRESQL = "datacare.whatsapp.sandbox.allow-postgresql";

    SandboxConfiguration(GraphApiProperties graph, SandboxProperties sandbox, Environment environment) {
        if (graph.hasAccessToken()) {
            throw new IllegalStateException("The Graph API sandbox must not run with a real access token: set "
                    + "datacare.whatsapp.sandbox.enabled=false or leave datacare.whatsapp.access-token blank");
        }
        if (!sandbox.allowPostgresql()
                && environment.getProperty("spring.datasource.url", "").startsWith("jdbc:postgresql:")) {
            throw new IllegalStateException("Refusing to run the Graph API sandbox (no WHATSAPP_ACCESS_TOKEN) on a "
                    + "PostgreSQL database: the sandbox answers for Meta and keeps customers' numbers and texts. Set "
                    + "WHATSAPP_ACCESS_TOKEN, or allow it for a trial with " + ALLOW_POSTGRESQL
                    + "=true (DATACARE_WHATSAPP_SANDBOX_ALLOWPOSTGRESQL=true)");
        }
    }

    @Bean
    SandboxRequestLog sandboxRequestLog(SandboxProperties sandbox) {
        return new SandboxRequestLog(sandbox.maxRecordedRequests(), sandbox.maxRecordedBytes().toBytes(),
                Clock.systemUTC());
    }

    @Bean
    SandboxMediaStore sandboxMediaStore(SandboxProperties sandbox) {
        return new SandboxMediaStore(sandbox.maxMedia(), sandbox.maxMediaBytes().toBytes());
    }

    /**
     * Customers' windows, learnt from the messages the service records (in the {@code command-lookups} group, written
     * in the transaction of their events); who is who comes from the contact directory when the service runs.
     */
    @Bean
    SandboxCustomerWindows sandboxCustomerWindows(ObjectProvider<ContactDirectory> directory) {
        ContactDirectory contacts = directory.getIfAvailable();
        return new SandboxCustomerWindows(contacts == null ? null : (phoneNumberId, whatsAppId) ->
                Optional.ofNullable(contacts.contactOf(whatsAppId))
                        .map(contact -> ContactDirectory.idOfConversation(phoneNumberId, contact).value()));
    }

    @Bean
    SandboxLatency sandboxLatency(SandboxProperties sandbox) {
        return new SandboxLatency(sandbox.latencyMin(), sandbox.latencyMax());
    }

    @Bean
    SandboxTemplates sandboxTemplates() {
        return new SandboxTemplates(new ObjectMapper());
    }

    @Bean
    WebhookSink sandboxWebhookSink(SandboxProperties sandbox, RestClient.Builder restClientBuilder,
                                   Environment environment) {
        return new HttpWebhookSink(restClientBuilder, webhookUrl(sandbox, environment), sandbox.appSecret());
    }

    @Bean
    WebhookEnvelopes sandboxWebhookEnvelopes(GraphApiProperties graph, SandboxNumbers sandboxNumbers) {
        String businessAccountId = graph.businessAccountId() == null || graph.businessAccountId().isBlank()
                ? DEFAULT_BUSINESS_ACCOUNT_ID : graph.businessAccountId();
        return new WebhookEnvelopes(businessAccountId, sandboxNumbers);
    }

    @Bean
    SandboxStatusSimulator sandboxStatusSimulator(SandboxProperties sandbox, WebhookEnvelopes sandboxWebhookEnvelopes,
                                                  WebhookSink sandboxWebhookSink) {
        return new SandboxStatusSimulator(new StatusWebhookBodies(sandboxWebhookEnvelopes), sandboxWebhookSink,
                sandbox.statusDelays(), Clock.systemUTC());
    }

    /**
     * The configured numbers (one in zero setup); the sandbox's default number when none is configured. The service
     * learns the display number the sandbox gives each, as an operator would configure it
     * ({@code datacare.whatsapp.numbers.display-phone-numbers}), so Meta's reports on a number apply to it.
     */
    @Bean
    SandboxNumbers sandboxNumbers(GraphApiProperties graph, BusinessNumberProperties numbers, SandboxProperties sandbox,
                                  ObjectProvider<BusinessNumbers> businessNumbers) {
        List<String> ids = new ArrayList<>();
        ids.add(graph.phoneNumberId() == null || graph.phoneNumberId().isBlank() ? DEFAULT_PHONE_NUMBER_ID
                : graph.phoneNumberId());
        ids.addAll(numbers.ids());
        SandboxNumbers sandboxNumbers = new SandboxNumbers(ids, sandbox.displayPhoneNumber());
        businessNumbers.ifAvailable(ours -> ours.learnDisplayPhoneNumbers(sandboxNumbers.displayPhoneNumbers()));
        return sandboxNumbers;
    }

    @Bean
    SandboxSimulations sandboxSimulations(WebhookEnvelopes sandboxWebhookEnvelopes, WebhookSink sandboxWebhookSink,
                                          SandboxTemplates sandboxTemplates, SandboxNumbers sandboxNumbers) {
        return new SandboxSimulations(new SimulatedWebhookBodies(sandboxWebhookEnvelopes), sandboxWebhookSink,
                sandboxTemplates, sandboxNumbers, Clock.systemUTC());
    }

    /**
     * Resolved at each delivery, because the local port is known only once the server runs.
     */
    private static Supplier<URI> webhookUrl(SandboxProperties sandbox, Environment environment) {
        if (sandbox.webhookUrl() != null && !sandbox.webhookUrl().isBlank()) {
            URI configured = URI.create(sandbox.webhookUrl());
            return () -> configured;
        }
        return () -> URI.create("http://localhost:" + environment.getProperty("local.server.port", "8080")
                + OWN_WEBHOOK_PATH);
    }
}
