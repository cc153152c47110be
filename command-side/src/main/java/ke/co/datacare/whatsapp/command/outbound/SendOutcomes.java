package ke.co.datacare.whatsapp.command.outbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.conversation.RecordSendAcceptance;
import ke.co.datacare.whatsapp.api.conversation.RecordSendFailure;
import ke.co.datacare.whatsapp.command.batch.CommandBatch;
import ke.co.datacare.whatsapp.command.config.DaemonThreads;
import ke.co.datacare.whatsapp.command.graph.GraphError;
import ke.co.datacare.whatsapp.command.graph.SendResult;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Records Meta's answers to the {@link OutboundSender}'s calls: the wamid on {@code outbound_message} and
 * {@link RecordSendAcceptance} or {@link RecordSendFailure} on the conversation (which the retry saga follows), many
 * answers in one transaction (the rows in one batch statement, the commands in the order of their conversations). A
 * batch that fails is recorded one answer at a time; an answer that cannot be recorded is tried again a few times, then
 * logged and dropped (the message stays claimed without an outcome).
 */
@Component
class SendOutcomes {

    private static final Logger log = LoggerFactory.getLogger(SendOutcomes.class);
    private static final int BATCH = 200;
    private static final int TRIES = 5;
    /** The order in which the sagas' batches send commands too ({@link ConversationId}): no deadlock between them. */
    private static final Comparator<Outcome> IN_CONVERSATION_ORDER =
            Comparator.comparing(outcome -> ConversationId.of(outcome.send().conversationId()));

    record Outcome(OutboundSender.Send send, SendResult result, int tries) {
    }

    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final CommandBatch transactions;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final BlockingQueue<Outcome> answers = new LinkedBlockingQueue<>();
    private volatile Consumer<String> recorded = id -> { };
    private final Thread worker;
    private volatile boolean running = true;

    SendOutcomes(CommandGateway commands, JdbcTemplate jdbc, CommandBatch transactions, Clock clock,
                 ObjectProvider<MeterRegistry> meters) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
        this.worker = DaemonThreads.named("outbound-outcomes").newThread(this::run);
        worker.start();
    }

    /** Told the id of every message whose answer is recorded or given up. */
    void whenRecorded(Consumer<String> listener) {
        recorded = listener;
    }

    void record(OutboundSender.Send send, SendResult result) {
        answers.add(new Outcome(send, result, 0));
    }

    /** Records what is waiting, for at most {@code limit} (at shutdown). */
    void drain(Duration limit) {
        long end = System.nanoTime() + limit.toNanos();
        while (!answers.isEmpty() && System.nanoTime() < end) {
            recordNext(Duration.ZERO);
        }
        running = false;
    }

    private void run() {
        while (running) {
            try {
                recordNext(Duration.ofMillis(100));
            } catch (RuntimeException e) {
                log.warn("Recording send outcomes failed: {}", e.toString());
            }
        }
    }

    private synchronized void recordNext(Duration wait) {
        List<Outcome> batch = new ArrayList<>();
        try {
            Outcome first = answers.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (first == null) {
                return;
            }
            batch.add(first);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        answers.drainTo(batch, BATCH - 1);
        try {
            inUnitOfWork(() -> apply(batch));
            batch.forEach(this::done);
        } catch (RuntimeException batchFailure) {
            if (batch.size() > 1) {
                log.info("Recording {} send outcomes together failed, one at a time: {}", batch.size(),
                        batchFailure.toString());
            }
            for (Outcome outcome : batch) {
                try {
                    inUnitOfWork(() -> apply(List.of(outcome)));
                    done(outcome);
                } catch (RuntimeException failure) {
                    retryLater(outcome, failure);
                }
            }
        }
    }

    /**
     * The rows of all outcomes in two batches, then the commands in the order of their conversations (their events are
     * appended together at the commit).
     */
    private void apply(List<Outcome> outcomes) {
        Timestamp now = Timestamp.from(clock.instant());
        List<Object[]> accepted = new ArrayList<>();
        List<Object[]> failed = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            OutboundSender.Send send = outcome.send();
            if (outcome.result() instanceof SendResult.Accepted acceptance) {
                accepted.add(new Object[]{acceptance.wamid(), now, send.messageId()});
            } else if (outcome.result() instanceof SendResult.Failed) {
                failed.add(new Object[]{now, send.messageId(), send.attempt()});
            }
        }
        if (!accepted.isEmpty()) {
            jdbc.batchUpdate("update outbound_message set wamid = ?, answered_at = ? where message_id = ?", accepted);
        }
        if (!failed.isEmpty()) {
            jdbc.batchUpdate("update outbound_message set answered_at = ? where message_id = ? and attempts = ?",
                    failed);
        }
        outcomes.stream().sorted(IN_CONVERSATION_ORDER).forEach(this::record);
    }

    private void record(Outcome outcome) {
        OutboundSender.Send send = outcome.send();
        ConversationId conversation = ConversationId.of(send.conversationId());
        if (outcome.result() instanceof SendResult.Accepted accepted) {
            count("accepted", "none");
            commands.sendAndWait(new RecordSendAcceptance(conversation, send.messageId(), accepted.wamid(),
                    clock.instant()));
        } else if (outcome.result() instanceof SendResult.Failed failed) {
            GraphError error = failed.error();
            count(error.errorClass().name().toLowerCase(), String.valueOf(error.code()));
            log.info("Message {} attempt {} failed: {} ({})", send.messageId(), send.attempt(), error.code(),
                    error.errorClass());
            commands.sendAndWait(new RecordSendFailure(conversation, send.messageId(), send.attempt(), error.code(),
                    error.title(), error.details(), error.errorClass().name(), clock.instant()));
        }
        if (send.attempt() > 1) {
            counters.computeIfAbsent("retries", key -> meters.counter("datacare.outbound.retries")).increment();
        }
    }

    private void retryLater(Outcome outcome, RuntimeException failure) {
        if (outcome.tries() + 1 >= TRIES) {
            log.error("Outcome of message {} attempt {} could not be recorded: {}", outcome.send().messageId(),
                    outcome.send().attempt(), failure.toString());
            done(outcome);
            return;
        }
        log.info("Outcome of message {} not recorded yet: {}", outcome.send().messageId(), failure.toString());
        answers.add(new Outcome(outcome.send(), outcome.result(), outcome.tries() + 1));
    }

    private void done(Outcome outcome) {
        recorded.accept(outcome.send().messageId());
    }

    private void count(String result, String code) {
        counters.computeIfAbsent(result + "|" + code, key -> meters.counter("datacare.outbound.sends",
                "result", result, "code", code)).increment();
    }

    /**
     * One transaction inside a root unit of work ({@link CommandBatch}), so that the commands join it and their events
     * are appended together and published after the commit; a failure forgets what the aggregates' caches kept of it.
     */
    private void inUnitOfWork(Runnable work) {
        transactions.inOneUnitOfWork(() -> {
            work.run();
            return null;
        });
    }
}
