package ke.co.datacare.whatsapp.command.contact;

import ke.co.datacare.whatsapp.api.common.ContactId;
import ke.co.datacare.whatsapp.api.common.Refusal;
import ke.co.datacare.whatsapp.api.contact.RegisterContact;
import ke.co.datacare.whatsapp.api.contact.UpdateContact;
import ke.co.datacare.whatsapp.api.conversation.outbound.FieldViolation;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Imports a contacts file as commands: a phone number nobody has yet becomes a contact as a webhook would make it
 * ({@link RegisterContact}, with the file's name as its name); then the row's tags and attributes are added
 * ({@link UpdateContact}). A contact we know already keeps the name WhatsApp gives it. Rows are checked before the
 * first command, so a file that cannot be read or is too long changes nothing.
 */
@Component
class ContactImport {

    /**
     * What became of a file: its data rows, of those the new contacts, the rows of contacts we knew already, and the
     * rejected rows in order ({@code rows = imported + updated + rejected}).
     */
    record ContactImportReport(int rows, int imported, int updated, List<ContactCsv.RejectedRow> rejected) {
    }

    static final int MAX_ROWS = 10_000;

    private final CommandGateway commands;
    private final ContactDirectory directory;
    private final Clock clock;

    ContactImport(CommandGateway commands, ContactDirectory directory, Clock clock) {
        this.commands = commands;
        this.directory = directory;
        this.clock = clock;
    }

    ContactImportReport importCsv(String csv, String userId) {
        ContactCsv.Result result = ContactCsv.read(csv, MAX_ROWS);
        List<ContactCsv.RejectedRow> rejected = new ArrayList<>(result.rejected());
        String by = "import:" + userId;
        int imported = 0;
        int updated = 0;
        for (ContactCsv.Row row : result.valid()) {
            Instant at = clock.instant();
            ContactId known = directory.contactOfWaId(row.waId());
            ContactId contact = known != null ? known : directory.resolve(row.waId(), null);
            try {
                if (known == null) {
                    commands.sendAndWait(new RegisterContact(contact, row.waId(), null, row.name(), at));
                }
                if (!row.tags().isEmpty() || !row.attributes().isEmpty()) {
                    commands.sendAndWait(new UpdateContact(contact, row.tags(), List.of(), row.attributes(), List.of(),
                            null, null, by, at));
                }
            } catch (CommandExecutionException e) {
                Refusal refusal = e.getDetails().filter(Refusal.class::isInstance).map(Refusal.class::cast)
                        .orElseThrow(() -> e);
                rejected.add(new ContactCsv.RejectedRow(row.row(), "+" + row.waId(), refusal.code().name(),
                        reason(e.getMessage(), refusal)));
                continue;
            }
            if (known == null) {
                imported++;
            } else {
                updated++;
            }
        }
        rejected.sort(Comparator.comparingInt(ContactCsv.RejectedRow::row));
        return new ContactImportReport(result.rows(), imported, updated, rejected);
    }

    private static String reason(String message, Refusal refusal) {
        Object errors = refusal.properties().get("errors");
        if (errors instanceof List<?> list && !list.isEmpty()) {
            return list.stream().filter(FieldViolation.class::isInstance).map(FieldViolation.class::cast)
                    .map(violation -> violation.field() + ": " + violation.reason()).collect(Collectors.joining("; "));
        }
        return message;
    }
}
