package ke.co.datacare.whatsapp.command.contact;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.api.common.Refusal;
import ke.co.datacare.whatsapp.api.contact.ChangeContactNumber;
import ke.co.datacare.whatsapp.api.contact.ContactAttributeRemoved;
import ke.co.datacare.whatsapp.api.contact.ContactAttributeSet;
import ke.co.datacare.whatsapp.api.contact.ContactErased;
import ke.co.datacare.whatsapp.api.contact.ContactFirstSeen;
import ke.co.datacare.whatsapp.api.contact.ContactIdentityLinked;
import ke.co.datacare.whatsapp.api.contact.ContactIdentityReleased;
import ke.co.datacare.whatsapp.api.contact.ContactOptedIn;
import ke.co.datacare.whatsapp.api.contact.ContactOptedOut;
import ke.co.datacare.whatsapp.api.contact.ContactProfileNameChanged;
import ke.co.datacare.whatsapp.api.contact.ContactRegistered;
import ke.co.datacare.whatsapp.api.contact.ContactTagged;
import ke.co.datacare.whatsapp.api.contact.ContactUntagged;
import ke.co.datacare.whatsapp.api.contact.ContactUsernameChanged;
import ke.co.datacare.whatsapp.api.contact.EraseContact;
import ke.co.datacare.whatsapp.api.contact.IdentityType;
import ke.co.datacare.whatsapp.api.contact.RecordOptIn;
import ke.co.datacare.whatsapp.api.contact.RecordOptOut;
import ke.co.datacare.whatsapp.api.contact.RegisterContact;
import ke.co.datacare.whatsapp.api.contact.ReleaseContactNumber;
import ke.co.datacare.whatsapp.api.contact.UpdateContact;
import ke.co.datacare.whatsapp.api.conversation.outbound.FieldViolation;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ContactTest {

    private static final ContactId CONTACT = ContactId.of("contact-1");
    private static final Instant T0 = Instant.parse("2026-11-25T07:00:00Z");
    private static final String BY = "agent:u-1";
    private static final String REASON = "asked by phone to get offers again";

    private FixtureConfiguration<Contact> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Contact.class);
    }

    @Test
    void a_new_whatsapp_user_is_registered_with_identity_and_profile_name() {
        fixture.givenNoPriorActivity()
                .when(new RegisterContact(CONTACT, "254712345678", null, "Wanjiku", T0))
                .expectEvents(new ContactFirstSeen(CONTACT, "254712345678", null, "Wanjiku", T0));
    }

    @Test
    void a_contact_first_seen_with_its_number_and_name_records_nothing_when_seen_again_the_same() {
        fixture.given(new ContactFirstSeen(CONTACT, "254712345678", null, "Wanjiku", T0))
                .when(new RegisterContact(CONTACT, "254712345678", null, "Wanjiku", T0.plusSeconds(60)))
                .expectNoEvents();
    }

    @Test
    void a_contact_first_seen_without_a_name_gets_one_and_its_user_id_linked_later() {
        fixture.given(new ContactFirstSeen(CONTACT, "254712345678", null, null, T0))
                .when(new RegisterContact(CONTACT, "254712345678", "KE.13491208655302741918", " Wanjiku", T0))
                .expectEvents(new ContactIdentityLinked(CONTACT, IdentityType.USER_ID, "KE.13491208655302741918", T0),
                        new ContactProfileNameChanged(CONTACT, " Wanjiku", T0));
    }

    @Test
    void a_username_and_a_parent_id_seen_with_a_new_user_are_recorded_beside_its_first_sighting() {
        fixture.givenNoPriorActivity()
                .when(new RegisterContact(CONTACT, null, "KE.13491208655302741918", "Wanjiku", "wanjiku.k",
                        "KE.ENT.11815799212886844830", T0))
                .expectEvents(new ContactFirstSeen(CONTACT, null, "KE.13491208655302741918", "Wanjiku", T0),
                        new ContactIdentityLinked(CONTACT, IdentityType.PARENT_USER_ID, "KE.ENT.11815799212886844830", T0),
                        new ContactUsernameChanged(CONTACT, "wanjiku.k", T0));
    }

    @Test
    void a_username_is_recorded_again_only_when_it_changes() {
        fixture.given(new ContactFirstSeen(CONTACT, "254712345678", null, "Wanjiku", T0),
                        new ContactUsernameChanged(CONTACT, "wanjiku.k", T0))
                .when(new RegisterContact(CONTACT, "254712345678", null, "Wanjiku", "wanjiku.k", null, T0.plusSeconds(60)))
                .expectNoEvents();
        fixture.given(new ContactFirstSeen(CONTACT, "254712345678", null, "Wanjiku", T0),
                        new ContactUsernameChanged(CONTACT, "wanjiku.k", T0))
                .when(new RegisterContact(CONTACT, "254712345678", null, "Wanjiku", "wanjiku", null, T0.plusSeconds(60)))
                .expectEvents(new ContactUsernameChanged(CONTACT, "wanjiku", T0.plusSeconds(60)));
    }

    @Test
    void a_customer_moving_to_a_new_number_gives_up_the_old_one_and_is_linked_to_the_new() {
        fixture.given(new ContactFirstSeen(CONTACT, "254712345678", null, "Wanjiku", T0))
                .when(new ChangeContactNumber(CONTACT, "254712345678", "254733000111", T0.plusSeconds(60)))
                .expectEvents(new ContactIdentityReleased(CONTACT, IdentityType.WA_ID, "254712345678", T0.plusSeconds(60)),
                        new ContactIdentityLinked(CONTACT, IdentityType.WA_ID, "254733000111", T0.plusSeconds(60)));
    }

    @Test
    void a_number_change_seen_twice_changes_nothing_the_second_time() {
        fixture.given(new ContactFirstSeen(CONTACT, "254712345678", null, "Wanjiku", T0),
                        new ContactIdentityReleased(CONTACT, IdentityType.WA_ID, "254712345678", T0),
                        new ContactIdentityLinked(CONTACT, IdentityType.WA_ID, "254733000111", T0))
                .when(new ChangeContactNumber(CONTACT, "254712345678", "254733000111", T0.plusSeconds(60)))
                .expectNoEvents();
    }

    @Test
    void a_number_someone_else_moved_to_is_released_by_its_earlier_contact() {
        fixture.given(new ContactFirstSeen(CONTACT, "254733000111", null, "Otieno", T0))
                .when(new ReleaseContactNumber(CONTACT, "254733000111", T0.plusSeconds(60)))
                .expectEvents(new ContactIdentityReleased(CONTACT, IdentityType.WA_ID, "254733000111", T0.plusSeconds(60)));
    }

    @Test
    void blank_identities_and_names_of_a_new_contact_are_recorded_as_absent() {
        fixture.givenNoPriorActivity()
                .when(new RegisterContact(CONTACT, " ", "KE.13491208655302741918", "", T0))
                .expectEvents(new ContactFirstSeen(CONTACT, null, "KE.13491208655302741918", null, T0));
    }

    @Test
    void a_business_scoped_user_id_seen_with_the_phone_number_is_linked_to_the_same_contact() {
        fixture.given(new ContactRegistered(CONTACT, T0),
                        new ContactIdentityLinked(CONTACT, IdentityType.WA_ID, "254712345678", T0),
                        new ContactProfileNameChanged(CONTACT, "Wanjiku", T0))
                .when(new RegisterContact(CONTACT, "254712345678", "KE.13491208655302741918", "Wanjiku", T0))
                .expectEvents(new ContactIdentityLinked(CONTACT, IdentityType.USER_ID, "KE.13491208655302741918", T0));
    }

    @Test
    void a_known_contact_with_an_unchanged_name_records_nothing() {
        fixture.given(new ContactRegistered(CONTACT, T0),
                        new ContactIdentityLinked(CONTACT, IdentityType.WA_ID, "254712345678", T0),
                        new ContactProfileNameChanged(CONTACT, "Wanjiku", T0))
                .when(new RegisterContact(CONTACT, "254712345678", null, "Wanjiku", T0))
                .expectNoEvents();
    }

    @Test
    void a_changed_profile_name_is_recorded() {
        fixture.given(new ContactRegistered(CONTACT, T0), new ContactProfileNameChanged(CONTACT, "Wanjiku", T0))
                .when(new RegisterContact(CONTACT, null, null, "Wanjiku M.", T0))
                .expectEvents(new ContactProfileNameChanged(CONTACT, "Wanjiku M.", T0));
    }

    @Test
    void opting_out_twice_is_recorded_once_and_start_reverses_it() {
        fixture.given(new ContactRegistered(CONTACT, T0), new ContactOptedOut(CONTACT, "keyword", T0))
                .when(new RecordOptOut(CONTACT, "keyword", T0))
                .expectNoEvents();
        fixture.given(new ContactRegistered(CONTACT, T0), new ContactOptedOut(CONTACT, "keyword", T0))
                .when(new RecordOptIn(CONTACT, "keyword", T0))
                .expectEvents(new ContactOptedIn(CONTACT, "keyword", T0, null));
    }

    private static UpdateContact tags(List<String> add, List<String> remove) {
        return new UpdateContact(CONTACT, add, remove, null, null, null, null, BY, T0);
    }

    private static UpdateContact attributes(Map<String, String> set, List<String> remove) {
        return new UpdateContact(CONTACT, null, null, set, remove, null, null, BY, T0);
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static Refusal invalidUpdate(FieldViolation... violations) {
        return new Refusal(ErrorCode.INVALID_CONTACT_UPDATE, Map.of("errors", List.of(violations)));
    }

    @Test
    void tags_are_added_trimmed_and_in_lower_case_and_removed_when_present() {
        fixture.given(new ContactRegistered(CONTACT, T0), new ContactTagged(CONTACT, "lead", BY, T0))
                .when(tags(List.of(" VIP ", "region:nairobi"), List.of("lead", "never-had-it")))
                .expectEvents(new ContactUntagged(CONTACT, "lead", BY, T0), new ContactTagged(CONTACT, "vip", BY, T0),
                        new ContactTagged(CONTACT, "region:nairobi", BY, T0))
                .expectResultMessagePayload(3);
    }

    @Test
    void an_update_that_changes_nothing_records_nothing() {
        fixture.given(new ContactRegistered(CONTACT, T0), new ContactTagged(CONTACT, "vip", BY, T0),
                        new ContactAttributeSet(CONTACT, "city", "Nairobi", BY, T0), new ContactOptedOut(CONTACT, BY, T0))
                .when(new UpdateContact(CONTACT, List.of("VIP"), List.of("lead"), ordered("city", "Nairobi"),
                        List.of("firstName"), true, null, BY, T0))
                .expectNoEvents()
                .expectResultMessagePayload(0);
    }

    @Test
    void attributes_are_set_in_the_order_given_changed_and_removed() {
        fixture.given(new ContactRegistered(CONTACT, T0), new ContactAttributeSet(CONTACT, "city", "Mombasa", BY, T0),
                        new ContactAttributeSet(CONTACT, "old", "x", BY, T0))
                .when(attributes(ordered("firstName", "Amina", "city", "Nairobi"), List.of("old")))
                .expectEvents(new ContactAttributeRemoved(CONTACT, "old", BY, T0),
                        new ContactAttributeSet(CONTACT, "firstName", "Amina", BY, T0),
                        new ContactAttributeSet(CONTACT, "city", "Nairobi", BY, T0));
    }

    @Test
    void an_update_opts_the_contact_out_and_back_in_only_when_that_changes_its_consent() {
        fixture.given(new ContactRegistered(CONTACT, T0))
                .when(new UpdateContact(CONTACT, null, null, null, null, true, null, BY, T0))
                .expectEvents(new ContactOptedOut(CONTACT, BY, T0));
        fixture.given(new ContactRegistered(CONTACT, T0), new ContactOptedOut(CONTACT, "keyword", T0))
                .when(new UpdateContact(CONTACT, null, null, null, null, false, REASON, BY, T0))
                .expectEvents(new ContactOptedIn(CONTACT, BY, T0, REASON));
        fixture.given(new ContactRegistered(CONTACT, T0))
                .when(new UpdateContact(CONTACT, null, null, null, null, false, REASON, BY, T0))
                .expectNoEvents();
    }

    @Test
    void opting_a_contact_back_in_without_a_reason_is_refused_naming_the_reason() {
        fixture.given(new ContactRegistered(CONTACT, T0), new ContactOptedOut(CONTACT, "keyword", T0))
                .when(new UpdateContact(CONTACT, null, null, null, null, false, " ", BY, T0))
                .expectException(CommandExecutionException.class)
                .expectExceptionDetails(invalidUpdate(new FieldViolation("reason", ContactDetailsPolicy.REASON_RULE)))
                .expectNoEvents();
    }

    @Test
    void an_update_with_an_invalid_tag_or_attribute_is_refused_whole_and_records_nothing() {
        fixture.given(new ContactRegistered(CONTACT, T0))
                .when(new UpdateContact(CONTACT, List.of("vip", "no/slash"), null, ordered("city", "Nairobi",
                        "first name", "Amina"), List.of("9lives"), true, null, BY, T0))
                .expectException(CommandExecutionException.class)
                .expectNoEvents()
                .expectExceptionDetails(invalidUpdate(
                        new FieldViolation("tags.add", "'no/slash': " + ContactDetailsPolicy.TAG_RULE),
                        new FieldViolation("attributes.set", "'first name': " + ContactDetailsPolicy.NAME_RULE),
                        new FieldViolation("attributes.remove", "'9lives': " + ContactDetailsPolicy.NAME_RULE)));
    }

    @Test
    void a_tag_longer_than_fifty_characters_or_a_value_longer_than_five_hundred_is_refused() {
        fixture.given(new ContactRegistered(CONTACT, T0))
                .when(new UpdateContact(CONTACT, List.of("x".repeat(51)), null, ordered("note", "y".repeat(501)), null,
                        null, null, BY, T0))
                .expectException(CommandExecutionException.class)
                .expectNoEvents();
        fixture.given(new ContactRegistered(CONTACT, T0))
                .when(new UpdateContact(CONTACT, List.of("x".repeat(50)), null, ordered("note", "y".repeat(500)), null,
                        null, null, BY, T0))
                .expectEvents(new ContactTagged(CONTACT, "x".repeat(50), BY, T0),
                        new ContactAttributeSet(CONTACT, "note", "y".repeat(500), BY, T0));
    }

    @Test
    void a_tag_both_added_and_removed_is_refused() {
        fixture.given(new ContactRegistered(CONTACT, T0))
                .when(tags(List.of("vip"), List.of(" VIP")))
                .expectException(CommandExecutionException.class)
                .expectExceptionDetails(invalidUpdate(new FieldViolation("tags", "'vip' is both added and removed")))
                .expectNoEvents();
    }

    @Test
    void a_contact_has_at_most_fifty_tags_counting_those_it_has() {
        Object[] fortyNine = IntStream.range(0, 49).mapToObj(i -> new ContactTagged(CONTACT, "t" + i, BY, T0)).toArray();
        fixture.given(new ContactRegistered(CONTACT, T0)).andGiven(List.of(fortyNine))
                .when(tags(List.of("one-more", "and-another"), List.of()))
                .expectException(CommandExecutionException.class)
                .expectExceptionDetails(invalidUpdate(new FieldViolation("tags", "at most 50 tags per contact")))
                .expectNoEvents();
        fixture.given(new ContactRegistered(CONTACT, T0)).andGiven(List.of(fortyNine))
                .when(tags(List.of("one-more", "and-another"), List.of("t0")))
                .expectEvents(new ContactUntagged(CONTACT, "t0", BY, T0), new ContactTagged(CONTACT, "one-more", BY, T0),
                        new ContactTagged(CONTACT, "and-another", BY, T0));
    }

    @Test
    void a_contact_has_at_most_fifty_attributes_and_a_changed_value_is_not_a_new_one() {
        Object[] fifty = IntStream.range(0, 50).mapToObj(i -> new ContactAttributeSet(CONTACT, "a" + i, "v", BY, T0))
                .toArray();
        fixture.given(new ContactRegistered(CONTACT, T0)).andGiven(List.of(fifty))
                .when(attributes(ordered("extra", "v"), List.of()))
                .expectException(CommandExecutionException.class)
                .expectExceptionDetails(invalidUpdate(new FieldViolation("attributes",
                        "at most 50 attributes per contact")))
                .expectNoEvents();
        fixture.given(new ContactRegistered(CONTACT, T0)).andGiven(List.of(fifty))
                .when(attributes(ordered("a0", "changed"), List.of()))
                .expectEvents(new ContactAttributeSet(CONTACT, "a0", "changed", BY, T0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {" VIP |vip", "Region:Nairobi|region:nairobi", "paid 2025.q4|paid 2025.q4",
            "a_b-c|a_b-c"})
    void tags_are_stored_trimmed_and_in_lower_case(String given, String stored) {
        assertThat(ContactDetailsPolicy.normalTag(given)).isEqualTo(stored);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"''", "'   '", "no/slash", "emoji✓", "comma,inside"})
    void tags_with_other_characters_or_empty_are_not_tags(String given) {
        assertThat(ContactDetailsPolicy.normalTag(given)).isNull();
    }

    @ParameterizedTest
    @CsvSource({"STOP,OPT_OUT", "stop.,OPT_OUT", " Unsubscribe ,OPT_OUT", "acha,OPT_OUT", "START,OPT_IN", "anza,OPT_IN"})
    void stop_and_start_words_in_english_and_swahili_are_recognised(String text, OptOutKeywords.Intent intent) {
        assertThat(OptOutKeywords.of(text)).contains(intent);
    }

    @ParameterizedTest
    @CsvSource({"please stop sending me ads", "stopwatch", "started"})
    void sentences_that_merely_contain_a_stop_word_are_not_an_opt_out(String text) {
        assertThat(OptOutKeywords.of(text)).isEmpty();
    }

    @Test
    void an_erased_contact_records_its_erasure_once() {
        ContactErased erased = new ContactErased(CONTACT, List.of(), "subject's request", "admin-1", T0);
        fixture.given(new ContactRegistered(CONTACT, T0),
                        new ContactIdentityLinked(CONTACT, IdentityType.WA_ID, "254712345678", T0), erased)
                .when(new EraseContact(CONTACT, List.of(), "subject's request", "admin-1", T0.plusSeconds(60)))
                .expectNoEvents();
    }

    @Test
    void the_same_number_after_erasure_is_linked_afresh() {
        fixture.given(new ContactRegistered(CONTACT, T0),
                        new ContactIdentityLinked(CONTACT, IdentityType.WA_ID, "254712345678", T0),
                        new ContactProfileNameChanged(CONTACT, "Wanjiku", T0),
                        new ContactErased(CONTACT, List.of(), "subject's request", "admin-1", T0))
                .when(new RegisterContact(CONTACT, "254712345678", null, "Wanjiku", T0.plusSeconds(60)))
                .expectEvents(new ContactIdentityLinked(CONTACT, IdentityType.WA_ID, "254712345678", T0.plusSeconds(60)),
                        new ContactProfileNameChanged(CONTACT, "Wanjiku", T0.plusSeconds(60)));
    }

    @Test
    void a_contact_that_came_back_after_erasure_can_be_erased_again() {
        ContactErased again = new ContactErased(CONTACT, List.of(), "asked again", "admin-1", T0.plusSeconds(120));
        fixture.given(new ContactRegistered(CONTACT, T0),
                        new ContactErased(CONTACT, List.of(), "subject's request", "admin-1", T0),
                        new ContactIdentityLinked(CONTACT, IdentityType.WA_ID, "254712345678", T0.plusSeconds(60)))
                .when(new EraseContact(CONTACT, List.of(), "asked again", "admin-1", T0.plusSeconds(120)))
                .expectEvents(again);
    }
}
