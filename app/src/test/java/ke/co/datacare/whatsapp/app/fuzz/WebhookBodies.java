package ke.co.datacare.whatsapp.app.fuzz;

import ke.co.datacare.whatsapp.app.fuzz.Json.Obj;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static ke.co.datacare.whatsapp.app.fuzz.Json.arr;
import static ke.co.datacare.whatsapp.app.fuzz.Json.obj;

/**
 * jqwik generators of what could reach the webhook: structurally valid Meta webhooks of every kind (see the
 * facts sheet on the Cloud API, sections 1 and 2), the same garbled in many ways, other JSON, non-JSON and
 * random bytes; signed well, badly or not at all, under various content types.
 */
final class WebhookBodies {

    /**
     * Inputs that break the service today (see bench/FUZZ.md, "Known defects"). They are left out of the
     * default run so that the suite stays green, and come back with {@code -Dfuzz.knownDefects=true}:
     * <ol>
     *   <li>numeric timestamps beyond what {@link java.time.Instant} holds: the dispatcher fails on the body
     *       (DateTimeException in WebhookParser.epochSeconds) and parks it after its retries;</li>
     *   <li>U+0000 in a text: PostgreSQL refuses it in timeline_message, the inbox projection's batch
     *       fails and its segment stops advancing;</li>
     *   <li>values longer than their read-model column (a profile name over 256 characters, a wa_id
     *       over 63, an unknown message type over 32): the same, in contact_view and timeline_message;</li>
     *   <li>a Content-Type that does not parse: 415 problem+json without our {@code code};</li>
     *   <li>multipart/form-data: refused with 400 before the signature is checked, so a bad signature
     *       does not get its 401;</li>
     *   <li>an order item whose item_price is not a number ("", "KES 1,500", true): the dispatcher fails on the
     *       body (NumberFormatException in WebhookParser.orderItems) and parks it after its retries;</li>
     *   <li>a message_template_status_update whose event is missing or null: the dispatcher fails on the
     *       body (null status violates message_template's not-null constraint) and parks it;</li>
     *   <li>a body over the size limit: the 413 is sent before the body is read, the connection is closed
     *       under the rest of the upload, and now and then the client gets no answer at all (the test then
     *       counts "no answer" instead of failing).</li>
     * </ol>
     */
    static final boolean KNOWN_DEFECTS = Boolean.getBoolean("fuzz.knownDefects");

    /** The largest body the service takes (datacare.webhook.max-body-size, 3,584 KiB). */
    static final int MAX_BODY = 3584 * 1024;

    private WebhookBodies() {
    }

    /** A generated part of a webhook with the name of what it carries. */
    record Part(Object tree, String kind) {
    }

    /** A body ready to send, with the name of its kind. */
    record Body(String kind, byte[] bytes) {
    }

    // ---------------------------------------------------------------- what is sent

    static Arbitrary<Delivery> deliveries() {
        Arbitrary<Body> bodies = Arbitraries.frequencyOf(
                Tuple.of(550, wellFormed()),
                Tuple.of(330, mutated()),
                Tuple.of(60, otherBodies()),
                Tuple.of(59, randomBytes()),
                Tuple.of(1, oversized()));
        // no edge cases: jqwik would otherwise inject the few edge cases of each alternative (such as the
        // oversized bodies) far more often than their frequency says, the more so the longer the run
        return Combinators.combine(bodies, signings(), contentTypes())
                .as((body, signing, contentType) -> new Delivery(body.kind(), body.bytes(), signing, contentType))
                .withoutEdgeCases();
    }

    static Arbitrary<Delivery.Signing> signings() {
        return Arbitraries.frequencyOf(
                Tuple.of(80, Arbitraries.just(Delivery.Signing.VALID)),
                Tuple.of(4, Arbitraries.just(Delivery.Signing.VALID_UPPER_CASE)),
                Tuple.of(4, Arbitraries.just(Delivery.Signing.WRONG_SECRET)),
                Tuple.of(3, Arbitraries.just(Delivery.Signing.OF_ANOTHER_BODY)),
                Tuple.of(4, Arbitraries.just(Delivery.Signing.MISSING)),
                Tuple.of(3, Arbitraries.just(Delivery.Signing.NOT_HEX)),
                Tuple.of(2, Arbitraries.just(Delivery.Signing.OTHER_ALGORITHM)));
    }

