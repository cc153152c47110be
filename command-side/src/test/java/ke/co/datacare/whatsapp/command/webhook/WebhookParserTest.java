package ke.co.datacare.whatsapp.command.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.account.BusinessCapabilityReported;
import ke.co.datacare.whatsapp.api.account.MessageTemplateCategoryChangeAnnounced;
import ke.co.datacare.whatsapp.api.account.MessageTemplateCategoryChanged;
import ke.co.datacare.whatsapp.api.account.MessageTemplateQualityChanged;
import ke.co.datacare.whatsapp.api.account.PhoneNumberHealthReported;
import ke.co.datacare.whatsapp.api.conversation.DeliveryStatus;
import ke.co.datacare.whatsapp.api.conversation.InboundMessage;
import ke.co.datacare.whatsapp.api.conversation.MessageContext;
import ke.co.datacare.whatsapp.api.conversation.Pricing;
import ke.co.datacare.whatsapp.api.conversation.Referral;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reads the fixture bodies under {@code webhooks/}, written after Meta's payload shapes, and checks
 * what the parser makes of every field.
 */
class WebhookParserTest {

    /** The entry time of the health fixtures (1764230400). */
    private static final Instant HEALTH_REPORTED = Instant.parse("2025-11-27T08:00:00Z");

    private static final String WABA = "220000000000002";
    private static final String NUMBER = "110000000000001";
    private static final String BUSINESS_DISPLAY_NUMBER = "254700000001";
    private static final String WANJIKU = "254712345678";
    private static final String NJERI_USER_ID = "KE.13491208655302741918";
    private static final String MESSAGE_PATH = "/entry/0/changes/0/value/messages/0";

    /** Later than every timestamp in the fixtures, so a fallback to it is visible. */
    private static final Instant RECEIVED = Instant.parse("2025-12-01T00:00:00Z");

    private final ObjectMapper json = new ObjectMapper();
    private final WebhookParser parser = new WebhookParser(new ObjectMapper());

    // ---- messages, one type per fixture

    @Test
    void reads_a_text_message_with_its_sender_number_profile_name_and_timestamp() throws IOException {
        WebhookItem.Inbound inbound = onlyInbound("text.json");

        assertThat(inbound.phoneNumberId()).isEqualTo(NUMBER);
        assertThat(inbound.sender()).isEqualTo(new WebhookItem.Sender(WANJIKU, null, "Wanjiku"));
        assertThat(inbound.wamid()).isEqualTo("wamid.HBgMMjU0NzEyMzQ1Njc4FQIAEhgWM0VCMFRFWFQwMDAwMDAwMDAwMDAxAA==");
        assertThat(inbound.sentAt()).isEqualTo(Instant.parse("2025-11-25T08:00:00Z"));
        assertThat(inbound.message()).isEqualTo(new InboundMessage.Text("Habari, my router is not working"));
        assertThat(inbound.context()).isNull();
        assertThat(inbound.referral()).isNull();
    }

    @Test
    void decodes_emoji_that_meta_sends_as_unicode_escapes() throws IOException {
        assertThat(new String(WebhookFixtures.bytes("text-emoji.json"), StandardCharsets.US_ASCII))
                .contains("\\ud83d\\ude00\\ud83d\\udc4d");

        WebhookItem.Inbound inbound = onlyInbound("text-emoji.json");

        assertThat(inbound.message())
                .isEqualTo(new InboundMessage.Text("Asante sana, internet imerudi \uD83D\uDE00\uD83D\uDC4D"));
        assertThat(inbound.sender().profileName()).isEqualTo("Wanjiku \u2728");
        assertThat(inbound.sentAt()).isEqualTo(Instant.parse("2025-11-25T08:01:00Z"));
    }

    @Test
    void reads_an_image_with_its_media_id_mime_type_hash_and_caption() throws IOException {
        WebhookItem.Inbound inbound = onlyInbound("image-with-caption.json");

        assertThat(inbound.message()).isEqualTo(new InboundMessage.Media("image", "1200000000000101", "image/jpeg",
                "kF3+Qe0YpL2mJ1v9cXb8aT4wR6sN5uH7gD0yZ3oP2iE=", "Hii ndio taa nyekundu kwenye router", null,
                false, false));
        assertThat(inbound.sentAt()).isEqualTo(Instant.parse("2025-11-25T08:02:00Z"));
    }

