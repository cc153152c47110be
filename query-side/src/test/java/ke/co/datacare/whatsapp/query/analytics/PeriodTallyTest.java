package ke.co.datacare.whatsapp.query.analytics;

import ke.co.datacare.whatsapp.api.query.AnalyticsOverview;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class PeriodTallyTest {

    private final PeriodTally week = new PeriodTally(LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 29));

    @Test
    void rates_relate_delivered_to_all_messages_read_to_delivered_and_failed_to_all_messages() {
        week.outbound(3, 3, 2, 1, 0);
        week.outbound(3, 2, 1, 1, 1);

        AnalyticsOverview.Outbound outbound = week.toPeriod().outbound();

        assertThat(outbound.messages()).isEqualTo(6);
        assertThat(outbound.deliveryRate()).isEqualTo(0.5);
        assertThat(outbound.readRate()).isEqualTo(0.6667);
        assertThat(outbound.failureRate()).isEqualTo(0.1667);
    }

    @Test
    void a_period_without_outbound_messages_has_no_rates_rather_than_zero() {
        AnalyticsOverview.Outbound outbound = week.toPeriod().outbound();

        assertThat(outbound.deliveryRate()).isNull();
        assertThat(outbound.readRate()).isNull();
        assertThat(outbound.failureRate()).isNull();
    }

    @Test
    void error_codes_of_several_days_add_up_and_the_most_frequent_come_first() {
        week.error(131026, "Message undeliverable", 1);
        week.error(131047, "Re-engagement message", 2);
        week.error(131026, "Message undeliverable", 2);
        week.error(130472, "User's number is part of an experiment", 1);

        assertThat(week.toPeriod().topErrors()).containsExactly(
                new AnalyticsOverview.ErrorCount(131026, "Message undeliverable", 3),
                new AnalyticsOverview.ErrorCount(131047, "Re-engagement message", 2),
                new AnalyticsOverview.ErrorCount(130472, "User's number is part of an experiment", 1));
    }

    @Test
    void contacts_who_wrote_before_the_period_are_returning() {
        week.contacts(5, 2);

        AnalyticsOverview.Contacts contacts = week.toPeriod().contacts();

        assertThat(contacts.newContacts()).isEqualTo(2);
        assertThat(contacts.returningContacts()).isEqualTo(3);
    }
}
