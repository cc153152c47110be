package ke.co.datacare.whatsapp.api.campaign;

import java.util.List;

/** An approved template, its language, and where each of its body parameters ({{1}}, {{2}}, ...) comes from. */
public record CampaignContent(String templateName, String language, List<ParameterSource> bodyParameters) {

    public CampaignContent {
        bodyParameters = bodyParameters == null ? List.of() : List.copyOf(bodyParameters);
    }
}
