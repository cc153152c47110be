package ke.co.datacare.whatsapp.command.campaign;

import ke.co.datacare.whatsapp.command.config.DaemonThreads;
import ke.co.datacare.whatsapp.command.graph.BusinessNumbers;
import ke.co.datacare.whatsapp.command.outbound.OutboundAttempts;
import ke.co.datacare.whatsapp.command.partition.PartitionClaims;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;

/**
 * Dispatches running campaigns with {@code workers} threads per instance, each owning some of the {@code partitions}
 * of every campaign's recipients ({@link PartitionClaims}: PostgreSQL advisory locks, rebalanced as workers come and
 * go on any instance, taken over when an instance dies). Round after round, for every running campaign, a worker
 * runs the steps: {@link AudienceResolution} (once per campaign, by the owner of the campaign's partition), the send
 * window, {@link DispatchPacing}, {@link RecipientQueue} (with {@link MessagingLimitAdmission}) for its partitions,
 * and {@link CampaignCompletion}; {@link DispatchWaits} records why a campaign waits. The running campaigns are read
 * at most every {@code statusMaxAge} (50 ms) for all of this instance's workers ({@link RunningCampaigns}), so a pause
 * or cancel stops new queueing within that.
 */
class CampaignDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CampaignDispatcher.class);

    private final DataSource dataSource;
    private final RunningCampaigns campaigns;
    private final AudienceResolution resolution;
    private final RecipientQueue queue;
    private final CampaignCompletion completion;
    private final DispatchWaits waits;
    private final OutboundAttempts attempts;
    private final CampaignProperties properties;
    private final BusinessNumbers numbers;
    private final Clock clock;
    private final Map<Integer, Set<Integer>> heldByWorker = new ConcurrentHashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;

    CampaignDispatcher(DataSource dataSource, RunningCampaigns campaigns, AudienceResolution resolution,
                       RecipientQueue queue, CampaignCompletion completion, DispatchWaits waits,
                       OutboundAttempts attempts, CampaignProperties properties, BusinessNumbers numbers, Clock clock) {
        this.dataSource = dataSource;
        this.campaigns = campaigns;
        this.resolution = resolution;
        this.queue = queue;
        this.completion = completion;
        this.waits = waits;
        this.attempts = attempts;
        this.properties = properties;
        this.numbers = numbers;
        this.clock = clock;
    }

    /** One round of one worker over every running campaign; returns how much it did (0: nothing to do now). */
    int round(Set<Integer> partitions, DispatchPacing pacing) {
        List<RunningCampaigns.Running> running = campaigns.now();
        List<String> ids = running.stream().map(campaign -> campaign.id().value()).toList();
        pacing.keepOnly(ids);
        waits.keepOnly(ids);
        int work = 0;
        for (RunningCampaigns.Running campaign : running) {
            try {
                work += advance(campaign, partitions, pacing);
            } catch (RuntimeException e) {
                log.warn("Campaign {} dispatch round failed: {}", campaign.id(), e.toString());
            }
        }
        return work;
    }

    private int advance(RunningCampaigns.Running campaign, Set<Integer> partitions, DispatchPacing pacing) {
        Instant now = clock.instant();
        if (!campaign.resolved()) {
            if (!partitions.contains(AudienceResolution.resolvedBy(campaign, properties.partitions()))) {
                return 0;
            }
            resolution.resolve(campaign, now);
            campaigns.forget();
            return 1;
        }
        SendWindowPolicy window = new SendWindowPolicy(campaign.window());
        if (!window.isOpen(now)) {
            waits.defer(campaign.id(), DispatchWaits.SEND_WINDOW, window.nextOpening(now), now);
            return 0;
        }
        int room = pacing.room(campaign.id(), campaignRate(campaign), partitions.size() / (double) properties.partitions());
        if (room <= 0) {
            return 0;
        }
        RecipientQueue.Batch batch = queue.queue(campaign, partitions, properties.partitions(),
                Math.min(room, properties.maxBatch()), now);
        if (batch.templateGone()) {
            waits.pause(campaign.id(), DispatchWaits.TEMPLATE_NOT_APPROVED, now);
            return 0;
        }
        if (batch.limitedUntil() != null) {
            waits.defer(campaign.id(), DispatchWaits.MESSAGING_LIMIT, batch.limitedUntil(), now);
            return 0;
        }
        if (batch.nonePending()) {
            if (pacing.settled(campaign.id())) {
                completion.completeIfDone(campaign, now);
            }
            return 0;
        }
        pacing.queued(campaign.id(), batch.queued());
        return Math.max(1, batch.queued().size());
    }

    /**
     * The rate of the campaign's number: a campaign is guaranteed the rate less the share reserved for conversations,
     * and takes the rest whenever no conversation waits for it (the sender's rule), so dispatch may run ahead for all
     * of it.
     */
    private double campaignRate(RunningCampaigns.Running campaign) {
        return Math.max(1, numbers.messagesPerSecond(numbers.from(campaign.phoneNumberId())));
    }

    /** The partitions each worker of this instance owns now (for tests and diagnostics). */
    Map<Integer, Set<Integer>> heldPartitions() {
        return Map.copyOf(heldByWorker);
    }

    /** One worker: claims its share of the partitions and runs rounds over them. */
    private void work(int worker) {
        DispatchPacing pacing = new DispatchPacing(attempts, properties);
        try (PartitionClaims claims = new PartitionClaims(dataSource, PartitionClaims.Kind.CAMPAIGNS,
                properties.partitions(), worker, properties.workers())) {
            long rebalanceDue = 0;
            while (running) {
                try {
                    if (System.nanoTime() - rebalanceDue >= 0) {
                        claims.rebalance();
                        heldByWorker.put(worker, claims.held());
                        rebalanceDue = System.nanoTime() + properties.rebalanceInterval().toNanos();
                    }
                    Set<Integer> owned = claims.held();
                    int work = owned.isEmpty() ? 0 : round(owned, pacing);
                    sleep(work > 0 || pacing.anyOutstanding() ? properties.tick() : properties.idlePoll());
                } catch (RuntimeException e) {
                    log.warn("Campaign dispatch round failed: {}", e.toString());
                    sleep(properties.idlePoll());
                }
            }
        } finally {
            heldByWorker.remove(worker);
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public synchronized void start() {
        if (!properties.enabled() || running) {
            return;
        }
        running = true;
        ThreadFactory threads = DaemonThreads.named("campaign-dispatcher");
        for (int i = 0; i < properties.workers(); i++) {
            int index = i;
            Thread worker = threads.newThread(() -> work(index));
            worker.start();
            workers.add(worker);
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        for (Thread worker : workers) {
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
        waits.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 20;
    }
}
