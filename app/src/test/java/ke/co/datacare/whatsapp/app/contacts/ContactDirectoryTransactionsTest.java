package ke.co.datacare.whatsapp.app.contacts;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.app.support.IntegrationTest;
import ke.co.datacare.whatsapp.command.contact.ContactDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contact directory remembers links and conversations for the hot paths; what a transaction added is remembered
 * only if it commits, and no caller has to empty the caches after a rollback.
 */
class ContactDirectoryTransactionsTest extends IntegrationTest {

    private static final AtomicLong NUMBERS = new AtomicLong(254768000000L);
    private static final String BUSINESS_NUMBER = "1098765432";

    @Autowired
    ContactDirectory directory;
    @Autowired
    PlatformTransactionManager transactionManager;

    private <T> T rolledBack(java.util.function.Supplier<T> work) {
        return new TransactionTemplate(transactionManager).execute(status -> {
            status.setRollbackOnly();
            return work.get();
        });
    }

    private <T> T committed(java.util.function.Supplier<T> work) {
        return new TransactionTemplate(transactionManager).execute(status -> work.get());
    }

    @Test
    void a_number_linked_in_a_transaction_that_rolled_back_is_linked_again_by_the_next_one() {
        String waId = String.valueOf(NUMBERS.incrementAndGet());

        boolean linkedFirst = rolledBack(() -> directory.resolveAll(List.of(waId)).get(waId).linkedNow());
        boolean linkedAgain = committed(() -> directory.resolveAll(List.of(waId)).get(waId).linkedNow());
        boolean linkedThird = committed(() -> directory.resolveAll(List.of(waId)).get(waId).linkedNow());

        assertThat(linkedFirst).isTrue();
        assertThat(linkedAgain).as("the rolled-back link is not taken for stored").isTrue();
        assertThat(linkedThird).as("the committed link is").isFalse();
    }

    @Test
    void a_conversation_entered_in_a_transaction_that_rolled_back_is_entered_again_by_the_next_one() {
        ContactId contact = ContactId.of("contact-" + NUMBERS.incrementAndGet());

        boolean enteredFirst = rolledBack(() -> directory.conversationsOf(BUSINESS_NUMBER, List.of(contact))
                .get(contact).enteredNow());
        boolean ownerAfterRollback = directory.owner(ContactDirectory.idOfConversation(BUSINESS_NUMBER, contact)) != null;
        boolean enteredAgain = committed(() -> directory.conversationsOf(BUSINESS_NUMBER, List.of(contact))
                .get(contact).enteredNow());
        boolean enteredThird = committed(() -> directory.conversationsOf(BUSINESS_NUMBER, List.of(contact))
                .get(contact).enteredNow());

        assertThat(enteredFirst).isTrue();
        assertThat(ownerAfterRollback).as("a rolled-back conversation has no owner").isFalse();
        assertThat(enteredAgain).isTrue();
        assertThat(enteredThird).isFalse();
    }
}