    /** Meta sends application/json; the rest probes what the servlet stack does with other claims. "" = none. */
    static Arbitrary<String> contentTypes() {
        return Arbitraries.frequencyOf(
                Tuple.of(86, Arbitraries.just("application/json")),
                Tuple.of(4, Arbitraries.just("application/json; charset=utf-8")),
                Tuple.of(2, Arbitraries.just("")),
                Tuple.of(2, Arbitraries.just("text/plain")),
                Tuple.of(1, Arbitraries.just("application/octet-stream")),
                Tuple.of(1, Arbitraries.just("application/xml")),
                Tuple.of(1, Arbitraries.just("application/x-www-form-urlencoded")),
                // known defects 4 and 5
                Tuple.of(KNOWN_DEFECTS ? 1 : 0, Arbitraries.just("multipart/form-data")),
                Tuple.of(KNOWN_DEFECTS ? 1 : 0, Arbitraries.just("multipart/form-data; boundary=xyz")),
                Tuple.of(KNOWN_DEFECTS ? 1 : 0, Arbitraries.just("not a media type")));
    }

    static Arbitrary<Body> wellFormed() {
        return Combinators.combine(webhooks(), Arbitraries.of(true, false)).as((webhook, escaped) ->
                new Body("webhook." + webhook.kind() + (escaped ? " (\\u escapes)" : ""),
                        Json.write(webhook.tree(), escaped).getBytes(StandardCharsets.UTF_8)));
    }

    static Arbitrary<Body> mutated() {
        Arbitrary<Integer> choice = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        return Combinators.combine(webhooks(), Arbitraries.of(Mutation.values()), choice, choice, Arbitraries.of(true, false))
                .as((webhook, mutation, a, b, escaped) ->
                        new Body("mutated." + mutation.name().toLowerCase(), mutation.apply(webhook.tree(), escaped, a, b)));
    }

