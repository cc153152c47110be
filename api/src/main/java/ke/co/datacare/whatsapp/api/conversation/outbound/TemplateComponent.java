package ke.co.datacare.whatsapp.api.conversation.outbound;

import java.util.List;
import java.util.Map;

/**
 * @param type    {@code header}, {@code body} or {@code button}
 * @param subType for buttons: {@code quick_reply}, {@code url} or {@code flow}
 * @param index   for buttons: the button's position in the template, from 0
 */
public record TemplateComponent(String type, String subType, Integer index, List<TemplateParameter> parameters) {

    public TemplateComponent {
        parameters = Lists.copyOf(parameters);
    }

    public static TemplateComponent header(TemplateParameter parameter) {
        return new TemplateComponent("header", null, null, List.of(parameter));
    }

    public static TemplateComponent body(TemplateParameter... parameters) {
        return new TemplateComponent("body", null, null, List.of(parameters));
    }

    public static TemplateComponent quickReplyButton(int index, String payload) {
        return new TemplateComponent("button", "quick_reply", index, List.of(TemplateParameter.payload(payload)));
    }

    public static TemplateComponent flowButton(int index, String flowToken, Map<String, Object> flowData) {
        return new TemplateComponent("button", "flow", index, List.of(TemplateParameter.flowAction(flowToken, flowData)));
    }

    public static TemplateComponent urlButton(int index, String urlSuffix) {
        return new TemplateComponent("button", "url", index, List.of(TemplateParameter.text(urlSuffix)));
    }
}
