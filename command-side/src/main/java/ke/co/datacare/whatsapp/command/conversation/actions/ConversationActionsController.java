package ke.co.datacare.whatsapp.command.conversation.actions;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.api.conversation.AddNote;
import ke.co.datacare.whatsapp.api.conversation.AssignConversation;
import ke.co.datacare.whatsapp.api.conversation.HandBackToBot;
import ke.co.datacare.whatsapp.api.conversation.MarkConversationRead;
import ke.co.datacare.whatsapp.api.conversation.ReopenConversation;
import ke.co.datacare.whatsapp.api.conversation.ResolveConversation;
import ke.co.datacare.whatsapp.command.satisfaction.SatisfactionSurveys;
import ke.co.datacare.whatsapp.api.conversation.SnoozeConversation;
import ke.co.datacare.whatsapp.api.conversation.UnassignConversation;
import ke.co.datacare.whatsapp.api.conversation.outbound.FieldViolation;
import ke.co.datacare.whatsapp.command.contact.ContactDirectory;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What agents and admins do with a conversation: take it or give it to a colleague, put it back in the queue,
 * snooze, resolve, reopen, give it back to the bot, and write private notes. Each request becomes one command
 * on the Conversation aggregate, which refuses transitions that make no sense (409 {@code CONFLICT}).
 */
@RestController
@RequestMapping("/api/conversations/{id}")
@PreAuthorize("hasAnyRole('ADMIN','AGENT')")
@Tag(name = "Conversation actions", description = "Assign, snooze, resolve, reopen, hand back to the bot, private notes")
@SecurityRequirement(name = "bearer")
class ConversationActionsController {

    /** {@code agentId} null, blank or {@code me}: the caller. */
    record AssignRequest(String agentId) {
    }

    record SnoozeRequest(Instant until) {
    }

    record NoteRequest(String text) {
    }

    record ActionResponse(String conversationId, String status, String assignee) {
    }

    record ReadResponse(String conversationId, boolean typing) {
    }

    record NoteResponse(String id, String conversationId, String authorId, String text, Instant at) {
    }

    static final int NOTE_MAX_LENGTH = 4096;
    private static final String CONFLICT = "The conversation is not in a state that allows this (code CONFLICT)";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM = "#/components/schemas/Problem";

    private final CommandGateway commands;
    private final ContactDirectory directory;
    private final AgentCheck agents;
    private final SatisfactionSurveys surveys;
    private final Clock clock;

    ConversationActionsController(CommandGateway commands, ContactDirectory directory, AgentCheck agents,
                                  SatisfactionSurveys surveys, Clock clock) {
        this.commands = commands;
        this.directory = directory;
        this.agents = agents;
        this.surveys = surveys;
        this.clock = clock;
    }

    @PostMapping("/assign")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ApiResponse(responseCode = "409", description = CONFLICT, content = @Content(mediaType = PROBLEM_JSON,
            schema = @Schema(ref = PROBLEM)))
    @Operation(summary = "Give the conversation to an agent (body {\"agentId\": ...}), or to the caller without a body")
    ActionResponse assign(@PathVariable String id, @RequestBody(required = false) AssignRequest request,
                          Authentication caller) {
        ConversationId conversation = known(id);
        String requested = request == null ? null : request.agentId();
        String agentId = requested == null || requested.isBlank() || "me".equals(requested) ? caller.getName() : requested;
        agents.requireAssignable(agentId);
        commands.sendAndWait(new AssignConversation(conversation, agentId, by(caller), clock.instant()));
        return new ActionResponse(conversation.value(), "assigned", agentId);
    }

    @PostMapping("/unassign")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ApiResponse(responseCode = "409", description = CONFLICT, content = @Content(mediaType = PROBLEM_JSON,
            schema = @Schema(ref = PROBLEM)))
    @Operation(summary = "Take the conversation from its agent: it waits in the queue for another one")
    ActionResponse unassign(@PathVariable String id, Authentication caller) {
        ConversationId conversation = known(id);
        commands.sendAndWait(new UnassignConversation(conversation, by(caller), clock.instant()));
        return new ActionResponse(conversation.value(), "pending", null);
    }

    @PostMapping("/resolve")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ApiResponse(responseCode = "409", description = CONFLICT, content = @Content(mediaType = PROBLEM_JSON,
            schema = @Schema(ref = PROBLEM)))
    @Operation(summary = "Resolve the conversation; the customer's next message reopens it with the bot. With "
            + "satisfaction surveys configured (datacare.csat.template), the customer is asked to rate the help")
    ActionResponse resolve(@PathVariable String id, Authentication caller) {
        ConversationId conversation = known(id);
        commands.sendAndWait(new ResolveConversation(conversation, by(caller), clock.instant(),
                surveys.forResolution(conversation).orElse(null)));
        return new ActionResponse(conversation.value(), "resolved", null);
    }

