package ke.co.datacare.whatsapp.api.campaign;

import java.util.List;

public record CampaignRecipientPage(List<CampaignRecipient> items, long total, int page, int size) {
}
