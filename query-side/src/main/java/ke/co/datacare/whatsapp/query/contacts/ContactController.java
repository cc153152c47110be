package ke.co.datacare.whatsapp.query.contacts;

import org.springframework.security.access.prepost.PreAuthorize;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.api.query.ContactPage;
import ke.co.datacare.whatsapp.api.query.ContactSummary;
import ke.co.datacare.whatsapp.api.query.FindContact;
import ke.co.datacare.whatsapp.api.query.FindContacts;
import ke.co.datacare.whatsapp.query.admin.ReadsProjection;
import ke.co.datacare.whatsapp.query.readmodel.ReadModels;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@PreAuthorize("hasAnyRole('ADMIN','AGENT','ANALYST')")
@Validated
@RequestMapping("/api/contacts")
@ReadsProjection(ReadModels.GROUP)
@Tag(name = "Contacts", description = "The WhatsApp users we talk to")
class ContactController {

    private final QueryGateway queries;

    ContactController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(summary = "Contacts whose name, phone number or user id contains search and that have the tag, newest "
            + "first (an array; paging in headers X-Total-Count, X-Page, X-Page-Size and X-Next-Cursor: pass it as "
            + "cursor for the next page; X-Total-Count counts up to 10,001, meaning more than 10,000, and is left out for a page "
            + "asked for by cursor). A search counts up to 1,001 and orders the first 1,000 matches its index finds: a "
            + "search matching more than that shows the newest of those; a longer search narrows it down")
    ResponseEntity<List<ContactSummary>> contacts(@RequestParam(required = false) String search,
                                                  @Parameter(description = "only contacts with this tag")
                                                  @RequestParam(required = false) String tag,
                                                  @RequestParam(defaultValue = "0") @Min(0) int page,
                                                  @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
                                                  @Parameter(description = "X-Next-Cursor of the previous page: the "
                                                          + "page right after it (instead of page)")
                                                  @RequestParam(required = false) String cursor) {
        ContactPage result = queries.query(new FindContacts(search, tag, page, size, cursor), ContactPage.class).join();
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
    @Operation(summary = "One contact")
    ContactSummary contact(@PathVariable String id) {
        return queries.query(new FindContact(id), ResponseTypes.optionalInstanceOf(ContactSummary.class)).join()
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No contact " + id));
    }
}
