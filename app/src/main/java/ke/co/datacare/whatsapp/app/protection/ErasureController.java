package ke.co.datacare.whatsapp.app.protection;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.api.contact.EraseContact;
import ke.co.datacare.whatsapp.command.contact.ContactDirectory;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The right to erasure: an admin erases a contact's personal data, giving a reason (which must name no one). */
@RestController
@Tag(name = "Data protection")
@PreAuthorize("hasRole('ADMIN')")
class ErasureController {

    record ErasureRequest(@NotBlank @Size(max = 500) String reason) {
    }

    record ErasureAccepted(String contactId, int conversations, Instant at) {
    }

    private final CommandGateway commands;
    private final ContactDirectory directory;
    private final AuditLog audit;
    private final Clock clock;

    ErasureController(CommandGateway commands, ContactDirectory directory, AuditLog audit, Clock clock) {
        this.commands = commands;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
    }

    @PostMapping("/api/contacts/{id}/erasure")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Erase a contact's personal data (body {\"reason\"}, naming no personal data): its data key "
            + "is deleted, raw webhooks redacted, read models anonymised; erasing an erased contact changes nothing")
    ErasureAccepted erase(@PathVariable String id, @Valid @RequestBody ErasureRequest request, Authentication caller) {
        ContactId contact = ContactId.of(id);
        List<ConversationId> conversations = directory.conversationsOfContact(contact);
        Instant at = clock.instant();
        String reason = request.reason().strip();
        try {
            commands.sendAndWait(new EraseContact(contact, conversations, reason, caller.getName(), at));
        } catch (AggregateNotFoundException e) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No contact " + id);
        }
        audit.record(caller.getName(), AuditAction.ERASURE, contact.value(), reason);
        return new ErasureAccepted(contact.value(), conversations.size(), at);
    }
}