    @PostMapping("/reopen")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ApiResponse(responseCode = "409", description = CONFLICT, content = @Content(mediaType = PROBLEM_JSON,
            schema = @Schema(ref = PROBLEM)))
    @Operation(summary = "Reopen a resolved conversation; it is with the bot again")
    ActionResponse reopen(@PathVariable String id, Authentication caller) {
        ConversationId conversation = known(id);
        commands.sendAndWait(new ReopenConversation(conversation, by(caller), clock.instant()));
        return new ActionResponse(conversation.value(), "open", null);
    }

    @PostMapping("/snooze")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ApiResponse(responseCode = "409", description = CONFLICT, content = @Content(mediaType = PROBLEM_JSON,
            schema = @Schema(ref = PROBLEM)))
    @Operation(summary = "Put the conversation aside until an instant (body {\"until\": ISO instant}) or the customer's next message")
    ActionResponse snooze(@PathVariable String id, @RequestBody(required = false) SnoozeRequest request,
                          Authentication caller) {
        ConversationId conversation = known(id);
        Instant now = clock.instant();
        if (request == null || request.until() == null || !request.until().isAfter(now)) {
            throw invalid("until", "an ISO instant in the future, e.g. 2026-11-26T06:00:00Z");
        }
        commands.sendAndWait(new SnoozeConversation(conversation, request.until(), by(caller), now));
        return new ActionResponse(conversation.value(), "snoozed", null);
    }

    @PostMapping("/handback-to-bot")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ApiResponse(responseCode = "409", description = CONFLICT, content = @Content(mediaType = PROBLEM_JSON,
            schema = @Schema(ref = PROBLEM)))
    @Operation(summary = "Give the conversation back to the bot, which answers the customer's next message")
    ActionResponse handBackToBot(@PathVariable String id, Authentication caller) {
        ConversationId conversation = known(id);
        commands.sendAndWait(new HandBackToBot(conversation, by(caller), clock.instant()));
        return new ActionResponse(conversation.value(), "open", null);
    }

    @PostMapping("/read")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ApiResponse(responseCode = "409", description = "The customer has not written yet (code CONFLICT)",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @Operation(summary = "Mark the customer's latest message as read (blue ticks on their phone); the inbox's "
            + "unread count goes to zero. Marking it again does nothing")
    ReadResponse markRead(@PathVariable String id, Authentication caller) {
        return read(id, false, caller);
    }

    @PostMapping("/typing")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ApiResponse(responseCode = "409", description = "The customer has not written yet (code CONFLICT)",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @Operation(summary = "Show the customer a typing indicator (Meta shows it for up to 25 s or until our next "
            + "message), which also marks their latest message as read")
    ReadResponse typing(@PathVariable String id, Authentication caller) {
        return read(id, true, caller);
    }

    private ReadResponse read(String id, boolean typing, Authentication caller) {
        ConversationId conversation = known(id);
        commands.sendAndWait(new MarkConversationRead(conversation, typing, by(caller), clock.instant()));
        return new ReadResponse(conversation.value(), typing);
    }

    @PostMapping("/notes")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a private note for the team (body {\"text\": ...}); never sent to the customer")
    NoteResponse note(@PathVariable String id, @RequestBody(required = false) NoteRequest request,
                      Authentication caller) {
        ConversationId conversation = known(id);
        if (request == null || request.text() == null || request.text().isBlank()) {
            throw invalid("text", "must not be blank");
        }
        if (request.text().length() > NOTE_MAX_LENGTH) {
            throw invalid("text", "must be at most " + NOTE_MAX_LENGTH + " characters");
        }
        String noteId = "note-" + UUID.randomUUID();
        Instant now = clock.instant();
        commands.sendAndWait(new AddNote(conversation, noteId, caller.getName(), request.text(), now));
        return new NoteResponse(noteId, conversation.value(), caller.getName(), request.text(), now);
    }

    private ConversationId known(String id) {
        ConversationId conversation;
        try {
            conversation = ConversationId.of(id);
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No conversation " + id);
        }
        if (directory.owner(conversation) == null) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No conversation " + id);
        }
        return conversation;
    }

    private static String by(Authentication caller) {
        return "agent:" + caller.getName();
    }

    static DomainException invalid(String field, String reason) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, "Some fields are not valid",
                Map.of("errors", List.of(new FieldViolation(field, reason))));
    }
}