    @Test
    void reads_a_video_without_a_caption() throws IOException {
        assertThat(onlyMessage("video.json")).isEqualTo(new InboundMessage.Media("video", "1200000000000102",
                "video/mp4", "bXlWaWRlb0hhc2hPZlRoZVJvdXRlckJsaW5raW5nMDA=", null, null, false, false));
    }

    @Test
    void reads_a_voice_note_as_audio_with_the_voice_flag() throws IOException {
        assertThat(onlyMessage("audio-voice-note.json")).isEqualTo(new InboundMessage.Media("audio",
                "1200000000000103", "audio/ogg; codecs=opus", "dm9pY2VOb3RlSGFzaEJhc2U2NEVuY29kZWRWYWx1ZTA=", null,
                null, true, false));
    }

    @Test
    void reads_a_document_with_its_filename_and_caption() throws IOException {
        assertThat(onlyMessage("document-with-filename.json")).isEqualTo(new InboundMessage.Media("document",
                "1200000000000104", "application/pdf", "cmVjZWlwdEhhc2hCYXNlNjRFbmNvZGVkVmFsdWUwMDA=",
                "Risiti ya malipo ya Novemba", "Mpesa-receipt-SKP4XYZ123.pdf", false, false));
    }

    @Test
    void reads_an_animated_sticker() throws IOException {
        assertThat(onlyMessage("sticker-animated.json")).isEqualTo(new InboundMessage.Media("sticker",
                "1200000000000105", "image/webp", "c3RpY2tlckhhc2hCYXNlNjRFbmNvZGVkVmFsdWUwMDA=", null, null, false,
                true));
    }

    @Test
    void reads_a_shared_location_with_its_coordinates_name_address_and_url() throws IOException {
        assertThat(onlyMessage("location.json")).isEqualTo(new InboundMessage.Location(-1.300184, 36.776811,
                "Prestige Plaza", "Ngong Road, Nairobi", "https://maps.example.co.ke/prestige-plaza"));
    }

    @Test
    void reads_a_contact_card_with_both_of_its_phone_numbers_as_written() throws IOException {
        WebhookItem.Inbound inbound = onlyInbound("contacts-card.json");

        assertThat(inbound.message()).isEqualTo(new InboundMessage.ContactCards(List.of(
                new InboundMessage.ContactCard("Njeri Mwangi", List.of("+254 722 000 111", "+254 20 765 4321")))));
        assertThat(inbound.sender()).isEqualTo(new WebhookItem.Sender(WANJIKU, null, "Wanjiku"));
    }

    @Test
    void reads_a_template_quick_reply_with_its_payload_and_the_template_it_answers() throws IOException {
        WebhookItem.Inbound inbound = onlyInbound("button-quick-reply.json");

        assertThat(inbound.message()).isEqualTo(new InboundMessage.QuickReply("RESCHEDULE_VISIT", "Badilisha siku"));
        assertThat(inbound.context()).isEqualTo(replyTo("wamid.HBgMMjU0NzEyMzQ1Njc4FQIAERgSVEVNUExBVEUwMDAwMDAwMQA="));
    }

    @Test
    void reads_an_interactive_button_reply_with_its_id_and_title() throws IOException {
        WebhookItem.Inbound inbound = onlyInbound("interactive-button-reply.json");

        assertThat(inbound.message())
                .isEqualTo(new InboundMessage.InteractiveReply("button_reply", "confirm-visit", "Ndio, kesho", null));
        assertThat(inbound.context()).isEqualTo(replyTo("wamid.HBgMMjU0NzEyMzQ1Njc4FQIAERgSQlVUVE9OUzAwMDAwMDAwMQA="));
    }

    @Test
    void reads_a_list_reply_with_its_row_description() throws IOException {
        assertThat(onlyMessage("interactive-list-reply.json")).isEqualTo(new InboundMessage.InteractiveReply(
                "list_reply", "plan-home-20", "Home 20 Mbps", "KES 2,999 kwa mwezi, bila kikomo"));
    }

    @Test
    void keeps_a_flow_response_json_as_the_string_meta_sent() throws IOException {
        InboundMessage.FlowResponse flow = (InboundMessage.FlowResponse) onlyMessage("interactive-nfm-reply.json");

        assertThat(flow.name()).isEqualTo("flow");
        assertThat(flow.body()).isEqualTo("Sent");
        assertThat(flow.responseJson()).isEqualTo(
                "{\"flow_token\":\"fl-7781\",\"county\":\"Nairobi\",\"plan\":\"home_20mbps\",\"installation_date\":\"2025-11-28\"}");
        assertThat(json.readTree(flow.responseJson()).path("installation_date").asText()).isEqualTo("2025-11-28");
    }

