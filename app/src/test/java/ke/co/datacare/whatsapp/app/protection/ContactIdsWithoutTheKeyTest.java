package ke.co.datacare.whatsapp.app.protection;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.command.contact.ContactDirectory;
import ke.co.datacare.whatsapp.command.contact.ContactIdDerivation;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contact ids of new customers are keyed: someone holding the database but not the key cannot go from the ids back to
 * the numbers; contacts first seen before keep their unkeyed ids and are still found.
 */
class ContactIdsWithoutTheKeyTest extends SignedInTest {

    @Autowired
    private ContactDirectory directory;
    @Autowired
    private ContactIdDerivation ids;

    @Test
    void trying_every_nearby_number_against_the_database_finds_no_customer_without_the_key() {
        Customer customer = Customer.whoWrote(client, token, jdbc);
        long number = Long.parseLong(customer.waId());
        Set<String> idsInTheDatabase = new HashSet<>(jdbc.queryForList(
                "select contact_id from conversation_directory union select conversation_id from conversation_directory",
                String.class));
        assertThat(idsInTheDatabase).contains(customer.contactId(), customer.conversationId());

        List<String> found = LongStream.rangeClosed(number - 50_000, number + 50_000)
                .mapToObj(candidate -> ContactId.derivedFrom("wa_id:" + candidate).value())
                .filter(idsInTheDatabase::contains).toList();

        assertThat(found).isEmpty();
        assertThat(ContactId.derivedFrom("wa_id:" + customer.waId()).value()).isNotEqualTo(customer.contactId());
    }

    @Test
    void a_number_first_seen_before_ids_were_keyed_still_finds_its_contact() {
        String oldNumber = "2547" + (10_000_000 + System.nanoTime() % 89_999_999);
        String anotherOldNumber = "2547" + (10_000_000 + (System.nanoTime() + 7) % 89_999_999);
        ContactId unkeyed = ContactId.derivedFrom("wa_id:" + oldNumber);
        ContactId anotherUnkeyed = ContactId.derivedFrom("wa_id:" + anotherOldNumber);
        jdbc.update("insert into contact_identity (identity, contact_id) values (?, ?), (?, ?)", "wa_id:" + oldNumber,
                unkeyed.value(), "wa_id:" + anotherOldNumber, anotherUnkeyed.value());
        directory.forgetCached();

        assertThat(directory.resolve(oldNumber, null)).isEqualTo(unkeyed);
        assertThat(directory.resolveAll(List.of(anotherOldNumber)).get(anotherOldNumber).contactId())
                .isEqualTo(anotherUnkeyed);
        assertThat(directory.contactOfWaId(oldNumber)).isEqualTo(unkeyed);
    }

    @Test
    void a_new_number_gets_the_same_keyed_id_one_at_a_time_and_in_a_batch() {
        String one = "2547" + (10_000_000 + System.nanoTime() % 89_999_999);
        String other = "2547" + (10_000_000 + (System.nanoTime() + 11) % 89_999_999);

        ContactId resolvedAlone = directory.resolve(one, null);
        ContactId resolvedInABatch = directory.resolveAll(List.of(other)).get(other).contactId();

        assertThat(resolvedAlone).isNotEqualTo(ContactId.derivedFrom("wa_id:" + one));
        jdbc.update("delete from contact_identity where identity in (?, ?)", "wa_id:" + one, "wa_id:" + other);
        directory.forgetCached();
        assertThat(directory.resolveAll(List.of(one)).get(one).contactId()).isEqualTo(resolvedAlone);
        assertThat(directory.resolve(other, null)).isEqualTo(resolvedInABatch);
    }

    @Test
    void an_instance_that_knew_an_erased_customers_number_gives_it_a_new_id_within_half_a_minute() {
        String number = "2547" + (10_000_000 + (System.nanoTime() + 13) % 89_999_999);
        AtomicLong nanos = new AtomicLong();
        ContactDirectory anotherInstance = new ContactDirectory(jdbc, ids, nanos::get);
        ContactId erased = anotherInstance.resolve(number, null);

        directory.forgetIdentities(erased);
        nanos.addAndGet(Duration.ofSeconds(31).toNanos());

        ContactId fresh = anotherInstance.resolve(number, null);
        assertThat(fresh).isNotEqualTo(erased).isEqualTo(ids.derive("wa_id:" + number + "#2"));
        assertThat(directory.contactOfWaId(number)).isEqualTo(fresh);
    }
}
