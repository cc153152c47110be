package ke.co.datacare.whatsapp.command.contact;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.api.contact.UpdateContact;
import ke.co.datacare.whatsapp.api.conversation.outbound.FieldViolation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * What agents and admins change on contacts: tags, custom attributes and marketing consent ({@code PATCH}, one
 * {@link UpdateContact} command), and contacts imported from a CSV file. Reads are on the query side
 * ({@code GET /api/contacts...}).
 */
@RestController
@RequestMapping("/api/contacts")
@PreAuthorize("hasAnyRole('ADMIN','AGENT')")
@Tag(name = "Contacts", description = "The WhatsApp users we talk to")
@SecurityRequirement(name = "bearer")
class ContactCommandController {

    static final int MAX_FILE_BYTES = 10 * 1024 * 1024;
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM = "#/components/schemas/Problem";

    /** {@code {"add": [...], "remove": [...]}}, or a plain list of tags to add ({@code "tags": ["vip"]}). */
    @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = TagChangesJson.class)
    record TagChanges(List<String> add, List<String> remove) {
    }

    /** {@code set}: attribute name to value, applied in the order given; {@code remove}: attribute names. */
    record AttributeChanges(Map<String, String> set, List<String> remove) {
    }

    /**
     * Every part optional; {@code optedOut} true opts the contact out of marketing, false back in (admins only, with
     * the {@code reason}, which is recorded).
     */
    record ContactUpdateRequest(TagChanges tags, AttributeChanges attributes, Boolean optedOut, String reason) {
    }

    /** {@code changes}: how many changes were recorded (0 when the contact was already so). */
    record ContactUpdateResponse(String id, int changes) {
    }

    private final CommandGateway commands;
    private final ContactDirectory directory;
    private final ContactImport imports;
    private final Clock clock;

    ContactCommandController(CommandGateway commands, ContactDirectory directory, ContactImport imports, Clock clock) {
        this.commands = commands;
        this.directory = directory;
        this.imports = imports;
        this.clock = clock;
    }

    @PatchMapping("/{id}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ApiResponse(responseCode = "400", description = "Tags or attributes not valid, or more than 50 of either "
            + "(code INVALID_CONTACT_UPDATE); nothing is changed", content = @Content(mediaType = PROBLEM_JSON,
            schema = @Schema(ref = PROBLEM)))
    @Operation(summary = "Add and remove tags, set and remove custom attributes, opt the contact out of marketing or "
            + "back in, all at once or not at all, e.g. {\"tags\":{\"add\":[\"vip\"],\"remove\":[\"lead\"]},"
            + "\"attributes\":{\"set\":{\"city\":\"Nairobi\"},\"remove\":[\"old\"]},\"optedOut\":true}. Tags are "
            + "stored trimmed and in lower case. Only an admin may opt a contact back in ({\"optedOut\":false,"
            + "\"reason\":\"...\"}, the reason is recorded; agents get 403); the customer does it by writing START")
    ContactUpdateResponse updateContact(@PathVariable String id, @RequestBody(required = false) ContactUpdateRequest request,
                                 Authentication caller) {
        ContactId contact = known(id);
        if (request == null) {
            throw new DomainException(ErrorCode.INVALID_CONTACT_UPDATE, "The body is required",
                    Map.of("errors", List.of(new FieldViolation("body", "required"))));
        }
        if (Boolean.FALSE.equals(request.optedOut()) && caller.getAuthorities().stream()
                .noneMatch(authority -> authority.getAuthority().equals("ROLE_ADMIN"))) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Only the customer (by writing START) or an admin may opt "
                    + "a contact back in", Map.of("errors", List.of(new FieldViolation("optedOut",
                    "false only by an admin"))));
        }
        TagChanges tags = request.tags() == null ? new TagChanges(null, null) : request.tags();
        AttributeChanges attributes = request.attributes() == null ? new AttributeChanges(null, null)
                : request.attributes();
        Object changes = commands.sendAndWait(new UpdateContact(contact, tags.add(), tags.remove(), attributes.set(),
                attributes.remove(), request.optedOut(), request.reason(), "agent:" + caller.getName(),
                clock.instant()));
        return new ContactUpdateResponse(contact.value(), changes instanceof Integer count ? count : 0);
    }

    @PostMapping(path = "/import", consumes = {MediaType.MULTIPART_FORM_DATA_VALUE, "text/csv", "text/plain",
            "application/csv"})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
            @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schema = @Schema(implementation = ImportForm.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "200", description = "What became of each row", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = ContactImport.ContactImportReport.class)))
    @ApiResponse(responseCode = "413", description = "More than 10,000 rows or 10 MB (code PAYLOAD_TOO_LARGE); "
            + "nothing is imported", content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @Operation(summary = "Import contacts from a CSV file (multipart part 'file', or the body as text/csv) with a "
            + "header row: 'phone' (required, international format), 'name' (the name of a new contact; one we know "
            + "keeps its WhatsApp name), 'tags' (separated by ';' or '|'); every other column is a custom attribute. "
            + "Answers a report: data rows, new contacts (imported), known contacts (updated) and the rejected rows "
            + "with a code (INVALID_PHONE, DUPLICATE_PHONE, INVALID_NAME, INVALID_TAG, INVALID_ATTRIBUTE, "
            + "INVALID_CONTACT_UPDATE) and the reason")
    ContactImport.ContactImportReport importContacts(HttpServletRequest request, Authentication caller)
            throws IOException, ServletException {
        InputStream body;
        if (MediaType.MULTIPART_FORM_DATA.isCompatibleWith(MediaType.parseMediaType(request.getContentType()))) {
            Part file = request.getPart("file");
            if (file == null) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, "The multipart body has no part 'file'",
                        Map.of("errors", List.of(new FieldViolation("file", "required"))));
            }
            body = file.getInputStream();
        } else {
            body = request.getInputStream();
        }
        byte[] csv = body.readNBytes(MAX_FILE_BYTES + 1);
        if (csv.length > MAX_FILE_BYTES) {
            throw new DomainException(ErrorCode.PAYLOAD_TOO_LARGE, "A contacts file may have at most " + MAX_FILE_BYTES
                    + " bytes");
        }
        return importCsv(new String(csv, StandardCharsets.UTF_8), caller);
    }

    /** The multipart form of an import, for the API document. */
    record ImportForm(@Schema(type = "string", format = "binary", requiredMode = Schema.RequiredMode.REQUIRED)
                      String file) {
    }

    private ContactImport.ContactImportReport importCsv(String csv, Authentication caller) {
        try {
            return imports.importCsv(csv, caller.getName());
        } catch (ContactCsv.NotAContactsFile e) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, e.getMessage(),
                    Map.of("errors", List.of(new FieldViolation("file", e.getMessage()))));
        } catch (ContactCsv.TooManyRows e) {
            throw new DomainException(ErrorCode.PAYLOAD_TOO_LARGE, e.getMessage());
        }
    }

    private ContactId known(String id) {
        ContactId contact;
        try {
            contact = ContactId.of(id);
        } catch (IllegalArgumentException e) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No contact " + id);
        }
        if (!directory.known(contact)) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No contact " + id);
        }
        return contact;
    }
}
