package ke.co.datacare.whatsapp.command.webhook;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.conversation.DeliveryStatus;
import ke.co.datacare.whatsapp.api.conversation.ImportConversationHistory;
import ke.co.datacare.whatsapp.api.conversation.InboundMessage;
import ke.co.datacare.whatsapp.api.conversation.MessageContext;
import ke.co.datacare.whatsapp.api.conversation.Pricing;
import ke.co.datacare.whatsapp.api.conversation.Referral;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads every update of a Meta webhook body, leniently: every entry, change, message, status and
 * error; every message type, unknown ones kept with their raw JSON; unknown fields recorded as
 * account updates. Only a body that is not an envelope at all is refused.
 */
class WebhookParser {

    static final String OBJECT = "whatsapp_business_account";
    private static final long MAX_EPOCH_SECONDS = 100_000_000_000L;
    private static final int MAX_IDENTITY = 64;
    private static final int MAX_NAME = 256;
    private static final int MAX_TYPE = 32;
    private static final int MAX_ID = 128;
    private static final int MAX_WAMID = 256;
    private static final int MAX_FILENAME = 512;
    private static final int MAX_ERROR_TITLE = 512;
    private static final int MAX_ERROR_DETAILS = 2000;
    private static final int MAX_CATEGORY = 64;

    private final ObjectMapper json;

