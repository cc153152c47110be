package ke.co.datacare.whatsapp.api.campaign;

/** Campaigns, newest first, optionally of one status (lower or upper case); answered with a {@link CampaignPage}. */
public record FindCampaigns(String status, int page, int size) {
}
