package ke.co.datacare.whatsapp.command.outbound;

import ke.co.datacare.whatsapp.app.support.TestDatabase;
import ke.co.datacare.whatsapp.command.graph.TrafficClass;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claims of attempts on the outbound path's own table: several batches commit at once, on this instance's claiming
 * threads and on another instance's, and an attempt is still claimed by exactly one of them.
 */
class AttemptClaimsTest {

    private static final TestDatabase.Own DATABASE = new TestDatabase.Own("claims");
    private static DataSource dataSource;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void migrate() {
        dataSource = DATABASE.dataSource();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
    }

    @AfterAll
    static void close() throws Exception {
        ((AutoCloseable) dataSource).close();
    }

    @Test
    void batches_claimed_at_once_here_and_on_another_instance_never_claim_one_attempt_twice() throws Exception {
        List<OutboundSender.Send> sends = IntStream.range(0, 600).mapToObj(i -> written("par-" + i)).toList();
        ConcurrentLinkedQueue<AttemptClaims.Outcome> outcomes = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(2 * 12);
        AttemptClaims here = claims(outcomes, done);
        AttemptClaims there = claims(outcomes, done);
        // each instance submits every attempt, in 12 overlapping batches of 100 that run on its claiming threads
        for (AttemptClaims claims : List.of(here, there)) {
            List<OutboundSender.Send> shuffled = new ArrayList<>(sends);
            Collections.shuffle(shuffled, new java.util.Random(claims == here ? 1 : 2));
            for (int batch = 0; batch < 12; batch++) {
                claims.submit(shuffled.subList(batch * 50, batch * 50 + 100 > 600 ? 600 : batch * 50 + 100).stream()
                        .map(send -> new AttemptClaims.Claim(send, false)).toList());
            }
        }
        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        here.stop(Duration.ofSeconds(5));
        there.stop(Duration.ofSeconds(5));

        List<String> claimed = outcomes.stream().flatMap(outcome -> outcome.claimed().stream())
                .map(OutboundSender.Send::messageId).toList();
        assertThat(outcomes.stream().filter(outcome -> outcome.failure() != null).map(outcome -> outcome.failure().getMessage()))
                .as("overlapping batches wait for each other, none deadlocks").isEmpty();
        assertThat(claimed).as("every attempt claimed, each once").hasSize(600).doesNotHaveDuplicates();
        assertThat(jdbc.queryForObject("select count(*) from outbound_message where message_id like 'par-%' "
                + "and attempts = 1 and claimed_at is not null", Integer.class)).isEqualTo(600);
    }

    @Test
    void an_attempt_already_claimed_is_not_claimed_again_until_it_is_unanswered_for_long() {
        OutboundSender.Send send = written("once-1");
        AttemptClaims claims = claims(new ConcurrentLinkedQueue<>(), new CountDownLatch(0));
        List<AttemptClaims.Claim> one = List.of(new AttemptClaims.Claim(send, false));
        assertThat(claims.claimNow(one).claimed()).containsExactly(send);
        assertThat(claims.claimNow(one).notClaimed()).as("claimed a moment ago: taken").containsExactly(send);
        claims.unclaim(List.of(send));
        assertThat(claims.claimNow(one).claimed()).as("given back at a clean stop: claimed again").containsExactly(send);
        claims.stop(Duration.ofSeconds(1));
    }

    private static AttemptClaims claims(ConcurrentLinkedQueue<AttemptClaims.Outcome> outcomes, CountDownLatch done) {
        AttemptClaims[] claims = new AttemptClaims[1];
        claims[0] = new AttemptClaims(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                Clock.systemUTC(), Duration.ofMinutes(2), () -> {
                    for (AttemptClaims.Outcome outcome = claims[0].poll(); outcome != null; outcome = claims[0].poll()) {
                        outcomes.add(outcome);
                    }
                    done.countDown();
                });
        return claims[0];
    }

    private static OutboundSender.Send written(String messageId) {
        jdbc.update("insert into outbound_message (message_id, conversation_id, contact_id, phone_number_id, content_json, "
                + "sent_by, queued_at, pending_attempt, pending_since) values (?, 'cv', 'ct', 'pn', '{}', 'campaign:c', now(), 1, now())",
                messageId);
        return new OutboundSender.Send(messageId, 1, "cv", "ct", "pn", "254700000000", null, null, TrafficClass.CAMPAIGN);
    }
}