    WebhookParser(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Checks, on the request thread, that the body is well-formed JSON with the envelope's shape, by
     * streaming over its tokens without building a tree.
     */
    void checkEnvelope(byte[] body) throws IOException {
        try (JsonParser parser = json.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new NotAWebhookException("the body is not a JSON object");
            }
            boolean objectMatches = false;
            boolean entryIsArray = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("object".equals(field)) {
                    objectMatches = value == JsonToken.VALUE_STRING && OBJECT.equals(parser.getText());
                } else if ("entry".equals(field)) {
                    entryIsArray = value == JsonToken.START_ARRAY;
                }
                parser.skipChildren();
            }
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "trailing content after the JSON object");
            }
            if (!objectMatches) {
                throw new NotAWebhookException("'object' must be '" + OBJECT + "'");
            }
            if (!entryIsArray) {
                throw new NotAWebhookException("'entry' must be an array");
            }
        }
    }

    JsonNode readEnvelope(byte[] body) throws IOException {
        JsonNode root = json.readTree(body);
        if (root == null || !root.isObject()) {
            throw new NotAWebhookException("the body is not a JSON object");
        }
        if (!OBJECT.equals(root.path("object").asText())) {
            throw new NotAWebhookException("'object' must be '" + OBJECT + "'");
        }
        if (!root.path("entry").isArray()) {
            throw new NotAWebhookException("'entry' must be an array");
        }
        return root;
    }

    List<WebhookItem> parse(byte[] body, Instant receivedAt) throws IOException {
        JsonNode root = readEnvelope(body);
        List<WebhookItem> items = new ArrayList<>();
        for (JsonNode entry : root.path("entry")) {
            String accountId = text(entry, "id");
            Instant entryTime = epochSeconds(entry.path("time")).orElse(receivedAt);
            for (JsonNode change : entry.path("changes")) {
                parseChange(accountId, change.path("field").asText(""), change.path("value"), entryTime, items);
            }
        }
        return items;
    }

    private void parseChange(String accountId, String field, JsonNode value, Instant at, List<WebhookItem> items)
            throws JsonProcessingException {
        switch (field) {
            case "messages" -> parseMessagesValue(accountId, value, at, items);
            case "message_template_status_update" -> items.add(new WebhookItem.TemplateStatus(
                    value.path("message_template_id").asLong(), text(value, "message_template_name"),
                    text(value, "message_template_language"),
                    Optional.ofNullable(text(value, "event")).orElse("UNKNOWN"), text(value, "reason"), at));
            case "user_preferences" -> parseUserPreferences(value, at, items);
            case "smb_message_echoes" -> parseEchoes(value, at, items);
            case "history" -> parseHistory(accountId, value, at, items);
            case "template_category_update", "message_template_quality_update", "phone_number_quality_update",
                 "business_capability_update" -> items.add(new WebhookItem.Notice(AccountNotices.of(accountId, field, value, at), at));
            default -> items.add(new WebhookItem.AccountUpdate(accountId, field, json.writeValueAsString(value), at));
        }
    }

    private void parseMessagesValue(String accountId, JsonNode value, Instant at, List<WebhookItem> items)
            throws JsonProcessingException {
        String phoneNumberId = text(value.path("metadata"), "phone_number_id");
        JsonNode contacts = value.path("contacts");
        for (JsonNode message : value.path("messages")) {
            WebhookItem.Inbound inbound = inbound(phoneNumberId, contacts, message, at);
            items.add(inbound);
            marketingChoice(message).ifPresent(optedOut -> items.add(
                    new WebhookItem.MarketingPreference(phoneNumberId, inbound.sender(), optedOut, inbound.sentAt())));
        }
        for (JsonNode status : value.path("statuses")) {
            Optional<WebhookItem> known = status(phoneNumberId, contacts, status, at);
            if (known.isPresent()) {
                items.add(known.get());
            } else {
                items.add(new WebhookItem.AccountUpdate(accountId, "statuses", json.writeValueAsString(status), at));
            }
        }
        if (value.path("errors").isArray() && !value.path("errors").isEmpty()) {
            items.add(new WebhookItem.Errors(accountId, phoneNumberId, json.writeValueAsString(value.path("errors")), at));
        }
        if (value.path("user_preferences").isArray()) {
            parseUserPreferences(value, at, items);
        }
    }

    /**
     * Coexistence: what staff typed on the WhatsApp Business app. An echo has a customer message's shape, from our
     * number {@code to} the customer.
     */
    private void parseEchoes(JsonNode value, Instant at, List<WebhookItem> items) throws JsonProcessingException {
        String phoneNumberId = text(value.path("metadata"), "phone_number_id");
        for (JsonNode echo : value.path("message_echoes")) {
            WebhookItem.Sender customer = new WebhookItem.Sender(identity(text(echo, "to")),
                    identity(text(echo, "to_user_id")), null);
            items.add(new WebhookItem.Echo(phoneNumberId, customer, capped(text(echo, "id"), MAX_WAMID),
                    epochSeconds(echo.path("timestamp")).orElse(at), content(echo)));
        }
    }

    /**
     * Coexistence: a chunk of the WhatsApp Business app's chat history, one item per customer thread. A message is the
     * business's when it is not from the thread's customer. A declined or failed history ({@code errors}) is kept as an
     * account update.
     */
    private void parseHistory(String accountId, JsonNode value, Instant at, List<WebhookItem> items)
            throws JsonProcessingException {
        String phoneNumberId = text(value.path("metadata"), "phone_number_id");
        for (JsonNode part : value.path("history")) {
            JsonNode metadata = part.path("metadata");
            String chunk = metadata.path("phase").asText("0") + "/" + metadata.path("chunk_order").asText("0");
            for (JsonNode thread : part.path("threads")) {
                String customer = identity(text(thread, "id"));
                List<ImportConversationHistory.HistoricalMessage> messages = new ArrayList<>();
                for (JsonNode message : thread.path("messages")) {
                    historical(customer, message, at).ifPresent(messages::add);
                }
                if (customer != null && !messages.isEmpty()) {
                    items.add(new WebhookItem.History(phoneNumberId, new WebhookItem.Sender(customer, null, null),
                            chunk, List.copyOf(messages)));
                }
            }
            if (part.path("errors").isArray() && !part.path("errors").isEmpty()) {
                items.add(new WebhookItem.AccountUpdate(accountId, "history", json.writeValueAsString(part), at));
            }
        }
    }

    private Optional<ImportConversationHistory.HistoricalMessage> historical(String customer, JsonNode message,
                                                                             Instant at) throws JsonProcessingException {
        String wamid = capped(text(message, "id"), MAX_WAMID);
        if (wamid == null) {
            return Optional.empty();
        }
        String from = identity(text(message, "from"));
        boolean fromBusiness = from != null && !from.equals(customer);
        String status = capped(text(message.path("history_context"), "status"), MAX_TYPE);
        return Optional.of(new ImportConversationHistory.HistoricalMessage(wamid, fromBusiness,
                epochSeconds(message.path("timestamp")).orElse(at), content(message),
                fromBusiness && status != null ? status.toLowerCase(java.util.Locale.ROOT) : null));
    }

    /** A system message of type {@code user_preference_changed} carries a marketing stop or resume. */
    private static Optional<Boolean> marketingChoice(JsonNode message) {
        JsonNode system = message.path("system");
        if (!"system".equals(message.path("type").asText()) || !"user_preference_changed".equals(system.path("type").asText())) {
            return Optional.empty();
        }
        String choice = system.path("marketing").asText("");
        return choice.equals("stop") ? Optional.of(true) : choice.equals("resume") ? Optional.of(false) : Optional.empty();
    }

    private void parseUserPreferences(JsonNode value, Instant at, List<WebhookItem> items) {
        String phoneNumberId = text(value.path("metadata"), "phone_number_id");
        for (JsonNode preference : value.path("user_preferences")) {
            if (!"marketing_messages".equals(preference.path("category").asText("marketing_messages"))) {
                continue;
            }
            String choice = preference.path("value").asText("");
            if (!choice.equals("stop") && !choice.equals("resume")) {
                continue;
            }
            WebhookItem.Sender sender = new WebhookItem.Sender(identity(text(preference, "wa_id")),
                    identity(text(preference, "user_id")), null);
            Instant when = epochSeconds(preference.path("timestamp")).orElse(at);
            items.add(new WebhookItem.MarketingPreference(phoneNumberId, sender, choice.equals("stop"), when));
        }
    }

    private WebhookItem.Inbound inbound(String phoneNumberId, JsonNode contacts, JsonNode message, Instant at)
            throws JsonProcessingException {
        String from = text(message, "from");
        String fromUserId = text(message, "from_user_id");
        JsonNode contact = matchingContact(contacts, from, fromUserId);
        String fromParent = text(message, "from_parent_user_id");
        WebhookItem.Sender sender = new WebhookItem.Sender(
                identity(from != null ? from : text(contact, "wa_id")),
                identity(fromUserId != null ? fromUserId : text(contact, "user_id")),
                capped(text(contact.path("profile"), "name"), MAX_NAME),
                capped(text(contact.path("profile"), "username"), MAX_NAME),
                identity(fromParent != null ? fromParent : text(contact, "parent_user_id")));
        return new WebhookItem.Inbound(phoneNumberId, sender, capped(text(message, "id"), MAX_WAMID),
                epochSeconds(message.path("timestamp")).orElse(at), content(message), context(message.path("context")),
                referral(message.path("referral")));
    }

    private static JsonNode matchingContact(JsonNode contacts, String waId, String userId) {
        for (JsonNode contact : contacts) {
            if ((waId != null && waId.equals(text(contact, "wa_id")))
                    || (userId != null && userId.equals(text(contact, "user_id")))) {
                return contact;
            }
        }
        return contacts.size() == 1 ? contacts.get(0) : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    InboundMessage content(JsonNode message) throws JsonProcessingException {
        String type = message.path("type").asText("");
        JsonNode body = message.path(type);
        return switch (type) {
            case "text" -> new InboundMessage.Text(text(body, "body"));
            case "image", "video", "audio", "document", "sticker" -> new InboundMessage.Media(type,
                    capped(text(body, "id"), MAX_ID), capped(text(body, "mime_type"), MAX_ID),
                    capped(text(body, "sha256"), MAX_ID), text(body, "caption"), capped(text(body, "filename"), MAX_FILENAME),
                    body.path("voice").asBoolean(false), body.path("animated").asBoolean(false));
            case "location" -> new InboundMessage.Location(body.path("latitude").asDouble(),
                    body.path("longitude").asDouble(), text(body, "name"), text(body, "address"), text(body, "url"));
            case "contacts" -> new InboundMessage.ContactCards(contactCards(message.path("contacts")));
            case "button" -> new InboundMessage.QuickReply(text(body, "payload"), text(body, "text"));
            case "interactive" -> interactive(message, body);
            case "reaction" -> new InboundMessage.Reaction(capped(text(body, "message_id"), MAX_WAMID),
                    capped(text(body, "emoji"), MAX_TYPE));
            case "order" -> new InboundMessage.Order(text(body, "catalog_id"), text(body, "text"), orderItems(body));
            case "system" -> new InboundMessage.SystemNotice(text(body, "type"), text(body, "body"),
                    Optional.ofNullable(text(body, "wa_id")).orElse(text(body, "new_wa_id")));
            case "unsupported" -> unsupported(message);
            case "revoke" -> new InboundMessage.Revoke(text(body, "original_message_id"));
            case "edit" -> new InboundMessage.Edit(text(body, "original_message_id"),
                    text(body.path("message").path("text"), "body"), json.writeValueAsString(body));
            default -> new InboundMessage.Unknown(capped(type.replace("\u0000", ""), MAX_TYPE),
                    json.writeValueAsString(message));
        };
    }

    private InboundMessage interactive(JsonNode message, JsonNode body) throws JsonProcessingException {
        String kind = body.path("type").asText("");
        JsonNode reply = body.path(kind);
        return switch (kind) {
            case "button_reply", "list_reply" -> new InboundMessage.InteractiveReply(kind, text(reply, "id"),
                    text(reply, "title"), text(reply, "description"));
            case "nfm_reply" -> new InboundMessage.FlowResponse(text(reply, "name"), text(reply, "body"),
                    text(reply, "response_json"));
            default -> new InboundMessage.Unknown("interactive", json.writeValueAsString(message));
        };
    }

    private static InboundMessage unsupported(JsonNode message) {
        JsonNode error = message.path("errors").path(0);
        Integer code = error.has("code") ? error.path("code").asInt() : null;
        String title = Optional.ofNullable(text(error, "title")).orElse(text(error, "message"));
        return new InboundMessage.Unsupported(code, title);
    }

    private static List<InboundMessage.ContactCard> contactCards(JsonNode cards) {
        List<InboundMessage.ContactCard> result = new ArrayList<>();
        for (JsonNode card : cards) {
            List<String> phones = new ArrayList<>();
            for (JsonNode phone : card.path("phones")) {
                Optional.ofNullable(text(phone, "phone")).or(() -> Optional.ofNullable(text(phone, "wa_id")))
                        .ifPresent(phones::add);
            }
            result.add(new InboundMessage.ContactCard(text(card.path("name"), "formatted_name"), phones));
        }
        return result;
    }

    private static List<InboundMessage.OrderItem> orderItems(JsonNode order) {
        List<InboundMessage.OrderItem> items = new ArrayList<>();
        for (JsonNode item : order.path("product_items")) {
            items.add(new InboundMessage.OrderItem(text(item, "product_retailer_id"), item.path("quantity").asInt(),
                    price(item),
                    text(item, "currency")));
        }
        return items;
    }

    private static MessageContext context(JsonNode context) {
        if (!context.isObject()) {
            return null;
        }
        JsonNode product = context.path("referred_product");
        return new MessageContext(capped(text(context, "id"), MAX_WAMID), context.path("forwarded").asBoolean(false),
                context.path("frequently_forwarded").asBoolean(false), text(product, "catalog_id"),
                text(product, "product_retailer_id"));
    }

    private static Referral referral(JsonNode referral) {
        if (!referral.isObject()) {
            return null;
        }
        return new Referral(text(referral, "source_url"), text(referral, "source_id"), text(referral, "source_type"),
                text(referral, "headline"), text(referral, "body"), text(referral, "media_type"),
                text(referral, "ctwa_clid"));
    }

    /**
     * A status of our message. Since the username changes of 2026 a delivered or read status may name the recipient's
     * parent business-scoped id and carry {@code contacts[]} with their username, which the contact keeps as from a
     * message.
     */
    private static Optional<WebhookItem> status(String phoneNumberId, JsonNode contacts, JsonNode status, Instant at) {
        Optional<DeliveryStatus> kind = DeliveryStatus.fromMeta(text(status, "status"));
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        JsonNode error = status.path("errors").path(0);
        Integer code = error.has("code") ? error.path("code").asInt() : null;
        JsonNode pricing = status.path("pricing");
        Pricing price = pricing.isObject() ? new Pricing(pricing.has("billable") ? pricing.path("billable").asBoolean() : null,
                capped(text(pricing, "pricing_model"), MAX_CATEGORY), capped(text(pricing, "category"), MAX_CATEGORY),
                capped(text(pricing, "type"), MAX_CATEGORY), Markets.of(text(status, "recipient_id"))) : null;
        String waId = identity(text(status, "recipient_id"));
        String userId = identity(text(status, "recipient_user_id"));
        JsonNode contact = contacts.isArray() && !contacts.isEmpty() ? matchingContact(contacts, waId, userId)
                : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        WebhookItem.Sender recipient = new WebhookItem.Sender(waId, userId, null,
                capped(text(contact.path("profile"), "username"), MAX_NAME),
                identity(Optional.ofNullable(text(status, "recipient_parent_user_id"))
                        .orElse(text(contact, "parent_user_id"))));
        return Optional.of(new WebhookItem.Status(phoneNumberId, recipient, capped(text(status, "id"), MAX_WAMID), kind.get(),
                epochSeconds(status.path("timestamp")).orElse(at), code,
                capped(Optional.ofNullable(text(error, "title")).orElse(text(error, "message")), MAX_ERROR_TITLE),
                capped(text(error.path("error_data"), "details"), MAX_ERROR_DETAILS), price));
    }

    /** Unix seconds, as a string or a number; anything outside year 1970 to 5138 is no time at all. */
    static Optional<Instant> epochSeconds(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            long seconds = node.asLong();
            return seconds >= 0 && seconds < MAX_EPOCH_SECONDS ? Optional.of(Instant.ofEpochSecond(seconds)) : Optional.empty();
        }
        if (node.isTextual() && node.asText().matches("\\d{1,12}")) {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(node.asText())));
        }
        return Optional.empty();
    }

    /**
     * A field's text; NUL characters, which no text column can hold and no person types, are dropped (the raw
     * body keeps them).
     */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText().replace("\u0000", "") : null;
    }

    /**
     * At most {@code max} characters, what the read models hold: Meta's names, ids and file names are far shorter,
     * so only a malformed body is cut, and its raw form stays in the inbox.
     */
    private static String capped(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    /** Meta's ids of a person (digits, or a country code and digits); anything longer is not an identity. */
    private static String identity(String value) {
        return value == null || value.length() > MAX_IDENTITY ? null : value;
    }

    private static BigDecimal price(JsonNode item) {
        JsonNode price = item.path("item_price");
        if (price.isNumber()) {
            return price.decimalValue();
        }
        try {
            return price.isTextual() ? new BigDecimal(price.asText().trim()) : null;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
