package ke.co.datacare.whatsapp.api.campaign;

import java.util.List;

public record CampaignPage(List<CampaignSummary> items, long total, int page, int size) {
}
