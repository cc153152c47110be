package ke.co.datacare.whatsapp.command.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.conversation.outbound.ErrorClass;
import ke.co.datacare.whatsapp.api.conversation.outbound.OutboundContent;
import ke.co.datacare.whatsapp.command.config.DaemonThreads;
import ke.co.datacare.whatsapp.command.graph.GraphApiClient;
import ke.co.datacare.whatsapp.command.graph.GraphApiProperties;
import ke.co.datacare.whatsapp.command.graph.GraphError;
import ke.co.datacare.whatsapp.command.graph.SendResult;
import ke.co.datacare.whatsapp.command.graph.SendThrottle;
import ke.co.datacare.whatsapp.command.graph.TrafficClass;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static java.util.stream.Collectors.joining;

/**
 * Calls Meta for the attempts the {@link OutboundDispatcher} hands over, many at once and without a thread per
 * request. One pacing thread does everything but wait:
 * <ol>
 *     <li>loads the handed-over attempts in batches and lines them up per recipient (a recipient's messages go one
 *     after the other, in the order they were queued, each once Meta answered the one before);</li>
 *     <li>keeps a few of the ready sends claimed ahead of the rate (what it clears in {@code CLAIM_AHEAD}): each
 *     takes its recipient's pair permit (a recipient held by its pair limit is put aside until then, without holding
 *     anyone else up) and is claimed by {@link AttemptClaims} in one transaction per batch ({@code attempts = n}, only
 *     if not taken yet) on a thread of its own, so an attempt is never made twice, by this instance or another;</li>
 *     <li>takes tokens of the shared {@link SendThrottle}'s rate for the claimed sends, in one store round trip per
 *     bucket (conversations before campaigns), and sends each as soon as its token is taken, with
 *     {@link GraphApiClient#sendAsync}, at most {@code maxInFlight} outstanding: nothing but the HTTP client lies between
 *     a token and its request, so the jitter of the claim's commit no longer lets more than the rate reach Meta in a
 *     second ({@code whatsapp.outbound.admission} times what remains).</li>
 * </ol>
 * Answers go to the {@link SendOutcomes}, which records them in batches. Attempts written with their event but not
 * claimed ({@code pending_attempt > attempts}) for longer than {@code SWEEP_AFTER} are picked up again by any
 * instance, so an instance that dies with a backlog loses nothing. A claimed attempt whose answer was never recorded
 * ({@code answered_at}) {@code UNANSWERED_AFTER} after its claim belonged to an instance that died between the call
 * and the record: it is claimed and made again (at least once; Meta may have had the first request, which is the one
 * duplicate window left).
 */
