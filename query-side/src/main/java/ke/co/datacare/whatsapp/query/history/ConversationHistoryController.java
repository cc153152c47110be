package ke.co.datacare.whatsapp.query.history;

import org.springframework.security.access.prepost.PreAuthorize;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.api.query.ConversationHistory;
import ke.co.datacare.whatsapp.api.query.FindConversationHistory;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;

@RestController
@PreAuthorize("hasAnyRole('ADMIN','AGENT','ANALYST')")
@RequestMapping("/api/conversations")
@Tag(name = "Conversations")
class ConversationHistoryController {

    private final QueryGateway queries;
    private final Clock clock;

    ConversationHistoryController(QueryGateway queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @GetMapping("/{id}/history")
    @Operation(summary = "The conversation and its timeline as this service knew them at asOf (an ISO instant; default now), "
            + "rebuilt from the conversation's events")
    ConversationHistory history(@PathVariable String id, @RequestParam(required = false) Instant asOf) {
        Instant moment = asOf == null ? clock.instant() : asOf;
        return queries.query(new FindConversationHistory(id, moment),
                        ResponseTypes.optionalInstanceOf(ConversationHistory.class)).join()
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No conversation " + id + " at " + moment));
    }
}
