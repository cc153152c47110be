package ke.co.datacare.whatsapp.query.campaign;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import ke.co.datacare.whatsapp.api.campaign.CampaignPage;
import ke.co.datacare.whatsapp.api.campaign.CampaignProgress;
import ke.co.datacare.whatsapp.api.campaign.CampaignRecipient;
import ke.co.datacare.whatsapp.api.campaign.CampaignRecipientPage;
import ke.co.datacare.whatsapp.api.campaign.CampaignSummary;
import ke.co.datacare.whatsapp.api.campaign.FindCampaign;
import ke.co.datacare.whatsapp.api.campaign.FindCampaignRecipients;
import ke.co.datacare.whatsapp.api.campaign.FindCampaigns;
import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.query.admin.ReadsProjection;
import ke.co.datacare.whatsapp.query.readmodel.ReadModels;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Set;

@RestController
@Validated
@RequestMapping("/api/campaigns")
@ReadsProjection(ReadModels.GROUP)
@Tag(name = "Campaigns", description = "Template broadcasts to an audience: scheduled, throttled, tracked per recipient")
class CampaignQueryController {

    private static final Set<String> STATUSES = Set.of("draft", "scheduled", "running", "paused", "completed", "cancelled");
    private static final Set<String> RECIPIENT_STATUSES = Set.of("all", "queued", "sent", "delivered", "read", "failed",
            "replied", "excluded");

    private final QueryGateway queries;

    CampaignQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('ADMIN','AGENT','ANALYST')")
    @Operation(summary = "Campaigns, newest first, optionally of one status (an array; paging in headers X-Total-Count, "
            + "X-Page, X-Page-Size)")
    ResponseEntity<List<CampaignSummary>> campaigns(@RequestParam(required = false) String status,
                                                    @RequestParam(defaultValue = "0") @Min(0) int page,
                                                    @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        if (status != null && !status.isBlank() && !STATUSES.contains(status.trim().toLowerCase(java.util.Locale.ROOT))) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "status must be one of " + STATUSES);
        }
        CampaignPage result = queries.query(new FindCampaigns(status, page, size), CampaignPage.class).join();
        return ResponseEntity.ok()
                .header("X-Total-Count", String.valueOf(result.total()))
                .header("X-Page", String.valueOf(result.page()))
                .header("X-Page-Size", String.valueOf(result.size()))
                .body(result.items());
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('ADMIN','AGENT','ANALYST')")
    @Operation(summary = "One campaign with its progress: audience, excluded by reason, queued, sent, delivered, read, "
            + "failed by error code, replied, the current rate and the estimated completion")
    CampaignProgress campaign(@PathVariable String id) {
        return queries.query(new FindCampaign(id), ResponseTypes.optionalInstanceOf(CampaignProgress.class)).join()
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No campaign " + id));
    }

    @GetMapping("/{id}/recipients")
    @PreAuthorize("hasAnyRole('ADMIN','AGENT','ANALYST')")
    @Operation(summary = "A campaign's recipients in queue order, optionally of one status: queued, sent, delivered, "
            + "read, failed, replied, or excluded (the excluded audience entries with their reason); an array, paging "
            + "in headers X-Total-Count, X-Page, X-Page-Size")
    ResponseEntity<List<CampaignRecipient>> recipients(@PathVariable String id,
                                                       @RequestParam(required = false) String status,
                                                       @RequestParam(defaultValue = "0") @Min(0) int page,
                                                       @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        if (status != null && !status.isBlank()
                && !RECIPIENT_STATUSES.contains(status.trim().toLowerCase(java.util.Locale.ROOT))) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "status must be one of " + RECIPIENT_STATUSES);
        }
        campaign(id);
        CampaignRecipientPage result = queries.query(new FindCampaignRecipients(id, status, page, size),
                CampaignRecipientPage.class).join();
        return ResponseEntity.ok()
                .header("X-Total-Count", String.valueOf(result.total()))
                .header("X-Page", String.valueOf(result.page()))
                .header("X-Page-Size", String.valueOf(result.size()))
                .body(result.items());
    }
}