    @Test
    void reads_a_reaction_with_its_emoji_and_the_message_it_reacts_to() throws IOException {
        InboundMessage.Reaction reaction = (InboundMessage.Reaction) onlyMessage("reaction.json");

        assertThat(reaction.targetWamid()).isEqualTo("wamid.HBgMMjU0NzEyMzQ1Njc4FQIAERgSQUdFTlRSRVBMWTAwMDAwMQA=");
        assertThat(reaction.emoji()).isEqualTo("\u2764\uFE0F");
        assertThat(reaction.removed()).isFalse();
    }

    @Test
    void reads_a_reaction_without_an_emoji_as_a_removed_reaction() throws IOException {
        InboundMessage.Reaction reaction = (InboundMessage.Reaction) onlyMessage("reaction-removed-without-emoji.json");

        assertThat(reaction.targetWamid()).isEqualTo("wamid.HBgMMjU0NzEyMzQ1Njc4FQIAERgSQUdFTlRSRVBMWTAwMDAwMQA=");
        assertThat(reaction.emoji()).isNull();
        assertThat(reaction.removed()).isTrue();
    }

    @Test
    void reads_a_reaction_with_an_empty_emoji_as_a_removed_reaction() throws IOException {
        InboundMessage.Reaction reaction = (InboundMessage.Reaction) onlyMessage("reaction-removed-empty-emoji.json");

        assertThat(reaction.targetWamid()).isEqualTo("wamid.HBgMMjU0NzEyMzQ1Njc4FQIAERgSQUdFTlRSRVBMWTAwMDAwMQA=");
        assertThat(reaction.removed()).isTrue();
    }

    @Test
    void reads_an_order_with_both_product_items_their_quantities_prices_and_currency() throws IOException {
        InboundMessage.Order order = (InboundMessage.Order) onlyMessage("order.json");

        assertThat(order.catalogId()).isEqualTo("330000000000003");
        assertThat(order.text()).isEqualTo("Naomba hizi zifikishwe Kilimani");
        assertThat(order.items()).hasSize(2);
        InboundMessage.OrderItem router = order.items().get(0);
        assertThat(router.productRetailerId()).isEqualTo("ROUTER-AX3000");
        assertThat(router.quantity()).isEqualTo(1);
        assertThat(router.itemPrice()).isEqualByComparingTo("8499.50");
        assertThat(router.currency()).isEqualTo("KES");
        InboundMessage.OrderItem cable = order.items().get(1);
        assertThat(cable.productRetailerId()).isEqualTo("CABLE-CAT6-10M");
        assertThat(cable.quantity()).isEqualTo(2);
        assertThat(cable.itemPrice()).isEqualByComparingTo("650");
        assertThat(cable.currency()).isEqualTo("KES");
    }

    @Test
    void reads_a_changed_number_notice_that_comes_without_a_contacts_block() throws IOException {
        WebhookItem.Inbound inbound = onlyInbound("system-user-changed-number.json");

        assertThat(inbound.sender()).isEqualTo(new WebhookItem.Sender(WANJIKU, null, null));
        assertThat(inbound.message()).isEqualTo(new InboundMessage.SystemNotice("user_changed_number",
                "Wanjiku changed from 254712345678 to 254798765432", "254798765432"));
        assertThat(inbound.sender().identified()).isTrue();
    }

    @Test
    void reads_an_unsupported_message_with_its_error_code_and_title() throws IOException {
        WebhookItem.Inbound inbound = onlyInbound("unsupported.json");

        assertThat(inbound.message()).isEqualTo(new InboundMessage.Unsupported(131051, "Message type unknown"));
        assertThat(inbound.sender()).isEqualTo(new WebhookItem.Sender(WANJIKU, null, "Wanjiku"));
    }

    @Test
    void reads_a_revoked_message_as_a_pointer_to_the_original() throws IOException {
        WebhookItem.Inbound inbound = onlyInbound("revoke.json");

        assertThat(inbound.message()).isEqualTo(
                new InboundMessage.Revoke("wamid.HBgMMjU0NzEyMzQ1Njc4FQIAEhgWM0VCMFRFWFQwMDAwMDAwMDAwMDAxAA=="));
        assertThat(inbound.sentAt()).isEqualTo(Instant.parse("2025-11-25T08:04:00Z"));
    }