    static Arbitrary<Body> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(4096).map(bytes -> new Body("random-bytes", bytes));
    }

    static Arbitrary<Body> oversized() {
        return Arbitraries.integers().between(MAX_BODY + 1, MAX_BODY + 200_000).withoutEdgeCases().map(size -> {
            String head = "{\"object\":\"whatsapp_business_account\",\"entry\":[],\"padding\":\"";
            String text = head + "x".repeat(Math.max(0, size - head.length() - 2)) + "\"}";
            return new Body("oversized", text.getBytes(StandardCharsets.UTF_8));
        });
    }

    /** JSON that is not an envelope, envelopes of odd shape, and text that is not JSON at all. */
    static Arbitrary<Body> otherBodies() {
        return Arbitraries.of(
                "", " ", "this is not json", "hub.mode=subscribe&a=b", "<xml><entry/></xml>", "null", "true", "42",
                "\"whatsapp_business_account\"", "[]", "[{\"object\":\"whatsapp_business_account\",\"entry\":[]}]", "{}",
                "{\"object\":\"page\",\"entry\":[]}", "{\"object\":\"whatsapp_business_account\"}",
                "{\"object\":\"whatsapp_business_account\",\"entry\":{}}", "{\"object\":\"whatsapp_business_account\",\"entry\":null}",
                "{\"object\":null,\"entry\":[]}", "{\"object\":123,\"entry\":[]}", "{\"entry\":[]}",
                "{\"object\":\"WHATSAPP_BUSINESS_ACCOUNT\",\"entry\":[]}",
                "{\"object\":\"whatsapp_business_account\",\"entry\":[]}",
                "{\"object\":\"whatsapp_business_account\",\"entry\":[1,\"x\",null,[],{}]}",
                "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":{}}]}",
                "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[null,1,{\"field\":null,\"value\":null}]}]}",
                "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":[]}]}]}",
                "{\"object\":\"whatsapp_business_account\",\"entry\":[]} trailing",
                "{\"object\":\"whatsapp_business_account\",\"entry\":[]}{\"object\":\"whatsapp_business_account\",\"entry\":[]}",
                "{\"object\":\"whatsapp_business_account\",\"entry\":[]", "{\"object\":\"whatsapp_business_account\",\"entry\":[],}",
                "{'object':'whatsapp_business_account','entry':[]}", "{\"object\":\"whatsapp_business_account\",/*c*/\"entry\":[]}",
                "{\"object\":\"whatsapp_business_account\",\"entry\":[NaN]}")
                .map(text -> new Body("other-body", text.getBytes(StandardCharsets.UTF_8)));
    }

    // ---------------------------------------------------------------- well-formed webhooks

    static Arbitrary<Part> webhooks() {
        Arbitrary<Part> entry = Combinators.combine(change().list().ofMinSize(1).ofMaxSize(2),
                        sloppy(Arbitraries.of("220000000000002", "220000000000003")), entryTime())
                .as((changes, id, time) -> new Part(obj().putIfPresent("id", id).putIfPresent("time", time)
                        .put("changes", trees(changes)), label(changes)));
        return entry.list().ofMinSize(1).ofMaxSize(2).map(entries -> new Part(obj()
                .put("object", "whatsapp_business_account").put("entry", trees(entries)), label(entries)));
    }

    private static List<Object> trees(List<Part> parts) {
        return parts.stream().map(Part::tree).collect(Collectors.toCollection(ArrayList::new));
    }

    private static String label(List<Part> parts) {
        TreeSet<String> kinds = parts.stream().map(Part::kind).collect(Collectors.toCollection(TreeSet::new));
        return parts.size() == 1 ? kinds.first() : "batch";
    }

    static Arbitrary<Part> change() {
        return Arbitraries.frequencyOf(
                Tuple.of(50, messagesChange()),
                Tuple.of(25, statusesChange()),
                Tuple.of(5, templateStatusChange()),
                Tuple.of(4, userPreferencesChange()),
                Tuple.of(3, valueErrorsChange()),
                Tuple.of(4, otherFieldChange()),
                Tuple.of(2, Arbitraries.of("messages", "statuses", "").map(field ->
                        new Part(obj().put("field", field).put("value", obj()), "field.empty-value"))));
    }

    private static Obj metadata(Object phoneNumberId) {
        return obj().put("display_phone_number", "254700000001").putIfPresent("phone_number_id", phoneNumberId);
    }

    private static Arbitrary<Object> phoneNumberIds() {
        return sloppy(Arbitraries.of("110000000000001", "110000000000001", "110000000000009"));
    }

    // -- messages

    /** A customer: a phone number, a business-scoped user id, or both (from April 2026 a user id may come alone). */
    record Who(Object waId, Object userId, Object name) {
    }

    static Arbitrary<Who> who() {
        Arbitrary<Object> phones = Arbitraries.frequencyOf(
                Tuple.of(95, Arbitraries.strings().numeric().ofLength(9).map(digits -> "254" + digits)),
                Tuple.of(5, Arbitraries.of("", " ", "+254712345678", "0712345678", "not-a-number",
                        "2".repeat(KNOWN_DEFECTS ? 64 : 40)))); // known defect 3
        Arbitrary<Object> userIds = Arbitraries.strings().numeric().ofMinLength(10).ofMaxLength(20).map(digits -> "KE." + digits);
        Arbitrary<Object> names = sloppy(texts().map(text -> text));
        return Arbitraries.frequencyOf(
                Tuple.of(60, Combinators.combine(phones, names).as((phone, name) -> new Who(phone, null, name))),
                Tuple.of(20, Combinators.combine(userIds, names).as((user, name) -> new Who(null, user, name))),
                Tuple.of(15, Combinators.combine(phones, userIds, names).as(Who::new)),
                Tuple.of(5, names.map(name -> new Who(null, null, name))));
    }

    record Message(Who who, Obj tree, String kind) {
    }

    static Arbitrary<Part> messagesChange() {
        return Combinators.combine(message().list().ofMinSize(1).ofMaxSize(3), phoneNumberIds(),
                        Arbitraries.of(true, true, true, false))
                .as((messages, phoneNumberId, withContacts) -> {
                    Obj value = obj().put("messaging_product", "whatsapp").put("metadata", metadata(phoneNumberId));
                    if (withContacts) {
                        List<Object> contacts = new ArrayList<>();
                        for (Message message : messages) {
                            contacts.add(obj().put("profile", obj().putIfPresent("name", message.who().name()))
                                    .putIfPresent("wa_id", message.who().waId()).putIfPresent("user_id", message.who().userId()));
                        }
                        value.put("contacts", contacts);
                    }
                    value.put("messages", messages.stream().map(Message::tree).collect(Collectors.toCollection(ArrayList::new)));
                    String kind = messages.size() == 1 ? messages.get(0).kind() : "batch";
                    return new Part(obj().put("field", "messages").put("value", value), kind);
                });
    }

    static Arbitrary<Message> message() {
        return Combinators.combine(who(), wamids(), timestamps(), content(), context(), referral())
                .as((who, wamid, timestamp, content, context, referral) -> {
                    Obj message = obj().putIfPresent("from", who.waId()).putIfPresent("from_user_id", who.userId())
                            .putIfPresent("id", wamid).putIfPresent("timestamp", timestamp);
                    ((Obj) content.tree()).members.forEach(member -> message.put(member.getKey(), member.getValue()));
                    message.putIfPresent("context", context).putIfPresent("referral", referral);
                    return new Message(who, message, content.kind());
                });
    }

    static Arbitrary<Object> wamids() {
        return sloppy(Arbitraries.strings().withCharRange('A', 'Z').withCharRange('a', 'z').numeric()
                .ofMinLength(8).ofMaxLength(40).map(id -> "wamid.HBgM" + id + "=="));
    }

    /** Meta's Unix seconds as a string, and everything else a timestamp field could hold. */
    static Arbitrary<Object> timestamps() {
        Arbitrary<Long> recent = Arbitraries.longs().between(1_700_000_000L, 1_800_000_000L);
        return Arbitraries.frequencyOf(
                Tuple.of(75, recent.map(String::valueOf)),
                Tuple.of(5, recent.map(seconds -> (Object) seconds)),
                Tuple.of(2, Arbitraries.longs().between(-99_999_999_999L, -1L).map(String::valueOf)),
                Tuple.of(2, Arbitraries.longs().between(-99_999_999_999L, -1L).map(seconds -> (Object) seconds)),
                Tuple.of(2, Arbitraries.of("999999999999", "0", "00000000001764057600", "99999999999999999999999")),
                Tuple.of(2, Arbitraries.of("", "yesterday", "1764057600.5", "1.7e9", " 1764057600", "-0")),
                Tuple.of(2, Arbitraries.of(1.7640576e9, -1.5, 0.0)),
                Tuple.of(2, Arbitraries.just(null)),
                Tuple.of(2, Arbitraries.just(Json.NULL)),
                Tuple.of(2, Arbitraries.of(true, obj(), arr())),
                Tuple.of(KNOWN_DEFECTS ? 2 : 0, hugeNumericTimestamps())); // known defect 1
    }

    /** Numbers of seconds beyond what {@link java.time.Instant} can hold. */
    static Arbitrary<Object> hugeNumericTimestamps() {
        return Arbitraries.of(99_999_999_999_999_999L, Long.MAX_VALUE, Long.MIN_VALUE, -99_999_999_999_999_999L,
                new BigInteger("123456789012345678901234567890"), 1.0e300);
    }

    static Arbitrary<Part> content() {
        Arbitrary<Object> text = sloppy(texts().map(value -> value));
        Arbitrary<Object> longText = Arbitraries.strings().alpha().ofMinLength(1000).ofMaxLength(20_000).map(value -> value);
        Arbitrary<Part> textMessage = Arbitraries.frequencyOf(Tuple.of(95, text), Tuple.of(5, longText))
                .map(body -> part("text", obj().putIfPresent("body", body)));
        Arbitrary<Part> media = Combinators.combine(Arbitraries.of("image", "video", "audio", "document", "sticker"),
                        Arbitraries.strings().numeric().ofMinLength(10).ofMaxLength(17), text, text, Arbitraries.of(true, false, false))
                .as((type, id, caption, filename, flag) -> part(type, obj().put("id", id)
                        .put("mime_type", type.equals("audio") ? "audio/ogg; codecs=opus" : type + "/jpeg")
                        .put("sha256", "Uf0gGzAs3PZLU2cMmY6VOo6LYzQ6+C9Ss6kmtCDM3sQ=").putIfPresent("caption", caption)
                        .putIfPresent(type.equals("document") ? "filename" : "x", type.equals("document") ? filename : null)
                        .put(type.equals("sticker") ? "animated" : "voice", flag)));
        Arbitrary<Object> coordinate = Arbitraries.frequencyOf(
                Tuple.of(90, Arbitraries.doubles().between(-90, 90).map(value -> (Object) value)),
                Tuple.of(10, Arbitraries.of("-1.2921", "north", 1e308, Json.NULL, true)));
        Arbitrary<Part> location = Combinators.combine(coordinate, coordinate, text, text)
                .as((latitude, longitude, name, address) -> part("location", obj().put("latitude", latitude)
                        .put("longitude", longitude).putIfPresent("name", name).putIfPresent("address", address)));
        Arbitrary<Part> contacts = Combinators.combine(text, who()).as((name, who) -> new Part(obj().put("type", "contacts")
                .put("contacts", arr(obj().put("name", obj().putIfPresent("formatted_name", name))
                        .put("phones", arr(obj().putIfPresent("phone", who.waId()).putIfPresent("wa_id", who.waId())
                                .put("type", "CELL"))))), "message.contacts"));
        Arbitrary<Part> button = Combinators.combine(text, text)
                .as((payload, label) -> part("button", obj().putIfPresent("payload", payload).putIfPresent("text", label)));
        Arbitrary<Part> replies = Combinators.combine(Arbitraries.of("button_reply", "list_reply"), text, text, text)
                .as((kind, id, title, description) -> new Part(obj().put("type", "interactive").put("interactive",
                        obj().put("type", kind).put(kind, obj().putIfPresent("id", id).putIfPresent("title", title)
                                .putIfPresent("description", description))), "message.interactive." + kind));
        Arbitrary<Part> flow = Combinators.combine(texts(), texts(), Arbitraries.of(true, false), sloppy(Arbitraries.of("flow")))
                .as((county, body, escaped, name) -> new Part(obj().put("type", "interactive").put("interactive", obj()
                        .put("type", "nfm_reply").put("nfm_reply", obj()
                                .put("response_json", Json.write(obj().put("flow_token", "fl-7781").put("county", county)
                                        .put("plan", "home_20mbps"), escaped))
                                .putIfPresent("body", body).putIfPresent("name", name))), "message.interactive.nfm_reply"));
        Arbitrary<Part> reaction = Combinators.combine(wamids(), Arbitraries.frequencyOf(
                        Tuple.of(6, emoji().map(value -> (Object) value)), Tuple.of(2, Arbitraries.just("")),
                        Tuple.of(2, Arbitraries.just(null)), Tuple.of(1, Arbitraries.just(Json.NULL))))
                .as((target, emoji) -> new Part(obj().put("type", "reaction").put("reaction", obj().putIfPresent("message_id", target)
                        .putIfPresent("emoji", emoji)), emoji instanceof String value && !value.isEmpty()
                        ? "message.reaction" : "message.reaction.removed"));
        Arbitrary<Object> price = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.doubles().between(0, 100_000).ofScale(2).map(value -> (Object) value)),
                Tuple.of(1, Arbitraries.of("1500", "12.50", "1e400")),
                Tuple.of(KNOWN_DEFECTS ? 1 : 0, Arbitraries.of("", "KES 1,500", "abc")), // known defect 6
                Tuple.of(1, Arbitraries.of(Json.NULL, -1)),
                Tuple.of(KNOWN_DEFECTS ? 1 : 0, Arbitraries.of(true, obj()))); // known defect 6
        Arbitrary<Part> order = Combinators.combine(text, price, Arbitraries.integers().between(-3, 1000))
                .as((note, itemPrice, quantity) -> part("order", obj().put("catalog_id", "101").putIfPresent("text", note)
                        .put("product_items", arr(obj().put("product_retailer_id", "router-x").put("quantity", quantity)
                                .put("item_price", itemPrice).put("currency", "KES")))));
        Arbitrary<Part> system = Combinators.combine(text, Arbitraries.of("user_changed_number", "user_changed_user_id",
                        "user_preference_changed", "customer_identity_changed", "something_new"), Arbitraries.of("stop", "resume", "maybe"),
                        who())
                .as((body, type, marketing, who) -> new Part(obj().put("type", "system").put("system", obj()
                        .putIfPresent("body", body).put("type", type).putIfPresent("wa_id", who.waId())
                        .putIfPresent("marketing", type.equals("user_preference_changed") ? marketing : null)),
                        "message.system." + type));
        Arbitrary<Part> unsupported = Arbitraries.of(131051, 131060).map(code -> new Part(obj().put("type", "unsupported")
                .put("errors", arr(obj().put("code", code).put("title", "Message type unknown")
                        .put("error_data", obj().put("details", "Message type is currently not supported.")))), "message.unsupported"));
        Arbitrary<Part> revoke = wamids().map(target -> part("revoke", obj().putIfPresent("original_message_id", target)));
        Arbitrary<Part> edit = Combinators.combine(wamids(), text).as((target, body) -> part("edit", obj()
                .putIfPresent("original_message_id", target).put("message", obj().put("type", "text")
                        .put("text", obj().putIfPresent("body", body)))));
        Arbitrary<Part> unknown = Combinators.combine(Arbitraries.of("poll", "ephemeral", "request_welcome", "", "text ",
                        KNOWN_DEFECTS ? "x".repeat(300) : "x".repeat(16)), text) // known defect 3
                .as((type, anything) -> new Part(obj().put("type", type).put(type, obj().putIfPresent("question", anything)
                        .put("options", arr(obj().put("id", "opt-1"), obj().put("id", "opt-2")))), "message.unknown-type"));
        Arbitrary<Part> noType = text.map(body -> new Part(obj().put("text", obj().putIfPresent("body", body)), "message.no-type"));
        Arbitrary<Part> wrongShape = Arbitraries.of("text", "image", "location", "interactive", "reaction", "order", "contacts",
                        "system", "edit")
                .map(type -> new Part(obj().put("type", type).put(type, "not an object").put("contacts", "nor this"),
                        "message.wrong-shape"));
        return Arbitraries.frequencyOf(
                Tuple.of(30, textMessage), Tuple.of(8, media), Tuple.of(4, location), Tuple.of(3, contacts),
                Tuple.of(3, button), Tuple.of(5, replies), Tuple.of(5, flow), Tuple.of(6, reaction), Tuple.of(3, order),
                Tuple.of(5, system), Tuple.of(3, unsupported), Tuple.of(2, revoke), Tuple.of(2, edit), Tuple.of(4, unknown),
                Tuple.of(2, noType), Tuple.of(3, wrongShape));
    }

    private static Part part(String type, Obj body) {
        return new Part(obj().put("type", type).put(type, body), "message." + type);
    }

    static Arbitrary<Object> context() {
        return Arbitraries.frequencyOf(
                Tuple.of(80, Arbitraries.just(null)),
                Tuple.of(10, wamids().map(id -> obj().put("from", "254700000001").putIfPresent("id", id))),
                Tuple.of(4, Arbitraries.of("forwarded", "frequently_forwarded").map(flag -> obj().put(flag, true))),
                Tuple.of(3, Arbitraries.just(obj().put("referred_product", obj().put("catalog_id", "101")
                        .put("product_retailer_id", "router-x")))),
                Tuple.of(3, Arbitraries.of("context", 7, Json.NULL, arr())));
    }

    static Arbitrary<Object> referral() {
        return Arbitraries.frequencyOf(
                Tuple.of(95, Arbitraries.just(null)),
                Tuple.of(5, texts().map(headline -> obj().put("source_url", "https://fb.me/ad").put("source_id", "120")
                        .put("source_type", "ad").put("headline", headline).put("body", headline).put("media_type", "image")
                        .put("ctwa_clid", "ARAkLkA"))));
    }

    // -- statuses

    static Arbitrary<Part> statusesChange() {
        Arbitrary<Part> status = Combinators.combine(wamids(), Arbitraries.frequencyOf(
                                Tuple.of(20, Arbitraries.of("sent", "delivered", "read", "failed")),
                                Tuple.of(2, Arbitraries.of("played", "deleted", "warning", "", "READ"))),
                        timestamps(), who(), Arbitraries.of(131026, 131047, 130429, 131049, 1, -5), Arbitraries.of(true, false))
                .as((wamid, kind, timestamp, who, code, priced) -> {
                    Obj tree = obj().putIfPresent("id", wamid).put("status", kind).putIfPresent("timestamp", timestamp)
                            .putIfPresent("recipient_id", who.waId()).putIfPresent("recipient_user_id", who.userId());
                    if (kind.equals("failed")) {
                        tree.put("errors", arr(obj().put("code", code).put("title", "Message undeliverable")
                                .put("message", "Message undeliverable").put("error_data", obj().put("details", who.name()))));
                    }
                    if (priced) {
                        tree.put("conversation", obj().put("id", "c1").put("origin", obj().put("type", "service")))
                                .put("pricing", obj().put("billable", true).put("pricing_model", "PMP").put("category", "service"));
                    }
                    return new Part(tree, "status." + (kind.isEmpty() ? "empty" : kind));
                });
        return Combinators.combine(status.list().ofMinSize(1).ofMaxSize(3), phoneNumberIds()).as((statuses, phoneNumberId) ->
                new Part(obj().put("field", "messages").put("value", obj().put("messaging_product", "whatsapp")
                        .put("metadata", metadata(phoneNumberId)).put("statuses", trees(statuses))), label(statuses)));
    }

    // -- other fields

    static Arbitrary<Part> templateStatusChange() {
        Arbitrary<Object> templateIds = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.longs().between(1L << 33, Long.MAX_VALUE).map(id -> (Object) id)),
                Tuple.of(2, Arbitraries.of("5432109876543210", "abc", -1L, new BigInteger("99999999999999999999999"), Json.NULL)));
        return Combinators.combine(templateIds, Arbitraries.of("APPROVED", "REJECTED", "PAUSED", "DISABLED", "FLAGGED"),
                        sloppy(texts().map(text -> text)))
                .as((id, event, reason) -> new Part(obj().put("field", "message_template_status_update").put("value", obj()
                        .put("event", event).put("message_template_id", id).put("message_template_name", "router_fault_update")
                        .put("message_template_language", "sw").putIfPresent("reason", reason)), "field.template_status"));
    }

    static Arbitrary<Part> userPreferencesChange() {
        return Combinators.combine(who(), Arbitraries.of("stop", "resume", "other"), timestamps(),
                        Arbitraries.of("marketing_messages", "other_category"))
                .as((who, value, timestamp, category) -> new Part(obj().put("field", "user_preferences").put("value", obj()
                        .put("messaging_product", "whatsapp").put("metadata", metadata("110000000000001"))
                        .put("contacts", arr(obj().put("profile", obj().putIfPresent("name", who.name()))
                                .putIfPresent("wa_id", who.waId()).putIfPresent("user_id", who.userId())))
                        .put("user_preferences", arr(obj().putIfPresent("wa_id", who.waId()).putIfPresent("user_id", who.userId())
                                .put("detail", "User requested to " + value + " marketing messages").put("category", category)
                                .put("value", value).putIfPresent("timestamp", timestamp)))), "field.user_preferences"));
    }

    static Arbitrary<Part> valueErrorsChange() {
        return Arbitraries.of(131000, 131005, 368).map(code -> new Part(obj().put("field", "messages").put("value", obj()
                .put("messaging_product", "whatsapp").put("metadata", metadata("110000000000001"))
                .put("errors", arr(obj().put("code", code).put("title", "Something went wrong")
                        .put("error_data", obj().put("details", "Unknown error"))))), "field.value-errors"));
    }

    static Arbitrary<Part> otherFieldChange() {
        return Combinators.combine(Arbitraries.of("account_update", "phone_number_quality_update", "message_template_quality_update",
                        "template_category_update", "business_capability_update", "security", "flows", "brand_new_field"),
                        texts())
                .as((field, text) -> new Part(obj().put("field", field).put("value", obj().put("event", "VERIFIED_ACCOUNT")
                        .put("display_phone_number", "254700000001").put("note", text)), "field.other"));
    }

    // -- values

    static Arbitrary<Object> entryTime() {
        return Arbitraries.frequencyOf(Tuple.of(60, Arbitraries.just(null)), Tuple.of(40, timestamps()));
    }

    /** Texts customers write: Swahili and English, emoji, any Unicode (controls, lone surrogates), long ones. */
    static Arbitrary<String> texts() {
        Arbitrary<String> words = Arbitraries.of("Habari", "yako", "router", "haifanyi", "kazi", "my", "internet", "is",
                        "down", "asante", "sana", "Nairobi", "bill", "M-Pesa", "?", "!", "\"quoted\"", "back\\slash", "tab\there")
                .list().ofMinSize(1).ofMaxSize(12).map(list -> String.join(" ", list));
        Arbitrary<String> withEmoji = Arbitraries.oneOf(emoji(), Arbitraries.of("Habari", "ñandú", "naïve", "中文", "مرحبا",
                        "Ꮳ", "e\u0301", "\u200b", "\u00a0"))
                .list().ofMinSize(1).ofMaxSize(8).map(list -> String.join(" ", list));
        return Arbitraries.frequencyOf(
                Tuple.of(35, words),
                Tuple.of(25, withEmoji),
                Tuple.of(15, Arbitraries.strings().all().ofMaxLength(40)
                        .filter(value -> KNOWN_DEFECTS || value.indexOf('\0') < 0)), // known defect 2
                Tuple.of(8, Arbitraries.just("")),
                Tuple.of(5, Arbitraries.of("STOP", "stop", "ACHA", "UNSUBSCRIBE", "START", " Stop ")),
                Tuple.of(2, Arbitraries.strings().alpha().ofMinLength(KNOWN_DEFECTS ? 1000 : 100)
                        .ofMaxLength(KNOWN_DEFECTS ? 20_000 : 256))); // known defect 3
    }

    static Arbitrary<String> emoji() {
        return Arbitraries.of("😀", "🙏🏾", "👍", "❤️", "🇰🇪", "👨‍👩‍👧", "🔥", "✅", "\ud83d\ude00", "🤷🏽‍♀️");
    }

    /** A field's value, or now and then the field left out, JSON null, or a value of the wrong JSON type. */
    static <T> Arbitrary<Object> sloppy(Arbitrary<T> value) {
        return Arbitraries.frequencyOf(
                Tuple.of(90, value.map(v -> (Object) v)),
                Tuple.of(4, Arbitraries.just(null)),
                Tuple.of(3, Arbitraries.just(Json.NULL)),
                Tuple.of(3, Arbitraries.of(42, -7L, 3.5, true, false, obj().put("a", 1), arr("x", 2))));
    }

    // ---------------------------------------------------------------- mutations of well-formed webhooks

    /** Ways to garble a webhook: in its tree, then in its bytes. Each draws its positions from two numbers. */
    enum Mutation {
        DELETED_KEY, NULLED_VALUE, WRONG_TYPE, DUPLICATED_KEY, DEEP_NESTING, EMPTIED_ARRAY,
        TRUNCATED, FLIPPED_BYTES, INSERTED_BYTES, INVALID_UTF8, TRAILING_CONTENT, LEADING_BOM, UTF16, WHITESPACE;

        /** Keys whose garbled values hit known defects 6 (item_price) and 7 (a template update's event). */
        private static final java.util.Set<String> DEFECT_KEYS = java.util.Set.of("item_price", "event");

        byte[] apply(Object original, boolean escaped, int a, int b) {
            Object tree = Json.copy(original);
            Random random = new Random(((long) a << 32) ^ b);
            List<Object> containers = Json.containers(tree);
            Object container = containers.get(a % containers.size());
            switch (this) {
                case DELETED_KEY, NULLED_VALUE, WRONG_TYPE, DUPLICATED_KEY, DEEP_NESTING -> {
                    Obj obj = containers.stream().filter(Obj.class::isInstance).map(Obj.class::cast)
                            .skip(a % Math.max(1, containers.stream().filter(Obj.class::isInstance).count())).findFirst()
                            .orElseThrow();
                    if (!obj.members.isEmpty()) {
                        int index = b % obj.members.size();
                        if (!KNOWN_DEFECTS && DEFECT_KEYS.contains(obj.members.get(index).getKey())) {
                            return Json.write(tree, escaped).getBytes(StandardCharsets.UTF_8); // known defects 6 and 7
                        }
                        var member = obj.members.get(index);
                        switch (this) {
                            case DELETED_KEY -> obj.members.remove(index);
                            case NULLED_VALUE -> member.setValue(null);
                            case WRONG_TYPE -> member.setValue(List.of(0, "text", true, 1.5e300, Json.obj(), Json.arr(1),
                                    new BigInteger("123456789012345678901234567890"), -1).get(random.nextInt(8)));
                            case DUPLICATED_KEY -> obj.put(member.getKey(), random.nextBoolean() ? member.getValue() : "duplicate");
                            default -> {
                                int depth = 1 + random.nextInt(random.nextBoolean() ? 50 : 3000);
                                member.setValue(new Json.Raw("[".repeat(depth) + "]".repeat(depth)));
                            }
                        }
                    }
                }
                case EMPTIED_ARRAY -> {
                    if (container instanceof List<?> list) {
                        list.clear();
                    }
                }
                default -> {
                }
            }
            String text = Json.write(tree, escaped);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            int at = bytes.length == 0 ? 0 : b % bytes.length;
            return switch (this) {
                case TRUNCATED -> java.util.Arrays.copyOf(bytes, at);
                case FLIPPED_BYTES -> {
                    int flips = 1 + random.nextInt(8);
                    for (int i = 0; i < flips; i++) {
                        bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                    yield bytes;
                }
                case INSERTED_BYTES -> {
                    byte[] inserted = new byte[1 + random.nextInt(16)];
                    random.nextBytes(inserted);
                    yield concat(java.util.Arrays.copyOf(bytes, at), inserted,
                            java.util.Arrays.copyOfRange(bytes, at, bytes.length));
                }
                case INVALID_UTF8 -> {
                    int quote = text.indexOf("\":\"", at);
                    int position = quote < 0 ? at : text.substring(0, quote + 3).getBytes(StandardCharsets.UTF_8).length;
                    byte[][] bad = {{(byte) 0xc3, 0x28}, {(byte) 0xff}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                            {(byte) 0xf0, (byte) 0x9f}, {(byte) 0xc0, (byte) 0xaf}};
                    yield concat(java.util.Arrays.copyOf(bytes, position), bad[random.nextInt(bad.length)],
                            java.util.Arrays.copyOfRange(bytes, position, bytes.length));
                }
                case TRAILING_CONTENT -> concat(bytes, List.of("}", "]", "x", "\n{}", ",", "\u0000", "null", text)
                        .get(random.nextInt(8)).getBytes(StandardCharsets.UTF_8));
                case LEADING_BOM -> concat(new byte[]{(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, bytes);
                case UTF16 -> text.getBytes(random.nextBoolean() ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE);
                case WHITESPACE -> (" \n\t\r ".repeat(1 + random.nextInt(3)) + text + "\r\n").getBytes(StandardCharsets.UTF_8);
                default -> bytes;
            };
        }

        private static byte[] concat(byte[]... parts) {
            int length = 0;
            for (byte[] part : parts) {
                length += part.length;
            }
            byte[] all = new byte[length];
            int offset = 0;
            for (byte[] part : parts) {
                System.arraycopy(part, 0, all, offset, part.length);
                offset += part.length;
            }
            return all;
        }
    }
}
