package ke.co.datacare.whatsapp.query.inbox;

import org.springframework.security.access.prepost.PreAuthorize;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.security.core.Authentication;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.api.inbox.FindConversation;
import ke.co.datacare.whatsapp.api.inbox.FindInbox;
import ke.co.datacare.whatsapp.api.inbox.FindTimeline;
import ke.co.datacare.whatsapp.api.inbox.InboxItem;
import ke.co.datacare.whatsapp.api.inbox.InboxPage;
import ke.co.datacare.whatsapp.api.inbox.TimelineMessage;
import ke.co.datacare.whatsapp.api.inbox.TimelinePage;
import ke.co.datacare.whatsapp.api.query.ConversationHistory;
import ke.co.datacare.whatsapp.api.query.FindConversationHistory;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

@RestController
@PreAuthorize("hasAnyRole('ADMIN','AGENT','ANALYST')")
@Validated
@RequestMapping("/api/conversations")
@Tag(name = "Conversations", description = "The agent inbox and conversation timelines")
class ConversationQueryController {

    private static final java.time.Duration READ_YOUR_WRITES_WAIT = java.time.Duration.ofSeconds(5);
    private static final int DEFAULT_TIMELINE_PAGE = 100;

    private final QueryGateway queries;
    private final JdbcTemplate jdbc;

    ConversationQueryController(QueryGateway queries, JdbcTemplate jdbc) {
        this.queries = queries;
        this.jdbc = jdbc;
    }

    @GetMapping
    @Operation(summary = "The inbox: conversations by last activity, newest first (an array; paging in headers "
            + "X-Total-Count, X-Page, X-Page-Size and X-Next-Cursor: pass it as cursor for the next page, which costs "
            + "what the first page costs however deep; X-Total-Count is exact for the whole inbox and for any mix of "
            + "status, assignee, mine, unassigned and unread; with window, tag or arrivedLate it counts up to 10,001, "
            + "meaning more than 10,000; it is left out for a page asked for by cursor). A search "
            + "(q) is ranked: the contact's name, number or user id first, then the conversations with the newest "
            + "matching messages, each item's match saying which; it is paged by page number. A search ranks at most "
            + "200 matching contacts and 200 matching messages, the first its indexes find (X-Total-Count: how many "
            + "conversations it ranked): a search matching more shows part of its matches; a longer search narrows it "
            + "down")
    ResponseEntity<List<InboxItem>> inbox(
            @Parameter(description = "open, pending, assigned, snoozed or resolved") @RequestParam(required = false) String status,
            @Parameter(description = "a user id") @RequestParam(required = false) String assignee,
            @RequestParam(required = false) Boolean unassigned,
            @Parameter(description = "only the caller's conversations") @RequestParam(defaultValue = "false") boolean mine,
            @Parameter(description = "open or closed: the 24-hour customer-service window") @RequestParam(required = false) String window,
            @Parameter(description = "true: only conversations with unread messages") @RequestParam(required = false) Boolean unread,
            @Parameter(description = "text in the contact's name or number or in the messages") @RequestParam(required = false) String q,
            @Parameter(description = "only conversations whose contact has this tag") @RequestParam(required = false) String tag,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
            @Parameter(description = "X-Next-Cursor of the previous page: the page right after it (instead of page)")
            @RequestParam(required = false) String cursor,
            @Parameter(description = "true: only conversations whose latest customer message reached us late (after an "
                    + "outage)") @RequestParam(required = false) Boolean arrivedLate,
            Authentication caller) {
        FindInbox query = new FindInbox(status, mine ? caller.getName() : assignee, unassigned, window, unread, q, tag,
                page, size, cursor, arrivedLate);
        InboxPage result = queries.query(query, InboxPage.class).join();
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok()
                .header("X-Page", String.valueOf(result.page()))
                .header("X-Page-Size", String.valueOf(result.size()));
        if (result.total() >= 0) {
            answer.header("X-Total-Count", String.valueOf(result.total()));
        }
        if (result.nextCursor() != null) {
            answer.header("X-Next-Cursor", result.nextCursor());
        }
        return answer.body(result.items());
    }

    @GetMapping("/{id}")
    @Operation(summary = "One conversation, shaped like an inbox item; with asOf (an ISO instant) as this service knew "
            + "it then, rebuilt from its events like /history")
    InboxItem conversation(@PathVariable String id, @RequestParam(required = false) Instant asOf) {
        if (asOf != null) {
            return queries.query(new FindConversationHistory(id, asOf),
                            ResponseTypes.optionalInstanceOf(ConversationHistory.class)).join()
                    .map(ConversationHistory::conversation)
                    .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No conversation " + id + " at " + asOf));
        }
        return queries.query(new FindConversation(id), ResponseTypes.optionalInstanceOf(InboxItem.class)).join()
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No conversation " + id));
    }

    @GetMapping("/{id}/messages")
    @Operation(summary = "Every message of a conversation, in order, with delivery statuses; with size, a page of that "
            + "many (header X-Next-Cursor: pass it as cursor for the next page). With waitFor=<message id "
            + "or wamid> the answer waits (up to 5 s) until that message is in the timeline: read your own writes")
    ResponseEntity<List<TimelineMessage>> timeline(@PathVariable String id, @RequestParam(required = false) String waitFor,
            @Parameter(description = "at most this many messages, oldest first (default: every message)")
            @RequestParam(required = false) @Min(1) @Max(1000) Integer size,
            @Parameter(description = "X-Next-Cursor of the previous page: the messages right after it")
            @RequestParam(required = false) String cursor,
            org.springframework.security.core.Authentication caller)
            throws InterruptedException {
        if (waitFor != null && !waitFor.isBlank()) {
            awaitMessage(id, waitFor);
        }
        Integer known = jdbc.queryForObject("select count(*) from inbox_conversation where conversation_id = ?",
                Integer.class, id);
        if (known == null || known == 0) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No conversation " + id);
        }
        if (size == null && (cursor == null || cursor.isBlank())) {
            return ResponseEntity.ok(visibleTo(caller, queries.query(new FindTimeline(id),
                    ResponseTypes.multipleInstancesOf(TimelineMessage.class)).join()));
        }
        TimelinePage page = queries.query(new FindTimeline(id, cursor, size == null ? DEFAULT_TIMELINE_PAGE : size),
                TimelinePage.class).join();
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (page.nextCursor() != null) {
            answer.header("X-Next-Cursor", page.nextCursor());
        }
        return answer.body(visibleTo(caller, page.items()));
    }

    /** Private notes are for agents and admins; analysts see the conversation without them. */
    private static List<TimelineMessage> visibleTo(org.springframework.security.core.Authentication caller,
                                                   List<TimelineMessage> timeline) {
        boolean seesNotes = caller != null && caller.getAuthorities().stream().anyMatch(authority ->
                authority.getAuthority().equals("ROLE_ADMIN") || authority.getAuthority().equals("ROLE_AGENT"));
        return seesNotes ? timeline : timeline.stream().filter(message -> !"note".equals(message.direction())).toList();
    }

    private void awaitMessage(String conversation, String messageKey) throws InterruptedException {
        long deadline = System.nanoTime() + READ_YOUR_WRITES_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Integer found = jdbc.queryForObject("select count(*) from timeline_message where conversation_id = ? "
                    + "and (message_key = ? or wamid = ?)", Integer.class, conversation, messageKey, messageKey);
            if (found != null && found > 0) {
                return;
            }
            Thread.sleep(25);
        }
    }
}
