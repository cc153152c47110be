package ke.co.datacare.whatsapp.command.outbound;

import ke.co.datacare.whatsapp.command.config.DaemonThreads;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Claims attempts durably ({@code attempts = n}, only if nobody took them yet) ahead of their tokens of Meta's rate, on
 * a thread of its own: the claim's commit, which takes milliseconds and on a busy machine tens of them, never sits
 * between a token and its request (where its jitter let more than the rate reach Meta in one second), and never holds
 * the pacing thread up (where the tokens that accrued meanwhile were lost). A batch's outcome comes back through
 * {@link #poll()}: the sends claimed, to be sent once a token is free, and those taken elsewhere (or answered already).
 * <p>
 * A send claimed and not yet sent is given back at a clean stop ({@link #unclaim}); after a crash it is made once the
 * sweep finds it unanswered, as any claimed attempt is.
 */
final class AttemptClaims {

    /** A batch's outcome: which sends were claimed here, which were not. */
    record Outcome(List<OutboundSender.Send> claimed, List<OutboundSender.Send> notClaimed, RuntimeException failure) {
    }

    /** A send to claim, and whether its content read erased when it was loaded (then it is claimed to be abandoned). */
    record Claim(OutboundSender.Send send, boolean loadedErased) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration unansweredAfter;
    private final Runnable onOutcome;
    private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final ExecutorService claimer = Executors.newSingleThreadExecutor(DaemonThreads.named("outbound-claims"));

    AttemptClaims(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock, Duration unansweredAfter,
                  Runnable onOutcome) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.unansweredAfter = unansweredAfter;
        this.onOutcome = onOutcome;
    }

    /** Claims the sends in one transaction, on the claiming thread; the outcome comes back through {@link #poll()}. */
    void submit(List<Claim> claims) {
        if (claims.isEmpty()) {
            return;
        }
        claimer.execute(() -> {
            outcomes.add(claimNow(claims));
            onOutcome.run();
        });
    }

    /** The outcome of a batch claimed since the last call, or null. */
    Outcome poll() {
        return outcomes.poll();
    }

    Outcome claimNow(List<Claim> claims) {
        try {
            int[][] claimed = claim(claims);
            List<OutboundSender.Send> taken = new ArrayList<>(claims.size());
            List<OutboundSender.Send> notTaken = new ArrayList<>();
            for (int i = 0; i < claims.size(); i++) {
                (claimed[0][i] == 1 ? taken : notTaken).add(claims.get(i).send());
            }
            return new Outcome(taken, notTaken, null);
        } catch (RuntimeException e) {
            return new Outcome(List.of(), claims.stream().map(Claim::send).toList(), e);
        }
    }

    /**
     * A message whose contact was erased since it was loaded is not claimed (its number is in this memory only): the
     * sweep hands it over again and, loaded erased, it is claimed and abandoned without a call to Meta.
     */
    private int[][] claim(List<Claim> claims) {
        Timestamp now = Timestamp.from(clock.instant());
        Timestamp stale = Timestamp.from(clock.instant().minus(unansweredAfter));
        return transactions.execute(status -> jdbc.batchUpdate("update outbound_message set attempts = ?, "
                        + "claimed_at = ?, answered_at = null where message_id = ? and wamid is null "
                        + "and (content_json <> ? or ?) "
                        + "and (attempts < ? or (attempts = ? and answered_at is null and claimed_at < ?))", claims,
                claims.size(), (statement, claim) -> {
                    OutboundSender.Send send = claim.send();
                    statement.setInt(1, send.attempt());
                    statement.setTimestamp(2, now);
                    statement.setString(3, send.messageId());
                    statement.setString(4, OutboundMessageErasure.ERASED_CONTENT);
                    statement.setBoolean(5, claim.loadedErased());
                    statement.setInt(6, send.attempt());
                    statement.setInt(7, send.attempt());
                    statement.setTimestamp(8, stale);
                }));
    }

    /**
     * Gives back claims that were never sent (at a clean stop): the attempt is handed over and unclaimed again, so
     * the sweep of any instance picks it up after its usual wait instead of the wait for an unanswered one.
     */
    void unclaim(List<OutboundSender.Send> sends) {
        if (sends.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("update outbound_message set attempts = ? where message_id = ? and attempts = ? "
                + "and answered_at is null and wamid is null", sends, sends.size(), (statement, send) -> {
                    statement.setInt(1, send.attempt() - 1);
                    statement.setString(2, send.messageId());
                    statement.setInt(3, send.attempt());
                });
    }

    /** Lets the batches submitted finish, for at most {@code wait}. */
    void stop(Duration wait) {
        claimer.shutdown();
        try {
            claimer.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
