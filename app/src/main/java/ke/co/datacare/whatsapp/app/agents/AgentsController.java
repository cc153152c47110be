package ke.co.datacare.whatsapp.app.agents;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import ke.co.datacare.whatsapp.api.agent.AgentList;
import ke.co.datacare.whatsapp.api.agent.AgentSummary;
import ke.co.datacare.whatsapp.api.agent.FindAgents;
import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.api.conversation.outbound.FieldViolation;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** Agents say whether they take conversations now; everybody can see who is available and how busy. */
@RestController
@RequestMapping("/api/agents")
@Tag(name = "Agents", description = "Availability and load of the people who answer customers")
@SecurityRequirement(name = "bearer")
class AgentsController {

    static final String AVAILABLE = "available";
    static final String AWAY = "away";

    record AvailabilityRequest(String status) {
    }

    record AvailabilityResponse(String id, String status) {
    }

    private final QueryGateway queries;
    private final AgentDirectory directory;

    AgentsController(QueryGateway queries, AgentDirectory directory) {
        this.queries = queries;
        this.directory = directory;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('ADMIN','AGENT','ANALYST')")
    @Operation(summary = "Agents and admins with their availability and open (unresolved, assigned) conversations")
    List<AgentSummary> agents() {
        return queries.query(new FindAgents(false), AgentList.class).join().agents();
    }

    @PostMapping("/me/availability")
    @PreAuthorize("hasAnyRole('ADMIN','AGENT')")
    @Operation(summary = "Mark yourself available (new conversations may be assigned to you) or away")
    AvailabilityResponse availability(@RequestBody(required = false) AvailabilityRequest request, Authentication caller) {
        String status = request == null ? null : request.status();
        if (!AVAILABLE.equals(status) && !AWAY.equals(status)) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "Some fields are not valid",
                    Map.of("errors", List.of(new FieldViolation("status", "must be available or away"))));
        }
        if (!directory.setAvailable(caller.getName(), AVAILABLE.equals(status))) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No user " + caller.getName());
        }
        return new AvailabilityResponse(caller.getName(), status);
    }
}
