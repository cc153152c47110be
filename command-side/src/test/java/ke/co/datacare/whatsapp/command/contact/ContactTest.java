package ke.co.datacare.whatsapp.command.contact;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.contact.ContactIdentityLinked;
import ke.co.datacare.whatsapp.api.contact.ContactOptedIn;
import ke.co.datacare.whatsapp.api.contact.ContactOptedOut;
import ke.co.datacare.whatsapp.api.contact.ContactProfileNameChanged;
import ke.co.datacare.whatsapp.api.contact.ContactRegistered;
import ke.co.datacare.whatsapp.api.contact.IdentityType;
import ke.co.datacare.whatsapp.api.contact.RecordOptIn;
import ke.co.datacare.whatsapp.api.contact.RecordOptOut;
import ke.co.datacare.whatsapp.api.contact.RegisterContact;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ContactTest {

    private static final ContactId CONTACT = ContactId.of("contact-1");
    private static final Instant T0 = Instant.parse("2026-11-25T07:00:00Z");

    private FixtureConfiguration<Contact> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Contact.class);
    }

    @Test
    void a_new_whatsapp_user_is_registered_with_identity_and_profile_name() {
        fixture.givenNoPriorActivity()
                .when(new RegisterContact(CONTACT, "254712345678", null, "Wanjiku", T0))
                .expectEvents(new ContactRegistered(CONTACT, T0),
                        new ContactIdentityLinked(CONTACT, IdentityType.WA_ID, "254712345678", T0),
                        new ContactProfileNameChanged(CONTACT, "Wanjiku", T0));
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
                .expectEvents(new ContactOptedIn(CONTACT, "keyword", T0));
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
}