    @Test
    void reads_an_edit_with_the_new_text_and_keeps_the_whole_edit_object() throws IOException {
        InboundMessage.Edit edit = (InboundMessage.Edit) onlyMessage("edit.json");

        assertThat(edit.originalWamid()).isEqualTo("wamid.HBgMMjU0NzEyMzQ1Njc4FQIAEhgWM0VCMFRFWFQwMDAwMDAwMDAwMDAxAA==");
        assertThat(edit.newText()).isEqualTo("Habari, my router and the extender are not working");
        assertThat(json.readTree(edit.rawJson())).isEqualTo(fixtureNode("edit.json", MESSAGE_PATH + "/edit"));
    }

    @Test
    void keeps_a_message_of_an_unknown_type_with_its_raw_json() throws IOException {
        WebhookItem.Inbound inbound = onlyInbound("unknown-type-poll.json");
        InboundMessage.Unknown unknown = (InboundMessage.Unknown) inbound.message();

        assertThat(unknown.type()).isEqualTo("poll");
        JsonNode raw = json.readTree(unknown.rawJson());
        assertThat(raw).isEqualTo(fixtureNode("unknown-type-poll.json", MESSAGE_PATH));
        assertThat(raw.at("/poll/question").asText()).isEqualTo("Ni saa ngapi fundi afike?");
        assertThat(raw.at("/poll/options")).hasSize(2);
        assertThat(inbound.sender()).isEqualTo(new WebhookItem.Sender(WANJIKU, null, "Wanjiku"));
        assertThat(inbound.sentAt()).isEqualTo(Instant.parse("2025-11-25T08:02:00Z"));
    }

    // ---- context and referral

    @Test
    void reads_a_reply_as_a_context_pointing_to_the_quoted_message() throws IOException {
        WebhookItem.Inbound inbound = onlyInbound("reply-with-context.json");

        assertThat(inbound.message()).isEqualTo(new InboundMessage.Text("Ndio, hiyo ndio nambari ya akaunti"));
        assertThat(inbound.context()).isEqualTo(replyTo("wamid.HBgMMjU0NzEyMzQ1Njc4FQIAERgSQUdFTlRBU0tFRDAwMDAwMQA="));
    }

    @Test
    void marks_a_forwarded_message_without_a_quoted_message() throws IOException {
        assertThat(onlyInbound("forwarded.json").context())
                .isEqualTo(new MessageContext(null, true, false, null, null));
    }

    @Test
    void marks_a_frequently_forwarded_message() throws IOException {
        assertThat(onlyInbound("frequently-forwarded.json").context())
                .isEqualTo(new MessageContext(null, false, true, null, null));
    }

    @Test
    void reads_the_catalogue_product_a_customer_asks_about() throws IOException {
        WebhookItem.Inbound inbound = onlyInbound("referred-product.json");

        assertThat(inbound.context()).isEqualTo(new MessageContext(
                "wamid.HBgMMjU0NzEyMzQ1Njc4FQIAERgSQ0FUQUxPRzAwMDAwMDAwMQA=", false, false, "330000000000003",
                "ROUTER-AX3000"));
        assertThat(inbound.message()).isEqualTo(new InboundMessage.Text("Hii router inapatikana kwa rangi nyeupe?"));
    }

    @Test
    void reads_the_click_to_whatsapp_ad_a_conversation_started_from_with_unescaped_urls() throws IOException {
        assertThat(new String(WebhookFixtures.bytes("ctwa-referral.json"), StandardCharsets.US_ASCII))
                .contains("https:\\/\\/fb.me\\/4Xk9pQ2");

        WebhookItem.Inbound inbound = onlyInbound("ctwa-referral.json");

        assertThat(inbound.referral()).isEqualTo(new Referral("https://fb.me/4Xk9pQ2", "120210000000000001", "ad",
                "Fibre ya nyumbani kuanzia KES 2,999", "Tuandikie leo, tukuunganishe wiki hii", "image",
                "ARAkLkA8rmlFeiCktEJQ-QTwRiyYHAFDLMNDBH0CD3qpjd0HR4irJ6LEkR7JwFF4XvnO2E4Nx0"));
        assertThat(inbound.context()).isNull();
    }

    // ---- sender identity

    @Test
    void identifies_a_username_user_by_business_scoped_id_when_no_phone_number_is_sent() throws IOException {
        WebhookItem.Inbound inbound = onlyInbound("business-scoped-user.json");

        assertThat(inbound.sender()).isEqualTo(new WebhookItem.Sender(null, NJERI_USER_ID, "Njeri"));
        assertThat(inbound.sender().identified()).isTrue();
        assertThat(inbound.message()).isEqualTo(new InboundMessage.Text("Habari, naomba msaada na bili yangu"));
    }

