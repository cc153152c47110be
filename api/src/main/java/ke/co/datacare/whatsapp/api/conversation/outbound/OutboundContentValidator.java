package ke.co.datacare.whatsapp.api.conversation.outbound;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Meta's limits for outbound content, checked before anything is queued, so that a send never fails on them.
 */
public final class OutboundContentValidator {

    static final int TEXT_BODY_MAX = 4096;
    static final int CAPTION_MAX = 1024;
    static final int INTERACTIVE_BODY_MAX = 1024;
    static final int HEADER_FOOTER_MAX = 60;
    static final int BUTTONS_MAX = 3;
    static final int BUTTON_TITLE_MAX = 20;
    static final int BUTTON_ID_MAX = 256;
    static final int LIST_ROWS_MAX = 10;
    static final int LIST_SECTIONS_MAX = 10;
    static final int ROW_TITLE_MAX = 24;
    static final int ROW_DESCRIPTION_MAX = 72;
    static final int ROW_ID_MAX = 200;
    static final int SECTION_TITLE_MAX = 24;
    static final int LIST_BUTTON_TEXT_MAX = 20;
    static final int FILENAME_MAX = 240;
    static final int LINK_MAX = 2000;
    static final int TEMPLATE_NAME_MAX = 512;
    static final int PARAMETER_MAX = 1024;
    static final int EMOJI_MAX = 8;
    static final int FLOW_CTA_MAX = 20;
    static final int FLOW_SCREEN_MAX = 128;

    /** Our ids and Meta's media ids: what a caller may choose, and what every read model has room for. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    /** Meta's message ids ({@code wamid.HBgM...}), base64 text with a prefix. */
    public static final Pattern WAMID = Pattern.compile("[A-Za-z0-9._:=+/-]{1,200}");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(_[A-Za-z]{2,4})?");
    private static final Pattern LINK = Pattern.compile("https?://\\S+", Pattern.CASE_INSENSITIVE);
    private static final String ID_RULE = "1 to 64 letters, digits or . _ : -";
    private static final String WAMID_RULE = "a WhatsApp message id: 1 to 200 letters, digits or . _ : = + / -";