@Component
class OutboundSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboundSender.class);
    private static final int LOAD_BATCH = 500;
    private static final int SEND_BATCH = 256;
    private static final long MAX_PARK_NANOS = Duration.ofMillis(5).toNanos();
    /** Sends kept claimed ahead of the rate: what it clears in this time, at least {@link #MIN_CLAIM_AHEAD}. */
    private static final Duration CLAIM_AHEAD = Duration.ofMillis(200);
    private static final int MIN_CLAIM_AHEAD = 2;
    /** When a claim that failed (the database away) is tried again. */
    private static final Duration CLAIM_RETRY = Duration.ofSeconds(1);
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(5);
    private static final Duration SWEEP_AFTER = Duration.ofSeconds(30);
    /** Far past the request timeout and the recording of the answer: whoever claimed it is gone. */
    private static final Duration UNANSWERED_AFTER = Duration.ofMinutes(2);

    /** An attempt the dispatcher wrote down with its event. */
    record Attempt(String messageId, int attempt) {
    }

    /** An attempt loaded and ready to be paced and sent. */
    record Send(String messageId, int attempt, String conversationId, String contactId, String phoneNumberId,
                String recipient, OutboundContent content, String replyToWamid, TrafficClass traffic) {

        Send withRecipient(String recipient) {
            return new Send(messageId, attempt, conversationId, contactId, phoneNumberId, recipient, content,
                    replyToWamid, traffic);
        }

        /** A recipient's messages wait in one line (contacts without a WhatsApp id each in their own). */
        String recipientKey() {
            return phoneNumberId + ":" + (recipient == null ? "contact:" + contactId : recipient);
        }
    }

    private record Delayed(Send send, long dueNanos) {
    }

    private final GraphApiClient graph;
    private final SendThrottle throttle;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;
    private final Clock clock;
    private final SendOutcomes outcomes;
    private final OutboundAttempts attempts;
    private final Semaphore inFlight;
    private final int maxInFlight;
    private final AttemptClaims claims;
    /** From a token of the rate to the request handed to the HTTP client. */
    private final Timer admission;
    private final SenderWaits waits;

    private final Queue<Attempt> handedOver = new ConcurrentLinkedQueue<>();
    private final Queue<Send> answered = new ConcurrentLinkedQueue<>();
    /** The messages this instance holds, with the newest attempt handed over for each. */
    private final Map<String, Integer> held = new ConcurrentHashMap<>();
    // owned by the pacing thread
    private final Map<String, Deque<Send>> lines = new HashMap<>();
    private final Deque<Send> conversationsReady = new ArrayDeque<>();
    private final Deque<Send> campaignsReady = new ArrayDeque<>();
    private final Deque<Send> claimedConversations = new ArrayDeque<>();
    private final Deque<Send> claimedCampaigns = new ArrayDeque<>();
    /** Sends submitted for claiming and not yet back, conversations [0] and campaigns [1]. */
    private final int[] claiming = new int[2];
    private final PriorityQueue<Delayed> pairLimited = new PriorityQueue<>((a, b) -> Long.compare(a.dueNanos(), b.dueNanos()));
    /** Messages whose content read erased when they were loaded: their contact is gone, they are claimed to be abandoned. */
    private final Set<String> loadedErased = new HashSet<>();
    private long nextSweep;

    private volatile boolean running;
    private volatile Thread pacer;

    OutboundSender(GraphApiClient graph, SendThrottle throttle, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                   ObjectMapper json, Clock clock, SendOutcomes outcomes, OutboundAttempts attempts,
                   GraphApiProperties properties, ObjectProvider<MeterRegistry> meters) {
        this.graph = graph;
        this.throttle = throttle;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.json = json;
        this.clock = clock;
        this.outcomes = outcomes;
        this.attempts = attempts;
        this.maxInFlight = properties.maxInFlight();
        this.inFlight = new Semaphore(maxInFlight);
        this.claims = new AttemptClaims(jdbc, this.transactions, clock, UNANSWERED_AFTER, () -> LockSupport.unpark(pacer));
        MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
        this.admission = Timer.builder("whatsapp.outbound.admission")
                .description("From a token of Meta's rate to the request handed to the HTTP client")
                .register(registry);
        this.waits = new SenderWaits(registry);
        outcomes.whenRecorded(this::released);
    }

    /** Takes over an attempt whose event has committed; an attempt no newer than the one it holds is ignored. */
    void handOver(String messageId, int attempt) {
        // a retry may be handed over before the failed attempt's outcome released the message: a newer attempt
        // always goes through (claims are conditional, so an attempt queued twice is still sent once)
        boolean[] newer = {false};
        held.compute(messageId, (id, before) -> {
            newer[0] = before == null || before < attempt;
            return newer[0] ? attempt : before;
        });
        if (newer[0]) {
            handedOver.add(new Attempt(messageId, attempt));
            LockSupport.unpark(pacer);
        }
    }

    /** Whether this instance holds the message (handed over, not yet answered and recorded). */
    boolean holds(String messageId) {
        return held.containsKey(messageId);
    }

    /** Called by {@link SendOutcomes} once the answer to a message is recorded (or given up). */
    void released(String messageId) {
        held.remove(messageId);
    }

    private void run() {
        while (running) {
            try {
                long wait = round();
                LockSupport.parkNanos(this, Math.min(Math.max(wait, 1), MAX_PARK_NANOS));
            } catch (RuntimeException e) {
                log.warn("Outbound sending round failed: {}", e.toString());
                LockSupport.parkNanos(this, Duration.ofMillis(500).toNanos());
            }
        }
    }

    /** One round: take in what arrived, send what the throttle allows; returns the nanoseconds until worth trying again. */
    long round() {
        long now = System.nanoTime();
        for (Send done = answered.poll(); done != null; done = answered.poll()) {
            next(done);
        }
        sweep(now);
        takeIn();
        while (!pairLimited.isEmpty() && pairLimited.peek().dueNanos() <= now) {
            Send send = pairLimited.poll().send();
            ready(send).addFirst(send);
        }
        return pace();
    }

    /**
     * Claims ready sends ahead of the rate ({@link AttemptClaims}, on its own thread), then spends the rate's tokens on
     * sends already claimed, conversations first, each sent as soon as its token is taken: nothing but the call to
     * the HTTP client lies between a token and its request.
     */
    private long pace() {
        collectClaims();
        claimAhead(conversationsReady, claimedConversations);
        claimAhead(campaignsReady, claimedCampaigns);
        long wait = MAX_PARK_NANOS;
        for (Deque<Send> claimed : List.of(claimedConversations, claimedCampaigns)) {
            while (!claimed.isEmpty()) {
                Send head = claimed.peekFirst();
                int wanted = sameNumberAhead(claimed, head.phoneNumberId(), SEND_BATCH);
                // conversations went first: a campaign may take what none of them waits for here
                SendThrottle.RateTokens tokens = head.traffic() == TrafficClass.CAMPAIGN
                        ? throttle.takeCampaignRate(head.phoneNumberId(), wanted, conversationsWaiting())
                        : throttle.takeRate(head.phoneNumberId(), head.traffic(), wanted);
                if (tokens.granted() == 0) {
                    waits.refusing(head.traffic(), true);
                    wait = Math.min(wait, tokens.waitNanos());
                    break;
                }
                long admitted = System.nanoTime();
                waits.refusing(head.traffic(), false);
                for (int i = 0; i < tokens.granted(); i++) {
                    call(claimed.pollFirst(), admitted);
                }
            }
        }
        waits.waiting(TrafficClass.CONVERSATION, waitingFor(conversationsReady, claimedConversations, 0));
        waits.waiting(TrafficClass.CAMPAIGN, waitingFor(campaignsReady, claimedCampaigns, 1));
        if (!pairLimited.isEmpty()) {
            wait = Math.min(wait, pairLimited.peek().dueNanos() - System.nanoTime());
        }
        return wait;
    }

    /** What a traffic class waits for after a round: its claimed sends are left only when the rate refused them. */
    private SenderWaits.Waiting waitingFor(Deque<Send> ready, Deque<Send> claimed, int index) {
        if (!claimed.isEmpty()) {
            return SenderWaits.Waiting.RATE;
        }
        return !ready.isEmpty() || claiming[index] > 0 ? SenderWaits.Waiting.CLAIMS : SenderWaits.Waiting.WORK;
    }

    private boolean conversationsWaiting() {
        return !conversationsReady.isEmpty() || !claimedConversations.isEmpty() || claiming[0] > 0;
    }

    /**
     * Submits ready sends for claiming, one batch at a time, once half of those claimed ahead are spent, as many as
     * bring the claimed ones of the traffic class back to {@link #claimAhead} of the head's number (what its rate
     * clears in {@code CLAIM_AHEAD}), each with its recipient's pair permit (all of a batch's asked for at once) and a
     * place in flight; a recipient held by its pair limit is put aside until then, without holding anyone else up.
     */
    private void claimAhead(Deque<Send> ready, Deque<Send> claimed) {
        if (ready.isEmpty()) {
            return;
        }
        int index = ready == conversationsReady ? 0 : 1;
        int ahead = claimAhead(ready.peekFirst().phoneNumberId());
        int room = ahead - claimed.size() - claiming[index];
        if (claiming[index] > 0 || (room < (ahead + 1) / 2 && !claimed.isEmpty())) {
            // one claim at a time, topped up when half is spent: what became ready while a claim committed goes in the
            // next one, so claims grow with their latency instead of queueing up behind each other on one thread
            return;
        }
        List<Send> taken = new ArrayList<>();
        while (taken.size() < room && !ready.isEmpty() && inFlight.tryAcquire()) {
            taken.add(ready.pollFirst());
        }
        List<SendThrottle.Permit> pairs = throttle.pollPairs(taken.stream()
                .map(send -> new SendThrottle.Recipient(send.phoneNumberId(), send.recipient())).toList());
        List<AttemptClaims.Claim> batch = new ArrayList<>(taken.size());
        for (int i = 0; i < taken.size(); i++) {
            Send send = taken.get(i);
            if (pairs.get(i).granted()) {
                batch.add(new AttemptClaims.Claim(send, loadedErased.remove(send.messageId())));
            } else {
                inFlight.release();
                pairLimited.add(new Delayed(send, System.nanoTime() + pairs.get(i).waitNanos()));
            }
        }
        claiming[index] += batch.size();
        claims.submit(batch);
    }

    /** How many sends of a traffic class to keep claimed ahead of the rate of {@code phoneNumberId}. */
    private int claimAhead(String phoneNumberId) {
        int perSecond = throttle.limits().messagesPerSecond(phoneNumberId);
        return Math.max(MIN_CLAIM_AHEAD, (int) Math.ceil(perSecond * CLAIM_AHEAD.toNanos() / 1e9));
    }

    /** Takes in what the claiming thread has claimed: those claimed wait for a token, the others leave the line. */
    private void collectClaims() {
        for (AttemptClaims.Outcome outcome = claims.poll(); outcome != null; outcome = claims.poll()) {
            if (outcome.failure() != null) {
                log.warn("Claiming {} attempts failed: {}", outcome.notClaimed().size(), outcome.failure().toString());
            }
            List<Send> all = new ArrayList<>(outcome.claimed());
            all.addAll(outcome.notClaimed());
            all.forEach(send -> claiming[send.traffic() == TrafficClass.CAMPAIGN ? 1 : 0]--);
            attempts.claimed(waits.waitedForRate(outcome.claimed()));
            outcome.claimed().forEach(send -> claimedQueue(send).addLast(send));
            for (Send send : outcome.notClaimed()) {
                inFlight.release();
                if (outcome.failure() != null) {
                    // the claim did not commit: tried again a little later, still first of its line
                    pairLimited.add(new Delayed(send, System.nanoTime() + CLAIM_RETRY.toNanos()));
                } else {
                    waits.forget(send.messageId());
                    held.remove(send.messageId());
                    next(send);
                }
            }
        }
    }

    private Deque<Send> claimedQueue(Send send) {
        return send.traffic() == TrafficClass.CAMPAIGN ? claimedCampaigns : claimedConversations;
    }

    /** Makes the call for a claimed send whose token was taken at {@code admitted}. */
    private void call(Send send, long admitted) {
        if (send.recipient() == null) {
            inFlight.release();
            answered.add(send);
            outcomes.record(send, new SendResult.Failed(new GraphError(0, null, null, "No WhatsApp identity",
                    "The contact has no phone number or user id to send to", null, null, ErrorClass.PERMANENT)));
            return;
        }
        CompletableFuture<SendResult> result = graph.sendAsync(send.phoneNumberId(), send.recipient(), send.content(),
                send.replyToWamid(), send.messageId());
        admission.record(System.nanoTime() - admitted, TimeUnit.NANOSECONDS);
        result.whenComplete((answer, impossible) -> {
            inFlight.release();
            answered.add(send);
            outcomes.record(send, answer);
            LockSupport.unpark(pacer);
        });
    }

    /** How many of the first {@code most} claimed sends go from this business number (the tokens worth asking for). */
    private static int sameNumberAhead(Deque<Send> claimed, String phoneNumberId, int most) {
        int count = 0;
        for (Send send : claimed) {
            if (count == most || !Objects.equals(send.phoneNumberId(), phoneNumberId)) {
                break;
            }
            count++;
        }
        return count;
    }

    /** The recipient's next message, if any, becomes ready: the line moves on once Meta answered. */
    private void next(Send done) {
        Deque<Send> line = lines.get(done.recipientKey());
        if (line == null) {
            return;
        }
        line.pollFirst();
        if (line.isEmpty()) {
            lines.remove(done.recipientKey());
        } else {
            becomesReady(line.peekFirst());
        }
    }

    private void becomesReady(Send send) {
        waits.ready(send);
        ready(send).addLast(send);
    }

    private Deque<Send> ready(Send send) {
        return send.traffic() == TrafficClass.CAMPAIGN ? campaignsReady : conversationsReady;
    }

    private void takeIn() {
        List<Attempt> batch = new ArrayList<>();
        for (Attempt attempt = handedOver.poll(); attempt != null; attempt = handedOver.poll()) {
            batch.add(attempt);
            if (batch.size() == LOAD_BATCH) {
                lineUp(load(batch));
                batch.clear();
            }
        }
        lineUp(load(batch));
    }

    private void lineUp(Collection<Send> sends) {
        for (Send send : sends) {
            Deque<Send> line = lines.computeIfAbsent(send.recipientKey(), key -> new ArrayDeque<>());
            line.addLast(send);
            if (line.size() == 1) {
                becomesReady(send);
            }
        }
    }

    private List<Send> load(List<Attempt> attempts) {
        if (attempts.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> wanted = new HashMap<>();
        attempts.forEach(attempt -> wanted.put(attempt.messageId(), attempt.attempt()));
        String marks = attempts.stream().map(attempt -> "?").collect(joining(","));
        Map<String, Send> loaded = new HashMap<>();
        List<String> contacts = new ArrayList<>();
        jdbc.query("select message_id, conversation_id, contact_id, phone_number_id, content_json, reply_to_wamid, "
                + "sent_by, wamid, attempts, claimed_at, answered_at from outbound_message where message_id in (" + marks + ")", rs -> {
            String messageId = rs.getString("message_id");
            int attempt = wanted.get(messageId);
            boolean unanswered = rs.getTimestamp("answered_at") == null && rs.getTimestamp("claimed_at") != null
                    && rs.getTimestamp("claimed_at").toInstant().isBefore(clock.instant().minus(UNANSWERED_AFTER));
            if (rs.getString("wamid") != null || rs.getInt("attempts") > attempt
                    || (rs.getInt("attempts") == attempt && !unanswered)) {
                return;
            }
            contacts.add(rs.getString("contact_id"));
            if (OutboundMessageErasure.ERASED_CONTENT.equals(rs.getString("content_json"))) {
                loadedErased.add(messageId);
            }
            loaded.put(messageId, new Send(messageId, attempt, rs.getString("conversation_id"), rs.getString("contact_id"),
                    rs.getString("phone_number_id"), null, content(messageId, rs.getString("content_json")),
                    rs.getString("reply_to_wamid"), rs.getString("sent_by").startsWith("campaign:")
                    ? TrafficClass.CAMPAIGN : TrafficClass.CONVERSATION));
        }, wanted.keySet().toArray());
        wanted.keySet().stream().filter(id -> !loaded.containsKey(id)).forEach(held::remove);
        // lines are keyed by recipient, so the recipient is known before a send joins one; they line up in the order
        // they were handed over (the order their events committed), not the order the rows came back in
        Map<String, String> recipients = recipients(contacts);
        return inHandOverOrder(attempts, loaded).stream()
                .map(send -> send.withRecipient(recipients.get(send.contactId()))).toList();
    }

    /**
     * The loaded sends in the order their attempts were handed over, which is the order their events committed: a
     * recipient's line must follow it (a bot's greeting before its menu), whatever order the rows were read in.
     */
    static List<Send> inHandOverOrder(List<Attempt> handedOver, Map<String, Send> loaded) {
        return handedOver.stream().map(attempt -> loaded.get(attempt.messageId())).filter(Objects::nonNull).distinct()
                .toList();
    }

    /** The WhatsApp id to send to per contact: the phone number, else the business-scoped user id. */
    private Map<String, String> recipients(Collection<String> contactIds) {
        List<String> distinct = contactIds.stream().distinct().toList();
        Map<String, String> byContact = new HashMap<>();
        if (distinct.isEmpty()) {
            return byContact;
        }
        jdbc.query("select contact_id, identity from contact_identity where contact_id in ("
                + distinct.stream().map(id -> "?").collect(joining(",")) + ") order by identity desc", rs -> {
            String contact = rs.getString(1);
            String identity = rs.getString(2);
            if (identity.startsWith("wa_id:")) {
                byContact.put(contact, identity.substring(6));
            } else if (identity.startsWith("user_id:")) {
                byContact.putIfAbsent(contact, identity.substring(8));
            }
        }, distinct.toArray());
        return byContact;
    }

    /** Hands over again what waits unclaimed for longer than it should (its instance died before the claim). */
    private void sweep(long now) {
        if (now - nextSweep < 0) {
            return;
        }
        nextSweep = now + SWEEP_EVERY.toNanos();
        jdbc.query("select message_id, pending_attempt from outbound_message where pending_attempt > attempts "
                        + "and pending_since < ? and wamid is null limit 5000",
                rs -> {
                    handOver(rs.getString(1), rs.getInt(2));
                }, Timestamp.from(clock.instant().minus(SWEEP_AFTER)));
        jdbc.query("select message_id, attempts from outbound_message where answered_at is null and wamid is null "
                        + "and claimed_at < ? limit 5000",
                rs -> {
                    handOver(rs.getString(1), rs.getInt(2));
                }, Timestamp.from(clock.instant().minus(UNANSWERED_AFTER)));
    }

    private OutboundContent content(String messageId, String stored) {
        try {
            return json.readValue(stored, OutboundContent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored content of " + messageId + " is not readable", e);
        }
    }

    @Override
    public void start() {
        running = true;
        Thread thread = DaemonThreads.named("outbound-sender").newThread(this::run);
        pacer = thread;
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = pacer;
        if (thread != null) {
            LockSupport.unpark(thread);
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        claims.stop(Duration.ofSeconds(5));
        giveBackUnsentClaims();
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (inFlight.availablePermits() < maxInFlight && System.nanoTime() < end) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        outcomes.drain(Duration.ofSeconds(10));
    }

    /** The sends claimed and never sent are unclaimed, for the sweep of whichever instance runs next. */
    private void giveBackUnsentClaims() {
        collectClaims();
        List<Send> unsent = new ArrayList<>(claimedConversations);
        unsent.addAll(claimedCampaigns);
        claimedConversations.clear();
        claimedCampaigns.clear();
        try {
            claims.unclaim(unsent);
        } catch (RuntimeException e) {
            log.warn("Could not give back {} claimed attempts at stop: {}", unsent.size(), e.toString());
        }
        unsent.forEach(send -> inFlight.release());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the event processors (which hand attempts over) and before the database goes. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 30;
    }
}
