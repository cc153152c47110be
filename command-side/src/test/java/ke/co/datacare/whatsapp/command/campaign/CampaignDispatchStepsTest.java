package ke.co.datacare.whatsapp.command.campaign;

import ke.co.datacare.whatsapp.api.campaign.CampaignId;
import ke.co.datacare.whatsapp.api.campaign.DeferCampaignDispatch;
import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.command.outbound.OutboundAttempts;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The steps of campaign dispatch that decide without a database: partitions, pacing, waits. */
class CampaignDispatchStepsTest {

    private static final CampaignProperties PROPERTIES = new CampaignProperties("unlimited", Duration.ofMillis(600), 4,
            200, Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofMinutes(10), true, 16, 4, Duration.ofSeconds(2),
            Duration.ofMillis(100));

    @Test
    void a_contact_always_falls_in_the_same_partition_and_every_key_in_exactly_one_partition() {
        String contact = "9f757f18-5ab7-31db-86bc-19559eb0f113";
        int key = RecipientPartitions.keyOf(contact);
        assertThat(RecipientPartitions.keyOf(contact)).isEqualTo(key).isBetween(0, RecipientPartitions.KEYS - 1);
        assertThat(RecipientPartitions.keyOf(null)).isZero();
        for (int partitions : List.of(1, 3, 16, 1024)) {
            Set<Integer> seen = new HashSet<>();
            IntStream.range(0, RecipientPartitions.KEYS).forEach(k -> seen.add(RecipientPartitions.partitionOf(k, partitions)));
            assertThat(seen).hasSize(partitions);
        }
        assertThat(RecipientPartitions.condition(Set.of(7, 2), 16)).isEqualTo("mod(partition_key, 16) in (2, 7)");
    }

    @Test
    void recipients_spread_over_all_partitions_roughly_evenly() {
        int[] perPartition = new int[16];
        IntStream.range(0, 16_000).forEach(i -> perPartition[RecipientPartitions.partitionOf(
                RecipientPartitions.keyOf(ContactId.derivedFrom("wa_id:2547" + i).value()), 16)]++);
        assertThat(Arrays.stream(perPartition).boxed().toList()).allSatisfy(count -> assertThat(count).isBetween(700, 1_300));
    }

    @Test
    void a_worker_queues_only_while_its_messages_are_attempted_within_the_lead_time() {
        OutboundAttempts attempts = mock(OutboundAttempts.class);
        when(attempts.attempted(anyCollection())).thenReturn(Set.of());
        DispatchPacing pacing = new DispatchPacing(attempts, PROPERTIES);
        CampaignId campaign = CampaignId.of("00000000000000c1");

        assertThat(pacing.room(CampaignId.of("00000000000000c0"), 800, 0.25)).as("a quarter of the partitions: a quarter of the least lead")
                .isEqualTo(1);
        assertThat(pacing.room(campaign, 800, 1.0)).as("a worker owning everything starts at the minimum lead").isEqualTo(4);
        pacing.queued(campaign, List.of("m1", "m2", "m3", "m4"));
        assertThat(pacing.settled(campaign)).isFalse();
        assertThat(pacing.room(campaign, 800, 1.0)).as("none attempted yet: no more room").isZero();

        when(attempts.attemptedHere(anyCollection())).thenReturn(Set.of("m1", "m2", "m3", "m4"));
        assertThat(pacing.room(campaign, 800, 1.0)).as("attempted by this instance's sender: room again").isPositive();
        assertThat(pacing.settled(campaign)).isTrue();
        pacing.keepOnly(List.of());
        assertThat(pacing.anyOutstanding()).isFalse();
    }

    @Test
    void messages_another_instance_attempted_are_found_in_the_database_within_half_a_second() throws InterruptedException {
        OutboundAttempts attempts = mock(OutboundAttempts.class);
        when(attempts.attempted(anyCollection())).thenReturn(Set.of());
        DispatchPacing pacing = new DispatchPacing(attempts, PROPERTIES);
        CampaignId campaign = CampaignId.of("00000000000000c3");
        assertThat(pacing.room(campaign, 800, 1.0)).isEqualTo(4);
        pacing.queued(campaign, List.of("m1", "m2", "m3", "m4"));
        assertThat(pacing.room(campaign, 800, 1.0)).as("asked the database: none attempted yet").isZero();

        when(attempts.attempted(anyCollection())).thenReturn(Set.of("m1", "m2", "m3", "m4"));
        assertThat(pacing.room(campaign, 800, 1.0)).as("the database is not asked again at once").isZero();
        Thread.sleep(550);
        assertThat(pacing.room(campaign, 800, 1.0)).as("asked again after half a second").isPositive();
        assertThat(pacing.settled(campaign)).isTrue();
    }

    @Test
    void a_wait_is_recorded_once_per_reason_and_end_and_again_when_the_end_moves() {
        CommandGateway commands = mock(CommandGateway.class);
        DispatchWaits waits = new DispatchWaits(commands);
        CampaignId campaign = CampaignId.of("00000000000000c2");
        Instant now = Instant.parse("2026-12-06T10:00:00Z");
        Instant until = now.plusSeconds(3_600);

        waits.defer(campaign, DispatchWaits.SEND_WINDOW, until, now);
        waits.defer(campaign, DispatchWaits.SEND_WINDOW, until, now.plusSeconds(1));
        verify(commands, times(1)).sendAndWait(any(DeferCampaignDispatch.class));
        waits.defer(campaign, DispatchWaits.MESSAGING_LIMIT, until.plusSeconds(60), now);
        verify(commands, times(2)).sendAndWait(any(DeferCampaignDispatch.class));
        waits.keepOnly(List.of());
        waits.defer(campaign, DispatchWaits.MESSAGING_LIMIT, until.plusSeconds(60), now);
        verify(commands, times(3)).sendAndWait(any(DeferCampaignDispatch.class));
    }
}