    private static final Set<String> COMPONENT_TYPES = Set.of("header", "body", "button");
    private static final Set<String> BUTTON_SUB_TYPES = Set.of("quick_reply", "url", "flow");
    private static final Set<String> MEDIA_PARAMETER_TYPES = Set.of("image", "document", "video");
    private static final Set<String> TEXT_PARAMETER_TYPES = Set.of("text", "date_time", "currency");
    private static final Pattern FLOW_ID = Pattern.compile("[0-9]{1,32}");
    private static final Set<String> FLOW_ACTIONS = Set.of(FlowContent.NAVIGATE, FlowContent.DATA_EXCHANGE);
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3} \\d{1,12}(\\.\\d{1,3})?");

    /**
     * The ids that come with a send: the caller's own message id (optional) and the message it replies to
     * (optional).
     */
    public List<FieldViolation> validateReferences(String clientMessageId, String replyToWamid) {
        Violations violations = new Violations();
        matches(violations, "clientMessageId", clientMessageId, ID, ID_RULE);
        matches(violations, "replyTo", replyToWamid, WAMID, WAMID_RULE);
        return violations.list();
    }

    private static void matches(Violations violations, String field, String value, Pattern pattern, String rule) {
        violations.check(value == null || pattern.matcher(value).matches(), field, "must be " + rule);
    }

    public List<FieldViolation> validate(OutboundContent content) {
        Violations violations = new Violations();
        if (content instanceof TextContent text) {
            violations.length("body", text.body(), 1, TEXT_BODY_MAX);
        } else if (content instanceof MediaContent media) {
            media(media, violations);
        } else if (content instanceof TemplateContent template) {
            template(template, violations);
        } else if (content instanceof InteractiveButtonsContent buttons) {
            buttons(buttons, violations);
        } else if (content instanceof InteractiveListContent list) {
            list(list, violations);
        } else if (content instanceof ReactionContent reaction) {
            violations.required("targetWamid", reaction.targetWamid());
            matches(violations, "targetWamid", reaction.targetWamid(), WAMID, WAMID_RULE);
            violations.atMost("emoji", reaction.emoji(), EMOJI_MAX);
        } else if (content instanceof FlowContent flow) {
            flow(flow, violations);
        } else {
            violations.add("content", "is required");
        }
        return violations.list();
    }

    private static void media(MediaContent media, Violations violations) {
        if (media.kind() == null) {
            violations.add("kind", "is required");
            return;
        }
        boolean hasId = !Violations.isBlank(media.mediaId());
        boolean hasLink = !Violations.isBlank(media.link());
        violations.check(hasId != hasLink, "mediaId", "give exactly one of mediaId and link");
        matches(violations, "mediaId", hasId ? media.mediaId() : null, ID, ID_RULE);
        link(violations, "link", hasLink ? media.link() : null);
        violations.atMost("filename", media.filename(), FILENAME_MAX);
        if (media.caption() != null) {
            violations.check(media.kind().takesCaption(), "caption", "only images, videos and documents take a caption");
            violations.atMost("caption", media.caption(), CAPTION_MAX);
        }
        violations.check(media.filename() == null || media.kind() == MediaKind.DOCUMENT, "filename",
                "only documents take a filename");
    }

    private static void template(TemplateContent template, Violations violations) {
        violations.length("name", template.name(), 1, TEMPLATE_NAME_MAX);
        violations.required("language", template.language());
        matches(violations, "language", template.language(), LANGUAGE, "a language code such as en or en_US");
        for (int i = 0; i < template.components().size(); i++) {
            component(template.components().get(i), "components[" + i + "]", violations);
        }
    }

    private static void component(TemplateComponent component, String path, Violations violations) {
        if (component == null || !oneOf(COMPONENT_TYPES, component.type())) {
            violations.add(path + ".type", "must be header, body or button");
            return;
        }
        if (component.type().equals("button")) {
            violations.check(oneOf(BUTTON_SUB_TYPES, component.subType()), path + ".subType",
                    "must be quick_reply, url or flow");
            violations.check(component.index() != null && component.index() >= 0, path + ".index",
                    "must be the button's position, from 0");
        }
        for (int i = 0; i < component.parameters().size(); i++) {
            parameter(component.parameters().get(i), path + ".parameters[" + i + "]", violations);
        }
    }

    private static void parameter(TemplateParameter parameter, String path, Violations violations) {
        String type = parameter == null ? null : parameter.type();
        if (type == null) {
            violations.add(path + ".type", "is required");
        } else if (TEXT_PARAMETER_TYPES.contains(type)) {
            violations.length(path + ".text", parameter.text(), 1, PARAMETER_MAX);
            violations.check(!type.equals("currency") || parameter.text() == null
                            || CURRENCY.matcher(parameter.text()).matches(), path + ".text",
                    "must be an ISO 4217 code, a space and the amount, e.g. KES 1500.50");
        } else if (MEDIA_PARAMETER_TYPES.contains(type)) {
            violations.check(Violations.isBlank(parameter.mediaId()) != Violations.isBlank(parameter.mediaLink()),
                    path + ".mediaId", "give exactly one of mediaId and mediaLink");
            matches(violations, path + ".mediaId", Violations.isBlank(parameter.mediaId()) ? null : parameter.mediaId(),
                    ID, ID_RULE);
            link(violations, path + ".mediaLink", Violations.isBlank(parameter.mediaLink()) ? null : parameter.mediaLink());
        } else if (type.equals("payload")) {
            violations.length(path + ".payload", parameter.payload(), 1, BUTTON_ID_MAX);
        } else if (type.equals("action")) {
            matches(violations, path + ".flowToken", parameter.flowToken(), ID, ID_RULE);
        } else {
            violations.add(path + ".type",
                    "must be text, currency, date_time, image, document, video, payload or action");
        }
    }

    private static void buttons(InteractiveButtonsContent content, Violations violations) {
        interactiveTexts(content.header(), content.body(), content.footer(), violations);
        List<ReplyButton> buttons = content.buttons();
        violations.check(!buttons.isEmpty() && buttons.size() <= BUTTONS_MAX, "buttons",
                "must have 1 to " + BUTTONS_MAX + " buttons");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < buttons.size(); i++) {
            String path = "buttons[" + i + "]";
            ReplyButton button = buttons.get(i);
            if (button == null) {
                violations.add(path, "is required");
                continue;
            }
            violations.length(path + ".id", button.id(), 1, BUTTON_ID_MAX);
            violations.check(button.id() == null || ids.add(button.id()), path + ".id", "must be unique");
            violations.length(path + ".title", button.title(), 1, BUTTON_TITLE_MAX);
        }
    }

    private static void list(InteractiveListContent content, Violations violations) {
        interactiveTexts(content.header(), content.body(), content.footer(), violations);
        violations.length("buttonText", content.buttonText(), 1, LIST_BUTTON_TEXT_MAX);
        List<ListSection> sections = content.sections();
        violations.check(!sections.isEmpty() && sections.size() <= LIST_SECTIONS_MAX, "sections",
                "must have 1 to " + LIST_SECTIONS_MAX + " sections");
        int rows = 0;
        Set<String> rowIds = new HashSet<>();
        for (int i = 0; i < sections.size(); i++) {
            ListSection section = sections.get(i);
            String path = "sections[" + i + "]";
            if (section == null) {
                violations.add(path, "is required");
                continue;
            }
            violations.length(path + ".title", section.title(), sections.size() > 1 ? 1 : 0, SECTION_TITLE_MAX);
            violations.check(!section.rows().isEmpty(), path + ".rows", "must have at least one row");
            for (int j = 0; j < section.rows().size(); j++) {
                row(section.rows().get(j), path + ".rows[" + j + "]", rowIds, violations);
            }
            rows += section.rows().size();
        }
        violations.check(rows <= LIST_ROWS_MAX, "sections", "must have at most " + LIST_ROWS_MAX + " rows in total");
    }

    private static void row(ListRow row, String path, Set<String> ids, Violations violations) {
        if (row == null) {
            violations.add(path, "is required");
            return;
        }
        violations.length(path + ".id", row.id(), 1, ROW_ID_MAX);
        violations.check(row.id() == null || ids.add(row.id()), path + ".id", "must be unique");
        violations.length(path + ".title", row.title(), 1, ROW_TITLE_MAX);
        violations.atMost(path + ".description", row.description(), ROW_DESCRIPTION_MAX);
    }

    private static void flow(FlowContent flow, Violations violations) {
        interactiveTexts(flow.header(), flow.body(), flow.footer(), violations);
        violations.required("flowId", flow.flowId());
        matches(violations, "flowId", Violations.isBlank(flow.flowId()) ? null : flow.flowId(), FLOW_ID,
                "Meta's id of the Flow (digits)");
        violations.length("cta", flow.cta(), 1, FLOW_CTA_MAX);
        violations.check(flow.cta() == null || flow.cta().codePoints().noneMatch(OutboundContentValidator::isEmoji),
                "cta", "must not contain emoji");
        matches(violations, "flowToken", flow.flowToken(), ID, ID_RULE);
        violations.check(oneOf(FLOW_ACTIONS, flow.action()), "action", "must be navigate or data_exchange");
        if (FlowContent.NAVIGATE.equals(flow.action())) {
            violations.length("screen", flow.screen(), 1, FLOW_SCREEN_MAX);
        } else {
            violations.check(flow.screen() == null && flow.data() == null, "screen",
                    "data_exchange takes no screen or data: the Flow's endpoint chooses them");
        }
    }

    /** Meta refuses emoji on a Flow's button: pictographs beyond the basic plane, dingbats and emoji modifiers. */
    private static boolean isEmoji(int codePoint) {
        return Character.isSupplementaryCodePoint(codePoint) || codePoint >= 0x2600 && codePoint <= 0x27BF
                || codePoint == 0xFE0F || codePoint == 0x200D;
    }

    private static void link(Violations violations, String field, String link) {
        violations.check(link == null || link.length() <= LINK_MAX && LINK.matcher(link).matches(), field,
                "must be an http(s) URL of at most " + LINK_MAX + " characters");
    }

    private static boolean oneOf(Set<String> allowed, String value) {
        return value != null && allowed.contains(value);
    }

    private static void interactiveTexts(String header, String body, String footer, Violations violations) {
        violations.atMost("header", header, HEADER_FOOTER_MAX);
        violations.length("body", body, 1, INTERACTIVE_BODY_MAX);
        violations.atMost("footer", footer, HEADER_FOOTER_MAX);
    }
}
