package ke.co.datacare.whatsapp.command.outbound;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.api.conversation.SendMessage;
import ke.co.datacare.whatsapp.api.conversation.outbound.FieldViolation;
import ke.co.datacare.whatsapp.api.conversation.outbound.OutboundContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.OutboundContentValidator;
import ke.co.datacare.whatsapp.api.conversation.outbound.TemplateContent;
import ke.co.datacare.whatsapp.command.batch.CommandBatch;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** Agents and API clients send messages; the Conversation aggregate decides, dispatch to Meta follows. */
@RestController
@RequestMapping("/api/messages")
@Tag(name = "Messages", description = "Send messages through the WhatsApp Cloud API and follow their delivery")
@SecurityRequirement(name = "bearer")
class SendMessageController {

    record SendMessageResponse(String id, String conversationId, String status) {
    }

    private final CommandGateway commands;
    private final OutboundRequestMapper mapper;
    private final OutboundContentValidator validator = new OutboundContentValidator();
    private final TemplateCatalog templates;
    private final SendPreparation preparation;
    private final Clock clock;
    private final ClientMessageIds clientMessageIds;
    private final CommandBatch batch;

    SendMessageController(CommandGateway commands, OutboundRequestMapper mapper, TemplateCatalog templates,
                          SendPreparation preparation, Clock clock, ClientMessageIds clientMessageIds,
                          CommandBatch batch) {
        this.batch = batch;
        this.clientMessageIds = clientMessageIds;
        this.commands = commands;
        this.mapper = mapper;
        this.templates = templates;
        this.preparation = preparation;
        this.clock = clock;
    }

    @PostMapping("/send")
    @PreAuthorize("hasAnyRole('ADMIN','AGENT')")
    @Operation(summary = "Send a message: text, template, media, interactive buttons or list, reaction; answers 202 with our message id",
            description = "With 'to', the message goes from phoneNumberId (the default number when absent; a number "
                    + "that is not ours is code UNKNOWN_BUSINESS_NUMBER, 422); with conversationId, from the "
                    + "conversation's number (a different phoneNumberId is refused)")
    ResponseEntity<SendMessageResponse> send(@RequestBody SendMessageRequest request, Authentication caller) {
        OutboundContent content = mapper.content(request);
        List<FieldViolation> violations = new ArrayList<>(
                validator.validateReferences(blankToNull(request.clientMessageId()), request.replyTo()));
        violations.addAll(validator.validate(content));
        boolean recipientGiven = toConversation(request) || toNumber(request);
        if (!recipientGiven) {
            violations.add(new FieldViolation("to", "a phone number of 6 to 15 digits"));
        }
        if (!violations.isEmpty()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, violations.size() == 1 && !recipientGiven
                    ? "Give a conversationId, or 'to' as a phone number" : "The message breaks a WhatsApp limit",
                    Map.of("errors", violations));
        }
        boolean marketing = content instanceof TemplateContent template && checkedTemplate(template).marketing();
        Instant now = clock.instant();
        String clientMessageId = blankToNull(request.clientMessageId());
        String messageId = clientMessageId == null ? UUID.randomUUID().toString() : clientMessageId;
        Supplier<ConversationId> send = () -> {
            SendPreparation.PreparedSend prepared = prepared(request, now);
            if (clientMessageId != null) {
                clientMessageIds.claim(messageId, prepared.conversationId());
            }
            commands.sendAndWait(preparation.queueing(prepared, new SendMessage(prepared.conversationId(), messageId,
                    content, request.replyTo(), "agent:" + caller.getName(), marketing, prepared.optedOut(), now)));
            return prepared.conversationId();
        };
        // one unit of work where something is written before the command (to a number, a client's id): a refused
        // message leaves no contact, link, conversation or claimed id behind; otherwise the command's own is enough
        ConversationId conversation = toConversation(request) && clientMessageId == null ? send.get()
                : batch.inOneUnitOfWorkWhereCommandsJoin(send);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new SendMessageResponse(messageId, conversation.value(), "queued"));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static boolean toConversation(SendMessageRequest request) {
        return request.conversationId() != null && !request.conversationId().isBlank();
    }

    private static boolean toNumber(SendMessageRequest request) {
        return request.to() != null && request.to().replace("+", "").matches("\\d{6,15}");
    }

    private SendPreparation.PreparedSend prepared(SendMessageRequest request, Instant now) {
        if (toConversation(request)) {
            SendPreparation.PreparedSend prepared = preparation.inConversation(
                    ConversationId.of(request.conversationId()), request.phoneNumberId());
            if (prepared == null) {
                throw new DomainException(ErrorCode.NOT_FOUND, "No conversation " + request.conversationId());
            }
            return prepared;
        }
        return preparation.toNumber(request.phoneNumberId(), request.to().replace("+", ""), now);
    }

    private TemplateCatalog.Template checkedTemplate(TemplateContent content) {
        TemplateCatalog.Template template = templates.find(content.name(), content.language())
                .filter(TemplateCatalog.Template::approved)
                .orElseThrow(() -> new DomainException(ErrorCode.TEMPLATE_NOT_APPROVED, "Template '" + content.name()
                        + "' is not approved in language '" + content.language() + "'"));
        long given = content.components() == null ? 0 : content.components().stream()
                .filter(component -> "body".equalsIgnoreCase(component.type()))
                .mapToLong(component -> component.parameters() == null ? 0 : component.parameters().size()).sum();
        if (given != template.bodyParameterCount()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "Template '" + content.name() + "' takes "
                    + template.bodyParameterCount() + " body parameter(s), " + given + " given",
                    Map.of("errors", List.of(new FieldViolation("template.components", "expected "
                            + template.bodyParameterCount() + " body parameters"))));
        }
        return template;
    }
}