    @Test
    void keeps_both_phone_number_and_business_scoped_id_when_both_are_sent() throws IOException {
        assertThat(onlyInbound("wa-id-and-user-id.json").sender())
                .isEqualTo(new WebhookItem.Sender("254723456789", "KE.20583746192038475611", "Otieno"));
    }

    @Test
    void keeps_the_username_and_parent_business_scoped_id_meta_sends_since_2026() throws IOException {
        assertThat(onlyInbound("username-and-parent-user-id.json").sender()).isEqualTo(new WebhookItem.Sender(null,
                NJERI_USER_ID, "Njeri", "njeri.w", "KE.ENT.11815799212886844830"));
    }

    // ---- coexistence: the WhatsApp Business app on the same number

    @Test
    void reads_what_staff_typed_on_the_business_app_as_an_echo_to_the_customer() throws IOException {
        assertThat(onlyItem("smb-message-echo.json")).isEqualTo(new WebhookItem.Echo(NUMBER,
                new WebhookItem.Sender(WANJIKU, null, null),
                "wamid.HBgMMjU0NzEyMzQ1Njc4FQIAERgSRUNITzAwMDAwMDAwMDAwMDEA", Instant.ofEpochSecond(1764590400L),
                new InboundMessage.Text("Pole sana Wanjiku, a technician comes to you tomorrow at 10.")));
    }

    @Test
    void reads_a_history_chunk_as_one_thread_per_customer_telling_the_business_messages_apart() throws IOException {
        WebhookItem.History history = (WebhookItem.History) onlyItem("history-chunk.json");

        assertThat(history.phoneNumberId()).isEqualTo(NUMBER);
        assertThat(history.customer()).isEqualTo(new WebhookItem.Sender("254722000111", null, null));
        assertThat(history.chunk()).isEqualTo("1/2");
        assertThat(history.messages()).extracting(m -> m.fromBusiness() + " " + m.status() + " " + m.sentAt())
                .containsExactly("false null 2025-09-04T15:33:20Z", "true delivered 2025-09-04T15:38:20Z",
                        "false null 2025-09-04T15:43:20Z");
        assertThat(history.messages().get(1).content()).isEqualTo(new InboundMessage.Text("Yes, from KSh 2,999 a month."));
        assertThat(history.messages().get(2).content()).isEqualTo(new InboundMessage.Media("image", null, "image/jpeg",
                null, "My building", null, false, false));
    }

    @Test
    void keeps_a_declined_history_as_an_account_update() throws IOException {
        WebhookItem.AccountUpdate update = (WebhookItem.AccountUpdate) onlyItem("history-declined.json");

        assertThat(update.field()).isEqualTo("history");
        assertThat(update.rawJson()).contains("2593109");
    }

    // ---- statuses of our outbound messages

    @Test
    void reads_the_recipients_username_and_parent_id_that_a_read_status_carries_since_2026() throws IOException {
        assertThat(onlyStatus("status-read-with-username.json").recipient()).isEqualTo(new WebhookItem.Sender(WANJIKU,
                NJERI_USER_ID, null, "njeri.w", "KE.ENT.11815799212886844830"));
    }

    @Test
    void reads_a_sent_status_with_its_recipient_and_pricing() throws IOException {
        assertThat(onlyStatus("status-sent.json")).isEqualTo(new WebhookItem.Status(NUMBER,
                new WebhookItem.Sender(WANJIKU, null, null), "wamid.HBgMMjU0NzEyMzQ1Njc4FQIAERgSMDAwT1VUQk9VTkQwMDAwMDAxAA==",
                DeliveryStatus.SENT, Instant.parse("2025-11-25T09:00:00Z"), null, null, null,
                new Pricing(true, "PMP", "utility", "regular", "KE")));
    }

