package ke.co.datacare.whatsapp.query.status;

import org.springframework.security.access.prepost.PreAuthorize;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.api.query.FindMessageStatus;
import ke.co.datacare.whatsapp.api.query.MessageStatusView;
import ke.co.datacare.whatsapp.query.admin.ReadsProjection;
import ke.co.datacare.whatsapp.query.readmodel.ReadModels;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@PreAuthorize("hasAnyRole('ADMIN','AGENT','ANALYST')")
@RequestMapping("/api/messages")
@ReadsProjection(ReadModels.GROUP)
@Tag(name = "Messages")
class MessageStatusController {

    private final QueryGateway queries;

    MessageStatusController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/{id}/status")
    @Operation(summary = "How far an outbound message got: Meta's furthest delivery status, looked up by its WhatsApp "
            + "message id (wamid....) or by the id POST /api/messages/send answered with; before Meta reports one, "
            + "the state of our send (queued, accepted, failed, abandoned)")
    MessageStatusView status(@PathVariable String id) {
        FindMessageStatus query = id.startsWith("wamid.") ? FindMessageStatus.byWamid(id) : FindMessageStatus.byMessageId(id);
        return queries.query(query, ResponseTypes.optionalInstanceOf(MessageStatusView.class))
                .join()
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No status known for message " + id));
    }
}
