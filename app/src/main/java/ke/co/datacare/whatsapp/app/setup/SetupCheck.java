package ke.co.datacare.whatsapp.app.setup;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.command.graph.BusinessNumbers;
import ke.co.datacare.whatsapp.command.graph.GraphApiProperties;
import ke.co.datacare.whatsapp.command.outbound.TemplateCatalog;
import ke.co.datacare.whatsapp.command.webhook.WebhookProperties;
import ke.co.datacare.whatsapp.command.webhook.WebhookSignature;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntSupplier;

/**
 * Tells an admin what is missing or wrong between this service and Meta: the settings, the access token and its
 * permissions, each business number (registered on Cloud API, Meta's status, quality and messaging health: the
 * default one is check {@code phone-number}, every other {@code phone-number:<id>}), the app's webhook subscription, the webhook endpoint (a self-test through the
 * service's own intake: the verification handshake and a signed, empty delivery) and the synced templates.
 */
class SetupCheck {

    static final String SANDBOX_SECRET = "sandbox-app-secret";
    static final String SANDBOX_VERIFY_TOKEN = "sandbox-verify-token";
    private static final Set<String> NEEDED_SCOPES = Set.of("whatsapp_business_messaging", "whatsapp_business_management");

    record Report(CheckResult.Status status, boolean sandbox, List<CheckResult> checks) {
    }

    private static final Set<String> NUMBER_STATUSES_THAT_CANNOT_SEND = Set.of("BANNED", "DELETED", "DISCONNECTED",
            "MIGRATED", "UNVERIFIED");

    private final GraphApiProperties graph;
    private final BusinessNumbers numbers;
    private final WebhookProperties webhook;
    private final MetaAccountProbe meta;
    private final TemplateCatalog templates;
    private final IntSupplier localPort;
    private final boolean sandbox;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SetupCheck(GraphApiProperties graph, BusinessNumbers numbers, WebhookProperties webhook, MetaAccountProbe meta,
               TemplateCatalog templates, IntSupplier localPort, boolean sandbox) {
        this.graph = graph;
        this.numbers = numbers;
        this.webhook = webhook;
        this.meta = meta;
        this.templates = templates;
        this.localPort = localPort;
        this.sandbox = sandbox;
    }