    @Test
    void reads_a_delivered_status_with_free_service_pricing() throws IOException {
        WebhookItem.Status status = onlyStatus("status-delivered.json");

        assertThat(status.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(status.at()).isEqualTo(Instant.parse("2025-11-25T09:01:00Z"));
        assertThat(status.pricing()).isEqualTo(new Pricing(false, "PMP", "service", "free_customer_service", "KE"));
        assertThat(status.pricing().charged()).isFalse();
        assertThat(status.errorCode()).isNull();
    }

    @Test
    void reads_a_read_status_without_pricing() throws IOException {
        assertThat(onlyStatus("status-read.json")).isEqualTo(new WebhookItem.Status(NUMBER,
                new WebhookItem.Sender(WANJIKU, null, null), "wamid.HBgMMjU0NzEyMzQ1Njc4FQIAERgSMDAwT1VUQk9VTkQwMDAwMDAxAA==",
                DeliveryStatus.READ, Instant.parse("2025-11-25T09:02:00Z"), null, null, null, null));
    }

    @Test
    void reads_a_played_status_of_a_voice_note() throws IOException {
        WebhookItem.Status status = onlyStatus("status-played.json");

        assertThat(status.status()).isEqualTo(DeliveryStatus.PLAYED);
        assertThat(status.wamid()).isEqualTo("wamid.HBgMMjU0NzEyMzQ1Njc4FQIAERgSMDAwVk9JQ0VOT1RFMDAwMDAyAA==");
        assertThat(status.at()).isEqualTo(Instant.parse("2025-11-25T09:03:00Z"));
    }

    @Test
    void reads_a_failed_status_with_its_error_code_title_and_details() throws IOException {
        assertThat(onlyStatus("status-failed.json")).isEqualTo(new WebhookItem.Status(NUMBER,
                new WebhookItem.Sender("254745678901", null, null),
                "wamid.HBgMMjU0NzQ1Njc4OTAxFQIAERgSMDAwRkFJTEVEMDAwMDAwMDMA", DeliveryStatus.FAILED,
                Instant.parse("2025-11-25T09:04:00Z"), 131026, "Message undeliverable",
                "The recipient has not accepted the latest WhatsApp terms of service.", null));
    }

    @Test
    void identifies_a_status_recipient_by_business_scoped_id() throws IOException {
        WebhookItem.Status status = onlyStatus("status-recipient-user-id.json");

        assertThat(status.recipient()).isEqualTo(new WebhookItem.Sender(null, NJERI_USER_ID, null));
        assertThat(status.recipient().identified()).isTrue();
        assertThat(status.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(status.at()).isEqualTo(Instant.parse("2025-11-25T09:05:00Z"));
    }

    // ---- batches

    @Test
    void reads_every_message_and_status_of_a_batched_body_in_order() throws IOException {
        List<WebhookItem> items = parse("batch.json");

        assertThat(items).hasSize(10);
        assertThat(items).filteredOn(WebhookItem.Inbound.class::isInstance).hasSize(4);
        assertThat(items).filteredOn(WebhookItem.Status.class::isInstance).hasSize(6);
        assertThat(items).extracting(WebhookParserTest::summary).containsExactly(
                "inbound 110000000000001 254712345678/null/Wanjiku 2025-11-25T10:00:00Z Text",
                "inbound 110000000000001 null/KE.13491208655302741918/Njeri 2025-11-25T10:00:01Z Text",
                "status 110000000000001 wamid.BATCH-OUT-1 SENT 2025-11-25T10:00:02Z",
                "status 110000000000001 wamid.BATCH-OUT-1 DELIVERED 2025-11-25T10:00:03Z",
                "status 110000000000001 wamid.BATCH-OUT-2 READ 2025-11-25T10:00:04Z",
                "inbound 110000000000003 254745678901/null/Kamau 2025-11-25T10:00:05Z Media",
                "status 110000000000003 wamid.BATCH-OUT-3 DELIVERED 2025-11-25T10:00:06Z",
                "inbound 110000000000003 254734567890/null/Achieng 2025-11-25T10:00:07Z Reaction",
                "status 110000000000003 wamid.BATCH-OUT-4 READ 2025-11-25T10:00:08Z",
                "status 110000000000003 wamid.BATCH-OUT-5 FAILED 2025-11-25T10:00:09Z");
        WebhookItem.Status failed = (WebhookItem.Status) items.get(9);
        assertThat(failed.errorCode()).isEqualTo(131047);
        assertThat(failed.errorTitle()).isEqualTo("Re-engagement message");
    }

    // ---- other fields of the same endpoint

    @Test
    void reads_an_approved_template_whose_id_does_not_fit_in_32_bits() throws IOException {
        List<WebhookItem> items = parse("template-status-approved.json");

        assertThat(items).containsExactly(new WebhookItem.TemplateStatus(5_432_109_876_543_210L, "router_fault_update",
                "sw", "APPROVED", "NONE", Instant.parse("2025-11-26T08:00:00Z")));
        assertThat(((WebhookItem.TemplateStatus) items.get(0)).templateId()).isGreaterThan(1L << 32);
    }

    @Test
    void records_a_customer_stopping_marketing_messages() throws IOException {
        assertThat(parse("user-preferences-stop.json")).containsExactly(new WebhookItem.MarketingPreference(NUMBER,
                new WebhookItem.Sender(WANJIKU, null, null), true, Instant.parse("2025-11-25T09:00:00Z")));
    }

    @Test
    void records_a_customer_resuming_marketing_messages() throws IOException {
        assertThat(parse("user-preferences-resume.json")).containsExactly(new WebhookItem.MarketingPreference(NUMBER,
                new WebhookItem.Sender(WANJIKU, null, null), false, Instant.parse("2025-11-26T08:00:00Z")));
    }

    @Test
    void reads_meta_moving_a_utility_template_to_marketing() throws IOException {
        assertThat(onlyItem("template-category-changed.json")).isEqualTo(new WebhookItem.Notice(
                new MessageTemplateCategoryChanged(806_312_974_732_579L, "order_update", "en", "UTILITY", "MARKETING",
                        HEALTH_REPORTED), HEALTH_REPORTED));
    }

    @Test
    void reads_an_announced_category_change_with_the_time_it_takes_effect() throws IOException {
        assertThat(onlyItem("template-category-announced.json")).isEqualTo(new WebhookItem.Notice(
                new MessageTemplateCategoryChangeAnnounced(806_312_974_732_579L, "order_update", "en", "UTILITY",
                        "MARKETING", Instant.parse("2025-11-29T08:00:00Z"), HEALTH_REPORTED), HEALTH_REPORTED));
    }

    @Test
    void reads_a_template_quality_rating() throws IOException {
        assertThat(onlyItem("template-quality-changed.json")).isEqualTo(new WebhookItem.Notice(
                new MessageTemplateQualityChanged(806_312_974_732_579L, "order_update", "en", "GREEN", "YELLOW",
                        HEALTH_REPORTED), HEALTH_REPORTED));
    }

    @Test
    void reads_the_portfolio_messaging_limit_of_a_number_downgrade_from_the_newer_field() throws IOException {
        assertThat(onlyItem("number-quality-flagged.json")).isEqualTo(new WebhookItem.Notice(
                new PhoneNumberHealthReported("102290129340398", "254711000000", "DOWNGRADE", 2_000L, HEALTH_REPORTED),
                HEALTH_REPORTED));
    }

    @Test
    void reads_an_unlimited_business_capability_as_minus_one_and_prefers_the_portfolio_limit() throws IOException {
        assertThat(onlyItem("business-capability.json")).isEqualTo(new WebhookItem.Notice(
                new BusinessCapabilityReported("102290129340398", -1L, 25, HEALTH_REPORTED), HEALTH_REPORTED));
    }

    @Test
    void records_an_account_update_with_its_raw_json_at_the_entry_time() throws IOException {
        WebhookItem.AccountUpdate update = (WebhookItem.AccountUpdate) onlyItem("account-update.json");

        assertThat(update.businessAccountId()).isEqualTo(WABA);
        assertThat(update.field()).isEqualTo("account_update");
        assertThat(update.at()).isEqualTo(Instant.parse("2025-11-26T08:00:00Z"));
        assertThat(json.readTree(update.rawJson())).isEqualTo(fixtureNode("account-update.json", "/entry/0/changes/0/value"));
        assertThat(json.readTree(update.rawJson()).path("event").asText()).isEqualTo("VERIFIED_ACCOUNT");
    }

    @Test
    void records_an_unknown_field_as_an_account_update_instead_of_refusing_it() throws IOException {
        WebhookItem.AccountUpdate update = (WebhookItem.AccountUpdate) onlyItem("unknown-field.json");

        assertThat(update.businessAccountId()).isEqualTo(WABA);
        assertThat(update.field()).isEqualTo("business_number_health");
        assertThat(update.at()).as("no entry time, so the time the body was received").isEqualTo(RECEIVED);
        JsonNode raw = json.readTree(update.rawJson());
        assertThat(raw).isEqualTo(fixtureNode("unknown-field.json", "/entry/0/changes/0/value"));
        assertThat(raw.at("/signal/kind").asText()).isEqualTo("number_health_check");
    }

    @Test
    void records_an_errors_block_with_the_account_number_and_raw_errors() throws IOException {
        WebhookItem.Errors errors = (WebhookItem.Errors) onlyItem("value-errors.json");

        assertThat(errors.businessAccountId()).isEqualTo(WABA);
        assertThat(errors.phoneNumberId()).isEqualTo(NUMBER);
        assertThat(errors.at()).isEqualTo(Instant.parse("2025-11-26T08:00:00Z"));
        JsonNode raw = json.readTree(errors.rawJson());
        assertThat(raw).isEqualTo(fixtureNode("value-errors.json", "/entry/0/changes/0/value/errors"));
        assertThat(raw.at("/0/code").asInt()).isEqualTo(131000);
    }

    @Test
    void an_envelope_with_no_entries_carries_nothing() throws IOException {
        assertThat(parse("empty-entry.json")).isEmpty();
    }

    // ---- envelope refusals

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"object\":\"whatsapp_business_account\",\"entry\":[]}]",
            "\"whatsapp_business_account\"", "42", "null", ""})
    void refuses_a_body_that_is_not_a_json_object(String body) {
        assertThatThrownBy(() -> parser.parse(utf8(body), RECEIVED))
                .isInstanceOf(NotAWebhookException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"object\":\"page\",\"entry\":[]}", "{\"object\":\"instagram\",\"entry\":[]}",
            "{\"entry\":[]}"})
    void refuses_an_envelope_for_another_kind_of_object(String body) {
        assertThatThrownBy(() -> parser.parse(utf8(body), RECEIVED))
                .isInstanceOf(NotAWebhookException.class)
                .hasMessageContaining("'object'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"object\":\"whatsapp_business_account\"}",
            "{\"object\":\"whatsapp_business_account\",\"entry\":{\"id\":\"220000000000002\",\"changes\":[]}}",
            "{\"object\":\"whatsapp_business_account\",\"entry\":null}"})
    void refuses_an_envelope_without_an_entry_array(String body) {
        assertThatThrownBy(() -> parser.parse(utf8(body), RECEIVED))
                .isInstanceOf(NotAWebhookException.class)
                .hasMessageContaining("'entry'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"object\":\"whatsapp_business_account\",\"entry\":[",
            "{object:\"whatsapp_business_account\",entry:[]}", "<xml/>"})
    void refuses_a_body_that_is_not_valid_json(String body) {
        assertThatThrownBy(() -> parser.parse(utf8(body), RECEIVED))
                .isInstanceOf(JsonProcessingException.class);
    }

