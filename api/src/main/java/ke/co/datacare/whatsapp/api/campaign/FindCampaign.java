package ke.co.datacare.whatsapp.api.campaign;

/** One campaign with its progress; answered with an optional {@link CampaignProgress}. */
public record FindCampaign(String campaignId) {
}