    Report run() {
        List<CheckResult> checks = new ArrayList<>();
        checks.add(settings());
        checks.add(token());
        numbers.all().forEach(number -> checks.add(phoneNumber(number)));
        checks.add(subscription());
        checks.add(verificationHandshake());
        checks.add(signedDelivery());
        checks.add(templates());
        CheckResult.Status overall = checks.stream().map(CheckResult::status)
                .reduce(CheckResult.Status.OK, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        return new Report(overall, sandbox, checks);
    }

    private CheckResult settings() {
        List<String> missing = new ArrayList<>();
        if (blank(graph.phoneNumberId())) {
            missing.add("WHATSAPP_PHONE_NUMBER_ID");
        }
        if (blank(graph.businessAccountId())) {
            missing.add("WHATSAPP_BUSINESS_ACCOUNT_ID");
        }
        if (!sandbox && !graph.hasAccessToken()) {
            missing.add("WHATSAPP_ACCESS_TOKEN");
        }
        if (!missing.isEmpty()) {
            return CheckResult.failed("settings", "not set: " + String.join(", ", missing));
        }
        if (sandbox) {
            return CheckResult.ok("settings", "sandbox: no WHATSAPP_ACCESS_TOKEN, so the built-in sandbox answers instead of Meta");
        }
        List<String> defaults = new ArrayList<>();
        if (SANDBOX_SECRET.equals(webhook.appSecret())) {
            defaults.add("WHATSAPP_WEBHOOK_SECRET (must be the app's App Secret)");
        }
        if (SANDBOX_VERIFY_TOKEN.equals(webhook.verifyToken())) {
            defaults.add("WHATSAPP_WEBHOOK_VERIFY_TOKEN");
        }
        return defaults.isEmpty()
                ? CheckResult.ok("settings", "every Meta setting is set; Graph API " + graph.apiUrl())
                : CheckResult.failed("settings", "still the sandbox's public default: " + String.join(", ", defaults));
    }

    private CheckResult token() {
        MetaAccountProbe.Answer answer = meta.token();
        if (!answer.ok()) {
            return CheckResult.failed("access-token", "the token could not be inspected: " + answer.error());
        }
        JsonNode data = answer.body().path("data");
        if (!data.path("is_valid").asBoolean(false)) {
            return CheckResult.failed("access-token", "Meta says the token is not valid: create a system user's token");
        }
        Set<String> scopes = new HashSet<>();
        data.path("scopes").forEach(scope -> scopes.add(scope.asText()));
        Set<String> lacking = new HashSet<>(NEEDED_SCOPES);
        lacking.removeAll(scopes);
        if (!lacking.isEmpty()) {
            return CheckResult.failed("access-token", "the token lacks the permissions " + String.join(", ", lacking.stream().sorted().toList()));
        }
        long expiresAt = data.path("expires_at").asLong(0);
        if (expiresAt != 0) {
            return CheckResult.warning("access-token", "valid, but it expires at " + Instant.ofEpochSecond(expiresAt)
                    + ": use a system user's token that never expires");
        }
        return CheckResult.ok("access-token", "valid, never expires, with whatsapp_business_messaging and whatsapp_business_management");
    }

    /**
     * One business number: read at all, registered on Cloud API ({@code platform_type}), Meta's {@code status}, its
     * quality and whether Meta says it can send ({@code health_status.can_send_message}: LIMITED is a warning, BLOCKED
     * a failure, with Meta's reasons).
     */
    private CheckResult phoneNumber(BusinessNumbers.Number ours) {
        String name = ours.isDefault() ? "phone-number" : "phone-number:" + ours.id();
        MetaAccountProbe.Answer answer = meta.phoneNumber(ours.id());
        if (!answer.ok()) {
            return CheckResult.failed(name, "the business number " + ours.id() + " could not be read: " + answer.error());
        }
        JsonNode number = answer.body();
        String quality = number.path("quality_rating").asText("UNKNOWN");
        String status = number.path("status").asText(null);
        String detail = ours.id() + ": " + number.path("display_phone_number").asText("?") + " ("
                + number.path("verified_name").asText("no verified name") + "), quality " + quality
                + (status == null ? "" : ", status " + status);
        String platform = number.path("platform_type").asText(null);
        if (platform != null && !"CLOUD_API".equals(platform)) {
            return CheckResult.failed(name, detail + ": not registered on Cloud API (platform " + platform
                    + "): POST /" + ours.id() + "/register");
        }
        if (status != null && NUMBER_STATUSES_THAT_CANNOT_SEND.contains(status)) {
            return CheckResult.failed(name, detail + ": Meta does not send from a number in this state");
        }
        JsonNode health = number.path("health_status");
        String canSend = health.path("can_send_message").asText("AVAILABLE");
        if (!"AVAILABLE".equals(canSend)) {
            String reasons = reasons(health);
            String said = detail + ", messaging " + canSend + (reasons.isEmpty() ? "" : ": " + reasons);
            return "BLOCKED".equals(canSend) ? CheckResult.failed(name, said) : CheckResult.warning(name, said);
        }
        return "RED".equals(quality) || (status != null && !"CONNECTED".equals(status))
                ? CheckResult.warning(name, detail + ": Meta may lower the messaging limit or hold the number")
                : CheckResult.ok(name, detail);
    }

    /** Meta's errors on the entities of a health status, each with its code and possible solution. */
    private static String reasons(JsonNode health) {
        List<String> reasons = new ArrayList<>();
        for (JsonNode entity : health.path("entities")) {
            for (JsonNode error : entity.path("errors")) {
                reasons.add(entity.path("entity_type").asText("?") + " " + error.path("error_code").asText("?") + " "
                        + error.path("error_description").asText("") + (error.hasNonNull("possible_solution")
                        ? " (" + error.path("possible_solution").asText() + ")" : ""));
            }
        }
        return String.join("; ", reasons);
    }

    private CheckResult subscription() {
        MetaAccountProbe.Answer answer = meta.subscribedApps();
        if (!answer.ok()) {
            return CheckResult.failed("webhook-subscription", "the app subscriptions of business account "
                    + graph.businessAccountId() + " could not be read: " + answer.error());
        }
        return answer.body().path("data").isEmpty()
                ? CheckResult.failed("webhook-subscription", "no app is subscribed to business account "
                + graph.businessAccountId() + ": POST /" + graph.businessAccountId() + "/subscribed_apps with the app's token")
                : CheckResult.ok("webhook-subscription", "subscribed: " + answer.body().path("data").get(0)
                .path("whatsapp_business_api_data").path("name").asText("an app"));
    }

    private CheckResult verificationHandshake() {
        String challenge = UUID.randomUUID().toString();
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(ownWebhook("?hub.mode=subscribe&hub.verify_token="
                            + URLEncoder.encode(webhook.verifyToken(), StandardCharsets.UTF_8) + "&hub.challenge=" + challenge))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 && challenge.equals(answer.body())
                    ? CheckResult.ok("webhook-verification", "GET /webhook/whatsapp answers Meta's handshake with the verify token")
                    : CheckResult.failed("webhook-verification", "the handshake answered " + answer.statusCode());
        } catch (java.io.IOException e) {
            return CheckResult.failed("webhook-verification", "the service's own webhook endpoint could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.failed("webhook-verification", "interrupted");
        }
    }

    /** A delivery with no entries: signed as Meta signs, stored like any other, and it changes nothing. */
    private CheckResult signedDelivery() {
        byte[] body = "{\"object\":\"whatsapp_business_account\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(ownWebhook(""))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("X-Hub-Signature-256", new WebhookSignature(webhook.appSecret()).sign(body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200
                    ? CheckResult.ok("webhook-intake", "a delivery signed with the app secret is verified and stored")
                    : CheckResult.failed("webhook-intake", "a signed delivery was answered " + answer.statusCode());
        } catch (java.io.IOException e) {
            return CheckResult.failed("webhook-intake", "the service's own webhook endpoint could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.failed("webhook-intake", "interrupted");
        }
    }

    private CheckResult templates() {
        long approved = templates.all().stream().filter(TemplateCatalog.Template::approved).count();
        long all = templates.all().size();
        return approved == 0
                ? CheckResult.warning("templates", all + " templates synced, none approved: campaigns and replies to "
                + "closed windows need an approved template")
                : CheckResult.ok("templates", approved + " approved of " + all + " synced");
    }

    private URI ownWebhook(String query) {
        return URI.create("http://127.0.0.1:" + localPort.getAsInt() + "/webhook/whatsapp" + query);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