    // ---- helpers

    private List<WebhookItem> parse(String fixture) throws IOException {
        return parser.parse(WebhookFixtures.bytes(fixture), RECEIVED);
    }

    private WebhookItem onlyItem(String fixture) throws IOException {
        List<WebhookItem> items = parse(fixture);
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private WebhookItem.Inbound onlyInbound(String fixture) throws IOException {
        WebhookItem item = onlyItem(fixture);
        assertThat(item).isInstanceOf(WebhookItem.Inbound.class);
        WebhookItem.Inbound inbound = (WebhookItem.Inbound) item;
        assertThat(inbound.phoneNumberId()).isEqualTo(NUMBER);
        return inbound;
    }

    private InboundMessage onlyMessage(String fixture) throws IOException {
        WebhookItem.Inbound inbound = onlyInbound(fixture);
        assertThat(inbound.wamid()).startsWith("wamid.");
        assertThat(inbound.sentAt()).isBefore(RECEIVED);
        return inbound.message();
    }

    private WebhookItem.Status onlyStatus(String fixture) throws IOException {
        WebhookItem item = onlyItem(fixture);
        assertThat(item).isInstanceOf(WebhookItem.Status.class);
        return (WebhookItem.Status) item;
    }

    private JsonNode fixtureNode(String fixture, String pointer) throws IOException {
        JsonNode node = json.readTree(WebhookFixtures.bytes(fixture)).at(pointer);
        assertThat(node.isMissingNode()).as("fixture %s has %s", fixture, pointer).isFalse();
        return node;
    }

    private static MessageContext replyTo(String wamid) {
        return new MessageContext(wamid, false, false, null, null);
    }

    private static byte[] utf8(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static String summary(WebhookItem item) {
        if (item instanceof WebhookItem.Inbound inbound) {
            WebhookItem.Sender sender = inbound.sender();
            return "inbound " + inbound.phoneNumberId() + " " + sender.waId() + "/" + sender.userId() + "/"
                    + sender.profileName() + " " + inbound.sentAt() + " " + inbound.message().getClass().getSimpleName();
        }
        if (item instanceof WebhookItem.Status status) {
            return "status " + status.phoneNumberId() + " " + status.wamid() + " " + status.status() + " "
                    + status.at();
        }
        return item.toString();
    }
}
