package ke.co.datacare.whatsapp.command.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.campaign.CampaignContent;
import ke.co.datacare.whatsapp.api.campaign.CampaignId;
import ke.co.datacare.whatsapp.api.campaign.CompleteCampaign;
import ke.co.datacare.whatsapp.api.campaign.DeferCampaignDispatch;
import ke.co.datacare.whatsapp.api.campaign.PauseCampaign;
import ke.co.datacare.whatsapp.api.campaign.RecordCampaignAudience;
import ke.co.datacare.whatsapp.api.campaign.SendWindow;
import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.api.common.Refusal;
import ke.co.datacare.whatsapp.api.contact.RegisterContact;
import ke.co.datacare.whatsapp.api.conversation.OpenConversation;
import ke.co.datacare.whatsapp.api.conversation.SendMessage;
import ke.co.datacare.whatsapp.command.contact.ContactDirectory;
import ke.co.datacare.whatsapp.command.graph.GraphApiProperties;
import ke.co.datacare.whatsapp.command.outbound.TemplateCatalog;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import static ke.co.datacare.whatsapp.command.campaign.AudienceResolver.chunks;
import static ke.co.datacare.whatsapp.command.campaign.AudienceResolver.marks;

/**
 * Dispatches running campaigns: resolves a started campaign's audience once, then, round after round, hands the
 * next recipients to the outbound path as ordinary {@link SendMessage} commands (sender {@code campaign:<id>}, message
 * id {@code cmp-<campaignId>-<contactId>}) in one transaction together with marking them queued in
 * {@code campaign_recipient}. A crash anywhere leaves both or neither; a recipient queued twice anyway meets a
 * conversation that already has that message id and ignores it. So nobody is sent twice and nobody is left out.
 * <p>
 * It runs only as far ahead of the actual sends as the lead time allows ({@link Flight}), reads the campaign's
 * status every round (a pause or cancel is seen within one round), waits outside the send window and at Meta's
 * messaging limit (recording each wait once as {@link DeferCampaignDispatch}), and completes the campaign when every
 * recipient was queued and attempted. The per-number rate itself is the outbound dispatcher's shared throttle
 * (campaign traffic class). One instance dispatches at a time (a row lock).
 */
class CampaignDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CampaignDispatcher.class);
    static final String SEND_WINDOW = "SEND_WINDOW";
    static final String MESSAGING_LIMIT = "MESSAGING_LIMIT";
    static final String TEMPLATE_NOT_APPROVED = "TEMPLATE_NOT_APPROVED";
    private static final String SYSTEM = "system";

    private final JdbcTemplate jdbc;
    private final TransactionManager axonTransactions;
    private final CommandGateway commands;
    private final ContactDirectory directory;
    private final TemplateCatalog templates;
    private final AudienceResolver resolver;
    private final CampaignProperties properties;
    private final GraphApiProperties graph;
    private final ObjectMapper json;
    private final Clock clock;
    private final List<Cache> aggregateCaches;
    private final MessagingLimit limit;
    private final Map<String, Flight> flights = new ConcurrentHashMap<>();
    private final Map<String, String> deferrals = new ConcurrentHashMap<>();
    private volatile boolean running;
    private Thread worker;

    CampaignDispatcher(JdbcTemplate jdbc, TransactionManager axonTransactions, CommandGateway commands,
                       ContactDirectory directory, TemplateCatalog templates, AudienceResolver resolver,
                       CampaignProperties properties, GraphApiProperties graph, ObjectMapper json, Clock clock,
                       List<Cache> aggregateCaches) {
        this.jdbc = jdbc;
        this.axonTransactions = axonTransactions;
        this.commands = commands;
        this.directory = directory;
        this.templates = templates;
        this.resolver = resolver;
        this.properties = properties;
        this.graph = graph;
        this.json = json;
        this.clock = clock;
        this.aggregateCaches = aggregateCaches;
        this.limit = properties.limit();
    }

    record Running(CampaignId id, CampaignContent content, SendWindow window, boolean resolved) {
    }

    private record Pending(int seq, String contactId, String waId) {
    }

    /** What one batch did: queued these message ids, found nothing pending, or has to wait until a time. */
    private record Batch(List<String> queued, boolean nonePending, Instant limitedUntil, boolean templateGone) {

        static Batch of(List<String> queued) {
            return new Batch(queued, false, null, false);
        }
    }

    /** One dispatch round over every running campaign; returns how much it did (0: nothing to do now). */
    int round() {
        List<Running> campaigns = running();
        Set<String> ids = new HashSet<>();
        campaigns.forEach(campaign -> ids.add(campaign.id().value()));
        flights.keySet().retainAll(ids);
        deferrals.keySet().retainAll(ids);
        int work = 0;
        for (Running campaign : campaigns) {
            try {
                work += advance(campaign);
            } catch (RuntimeException e) {
                forgetUncommittedState();
                log.warn("Campaign {} dispatch round failed: {}", campaign.id(), e.toString());
            }
        }
        return work;
    }

    private int advance(Running campaign) {
        if (!campaign.resolved()) {
            resolve(campaign);
            return 1;
        }
        Instant now = clock.instant();
        SendWindowPolicy window = new SendWindowPolicy(campaign.window());
        if (!window.isOpen(now)) {
            defer(campaign.id(), SEND_WINDOW, window.nextOpening(now), now);
            return 0;
        }
        Flight flight = flights.computeIfAbsent(campaign.id().value(), id -> new Flight());
        long tick = System.nanoTime();
        flight.settle(attempted(flight.outstanding()), tick, properties.stallTimeout());
        int room = flight.room(properties.leadTime(), properties.minLead(), campaignRate(), tick);
        if (room <= 0) {
            return 0;
        }
        Batch batch = queueNext(campaign, Math.min(room, properties.maxBatch()), now);
        if (batch.templateGone()) {
            pause(campaign.id(), TEMPLATE_NOT_APPROVED, now);
            return 0;
        }
        if (batch.limitedUntil() != null) {
            defer(campaign.id(), MESSAGING_LIMIT, batch.limitedUntil(), now);
            return 0;
        }
        if (batch.nonePending()) {
            completeIfDone(campaign, flight, now);
            return 0;
        }
        flight.queued(batch.queued(), System.nanoTime());
        return Math.max(1, batch.queued().size());
    }

    private void resolve(Running campaign) {
        Instant now = clock.instant();
        if (approvedTemplate(campaign.content()).isEmpty()) {
            pause(campaign.id(), TEMPLATE_NOT_APPROVED, now);
            return;
        }
        inUnitOfWork(() -> {
            if (!lock()) {
                return null;
            }
            AudienceResolver.Resolution resolution = resolver.resolve(campaign.id());
            resolver.store(campaign.id(), resolution);
            commands.sendAndWait(new RecordCampaignAudience(campaign.id(), resolution.outcomes().size(),
                    resolution.recipients(), resolution.excludedByReason(), resolution.reportedExclusions(), now));
            log.info("Campaign {} resolved to {} recipients of {} entries (excluded: {})", campaign.id(),
                    resolution.recipients(), resolution.outcomes().size(), resolution.excludedByReason());
            return null;
        });
    }

    private Batch queueNext(Running campaign, int size, Instant now) {
        try {
            return inUnitOfWork(() -> lock() ? queue(campaign, size, now, List.of()) : Batch.of(List.of()));
        } catch (RuntimeException batchFailure) {
            forgetUncommittedState();
            log.warn("Campaign {} batch failed, queueing one by one: {}", campaign.id(), batchFailure.toString());
            return queueOneByOne(campaign, size, now);
        }
    }

    private Batch queueOneByOne(Running campaign, int size, Instant now) {
        List<Pending> pending = pending(campaign.id(), size);
        List<String> queued = new ArrayList<>();
        for (Pending recipient : pending) {
            try {
                Batch one = inUnitOfWork(() -> lock() ? queue(campaign, 1, now, List.of(recipient))
                        : Batch.of(List.of()));
                if (one.templateGone() || one.limitedUntil() != null) {
                    return one;
                }
                queued.addAll(one.queued());
            } catch (CommandExecutionException e) {
                forgetUncommittedState();
                Refusal refusal = e.getDetails().filter(Refusal.class::isInstance).map(Refusal.class::cast).orElseThrow(() -> e);
                log.info("Campaign {} skips recipient {}: {}", campaign.id(), recipient.seq(), refusal.code());
                jdbc.update("update campaign_recipient set state = 'skipped', reason = ? where campaign_id = ? and seq = ? "
                        + "and state = 'pending'", skipReason(refusal.code()), campaign.id().value(), recipient.seq());
            }
        }
        return Batch.of(queued);
    }

    /** In the caller's transaction: queues up to {@code size} pending recipients (or exactly {@code only}). */
    private Batch queue(Running campaign, int size, Instant now, List<Pending> only) {
        List<Pending> pending = only.isEmpty() ? pending(campaign.id(), size) : stillPending(campaign.id(), only);
        if (pending.isEmpty()) {
            return new Batch(List.of(), only.isEmpty(), null, false);
        }
        Optional<TemplateCatalog.Template> template = approvedTemplate(campaign.content());
        if (template.isEmpty()) {
            return new Batch(List.of(), false, null, true);
        }
        List<Pending> admitted = admitted(pending, now);
        if (admitted.isEmpty()) {
            return new Batch(List.of(), false, limitFreesUpAt(now), false);
        }
        Set<String> optedOut = optedOut(admitted);
        Map<String, RecipientParameters.Contact> attributes = attributes(admitted);
        String phoneNumberId = graph.phoneNumberId() == null || graph.phoneNumberId().isBlank()
                ? "unknown" : graph.phoneNumberId();
        List<String> queued = new ArrayList<>(admitted.size());
        List<Object[]> marks = new ArrayList<>(admitted.size());
        Timestamp queuedAt = Timestamp.from(now);
        for (Pending recipient : admitted) {
            if (recipient.contactId() != null && optedOut.contains(recipient.contactId())) {
                jdbc.update("update campaign_recipient set state = 'skipped', reason = ? where campaign_id = ? and seq = ?",
                        AudienceResolver.OPTED_OUT, campaign.id().value(), recipient.seq());
                continue;
            }
            ContactId contact = contactOf(recipient, now);
            ConversationId conversation = conversationOf(phoneNumberId, contact, now);
            String messageId = campaign.id().messageIdFor(contact.value());
            RecipientParameters.Contact known = attributes.getOrDefault(contact.value(),
                    new RecipientParameters.Contact(null, recipient.waId()));
            commands.sendAndWait(new SendMessage(conversation, messageId,
                    RecipientParameters.messageFor(campaign.content(), known), null, campaign.id().sender(),
                    template.get().marketing(), false, now));
            queued.add(messageId);
            marks.add(new Object[]{contact.value(), messageId, queuedAt, campaign.id().value(), recipient.seq()});
        }
        if (!marks.isEmpty()) {
            jdbc.batchUpdate("update campaign_recipient set state = 'queued', contact_id = ?, message_id = ?, queued_at = ? "
                    + "where campaign_id = ? and seq = ?", marks);
        }
        return Batch.of(queued);
    }

    private ContactId contactOf(Pending recipient, Instant now) {
        if (recipient.waId() == null) {
            return ContactId.of(recipient.contactId());
        }
        ContactId contact = directory.resolve(recipient.waId(), null);
        commands.sendAndWait(new RegisterContact(contact, recipient.waId(), null, null, now));
        return contact;
    }

    private ConversationId conversationOf(String phoneNumberId, ContactId contact, Instant now) {
        ConversationId conversation = ConversationId.derivedFrom(phoneNumberId + "|" + contact.value());
        boolean known = directory.owner(conversation) != null;
        directory.conversationOf(phoneNumberId, contact);
        if (!known) {
            commands.sendAndWait(new OpenConversation(conversation, contact, phoneNumberId, now));
        }
        return conversation;
    }

    /**
     * The recipients that Meta's messaging limit lets through now: those already reached in the last 24 hours, and
     * new ones while room is left.
     */
    private List<Pending> admitted(List<Pending> pending, Instant now) {
        if (limit.unlimited()) {
            return pending;
        }
        Timestamp windowStart = Timestamp.from(MessagingLimit.windowStart(now));
        Long reached = jdbc.queryForObject("select count(*) from messaging_limit_recipient where last_sent_at > ?",
                Long.class, windowStart);
        long room = limit.remaining(reached == null ? 0 : reached);
        Set<String> counted = new HashSet<>();
        List<String> contacts = pending.stream().map(Pending::contactId).filter(id -> id != null).toList();
        for (List<String> chunk : chunks(contacts)) {
            List<Object> arguments = new ArrayList<>(chunk);
            arguments.add(windowStart);
            counted.addAll(jdbc.queryForList("select contact_id from messaging_limit_recipient where contact_id in ("
                    + marks(chunk) + ") and last_sent_at > ?", String.class, arguments.toArray()));
        }
        List<Pending> admitted = new ArrayList<>();
        for (Pending recipient : pending) {
            if (counted.contains(recipient.contactId())) {
                admitted.add(recipient);
            } else if (room > 0) {
                room--;
                admitted.add(recipient);
            }
        }
        return admitted;
    }

    private Instant limitFreesUpAt(Instant now) {
        Timestamp oldest = jdbc.queryForObject("select min(last_sent_at) from messaging_limit_recipient where last_sent_at > ?",
                Timestamp.class, Timestamp.from(MessagingLimit.windowStart(now)));
        return MessagingLimit.freesUpAt(oldest == null ? null : oldest.toInstant(), now);
    }

    private void completeIfDone(Running campaign, Flight flight, Instant now) {
        if (!flight.isEmpty()) {
            return;
        }
        String id = campaign.id().value();
        Long unattempted = jdbc.queryForObject("select count(*) from campaign_recipient r left join outbound_message o "
                        + "on o.message_id = r.message_id where r.campaign_id = ? and r.state = 'queued' and r.queued_at > ? "
                        + "and (o.message_id is null or (o.attempts = 0 and o.wamid is null))", Long.class, id,
                Timestamp.from(now.minus(properties.stallTimeout())));
        if (unattempted != null && unattempted > 0) {
            return;
        }
        Integer queued = jdbc.queryForObject("select count(*) from campaign_recipient where campaign_id = ? "
                + "and state = 'queued'", Integer.class, id);
        Integer skipped = jdbc.queryForObject("select count(*) from campaign_recipient where campaign_id = ? "
                + "and state = 'skipped' and reason = ?", Integer.class, id, AudienceResolver.OPTED_OUT);
        try {
            commands.sendAndWait(new CompleteCampaign(campaign.id(), queued == null ? 0 : queued,
                    skipped == null ? 0 : skipped, now));
            log.info("Campaign {} completed: {} queued", campaign.id(), queued);
        } catch (CommandExecutionException e) {
            log.info("Campaign {} not completed: {}", campaign.id(), e.getMessage());
        }
    }

    private void defer(CampaignId campaign, String reason, Instant until, Instant now) {
        String key = reason + "@" + until;
        if (key.equals(deferrals.put(campaign.value(), key))) {
            return;
        }
        log.info("Campaign {} waits until {} ({})", campaign, until, reason);
        commands.sendAndWait(new DeferCampaignDispatch(campaign, reason, until, now));
    }

    private void pause(CampaignId campaign, String reason, Instant now) {
        try {
            commands.sendAndWait(new PauseCampaign(campaign, reason, SYSTEM, now));
            log.warn("Campaign {} paused: {}", campaign, reason);
        } catch (CommandExecutionException e) {
            log.info("Campaign {} not paused: {}", campaign, e.getMessage());
        }
    }

    private Optional<TemplateCatalog.Template> approvedTemplate(CampaignContent content) {
        return templates.find(content.templateName(), content.language()).filter(TemplateCatalog.Template::approved);
    }

    private List<Running> running() {
        return jdbc.query("select campaign_id, content_json, window_from, window_to, window_zone, audience_resolved "
                + "from campaign_dispatch where status = 'RUNNING' order by updated_at", (rs, i) -> new Running(
                CampaignId.of(rs.getString(1)), read(rs.getString(2)),
                rs.getString(3) == null ? null : new SendWindow(LocalTime.parse(rs.getString(3)),
                        LocalTime.parse(rs.getString(4)), rs.getString(5)),
                rs.getBoolean(6)));
    }

    private List<Pending> pending(CampaignId campaign, int size) {
        return jdbc.query("select seq, contact_id, wa_id from campaign_recipient where campaign_id = ? and state = 'pending' "
                        + "order by seq limit ?", (rs, i) -> new Pending(rs.getInt(1), rs.getString(2), rs.getString(3)),
                campaign.value(), size);
    }

    private List<Pending> stillPending(CampaignId campaign, List<Pending> only) {
        return only.stream().filter(recipient -> {
            String state = jdbc.queryForObject("select state from campaign_recipient where campaign_id = ? and seq = ?",
                    String.class, campaign.value(), recipient.seq());
            return "pending".equals(state);
        }).toList();
    }

    /** Of these message ids, those the outbound dispatcher has attempted (or that Meta accepted). */
    private List<String> attempted(List<String> messageIds) {
        List<String> attempted = new ArrayList<>();
        for (List<String> chunk : chunks(messageIds)) {
            attempted.addAll(jdbc.queryForList("select message_id from outbound_message where message_id in ("
                    + marks(chunk) + ") and (attempts > 0 or wamid is not null)", String.class, chunk.toArray()));
        }
        return attempted;
    }

    private Set<String> optedOut(List<Pending> recipients) {
        Set<String> optedOut = new HashSet<>();
        List<String> contacts = recipients.stream().map(Pending::contactId).filter(id -> id != null).toList();
        for (List<String> chunk : chunks(contacts)) {
            optedOut.addAll(jdbc.queryForList("select contact_id from contact_consent where opted_out = true and contact_id in ("
                    + marks(chunk) + ")", String.class, chunk.toArray()));
        }
        return optedOut;
    }

    /** Profile names and phone numbers of known contacts, from the inbox read model (personalisation only). */
    private Map<String, RecipientParameters.Contact> attributes(List<Pending> recipients) {
        Map<String, RecipientParameters.Contact> found = new HashMap<>();
        List<String> contacts = recipients.stream().filter(recipient -> recipient.waId() == null)
                .map(Pending::contactId).toList();
        for (List<String> chunk : chunks(contacts)) {
            jdbc.query("select contact_id, profile_name, wa_id from contact_view where contact_id in (" + marks(chunk) + ")",
                    rs -> {
                        found.put(rs.getString(1), new RecipientParameters.Contact(rs.getString(2), rs.getString(3)));
                    }, chunk.toArray());
        }
        return found;
    }

    /**
     * Runs {@code work} in one transaction inside a root unit of work, so that the commands it sends join both and the
     * event store learns of their events after the commit (not when each command's own unit of work ends inside the
     * open transaction, which would leave the processors to find them only at their next poll).
     */
    private <T> T inUnitOfWork(Supplier<T> work) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(axonTransactions);
        ResultMessage<T> result = unitOfWork.executeWithResult(work::get);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
        return result.getPayload();
    }

    private boolean lock() {
        return !jdbc.queryForList("select name from campaign_dispatch_lock where name = 'campaigns' for update skip locked",
                String.class).isEmpty();
    }

    private double campaignRate() {
        return Math.max(1, Math.floor(graph.messagesPerSecond() * (1 - graph.reservedShareForConversations())));
    }

    private static String skipReason(ErrorCode code) {
        return code == ErrorCode.CONTACT_OPTED_OUT ? AudienceResolver.OPTED_OUT : code.name();
    }

    private CampaignContent read(String content) {
        try {
            return json.readValue(content, CampaignContent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored campaign content is not readable", e);
        }
    }

    private void forgetUncommittedState() {
        aggregateCaches.forEach(Cache::removeAll);
        directory.forgetCached();
    }

    private void run() {
        while (running) {
            try {
                int work = round();
                sleep(work > 0 ? properties.tick() : flights.isEmpty() ? properties.idlePoll() : properties.tick());
            } catch (RuntimeException e) {
                log.warn("Campaign dispatch round failed: {}", e.toString());
                sleep(properties.idlePoll());
            }
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
    public void start() {
        if (!properties.enabled() || running) {
            return;
        }
        running = true;
        worker = new Thread(this::run, "campaign-dispatcher");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker = null;
        }
        flights.clear();
        deferrals.clear();
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
