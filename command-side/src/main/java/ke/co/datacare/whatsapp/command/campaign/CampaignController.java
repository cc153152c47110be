package ke.co.datacare.whatsapp.command.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import ke.co.datacare.whatsapp.api.campaign.AudienceSpec;
import ke.co.datacare.whatsapp.api.campaign.CampaignContent;
import ke.co.datacare.whatsapp.api.campaign.CampaignId;
import ke.co.datacare.whatsapp.api.campaign.CancelCampaign;
import ke.co.datacare.whatsapp.api.campaign.CreateCampaign;
import ke.co.datacare.whatsapp.api.campaign.ParameterSource;
import ke.co.datacare.whatsapp.api.campaign.PauseCampaign;
import ke.co.datacare.whatsapp.api.campaign.ResumeCampaign;
import ke.co.datacare.whatsapp.api.campaign.ScheduleCampaign;
import ke.co.datacare.whatsapp.api.campaign.SendWindow;
import ke.co.datacare.whatsapp.api.campaign.StartCampaign;
import ke.co.datacare.whatsapp.api.campaign.UpdateCampaign;
import ke.co.datacare.whatsapp.api.campaign.UploadCampaignAudience;
import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.api.conversation.outbound.FieldViolation;
import ke.co.datacare.whatsapp.command.contact.ContactDetailsPolicy;
import ke.co.datacare.whatsapp.command.graph.BusinessNumbers;
import ke.co.datacare.whatsapp.command.outbound.TemplateCatalog;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Creates and controls campaigns; the Campaign aggregate decides, the dispatcher sends. Reads are on the query
 * side ({@code GET /api/campaigns...}).
 */
@RestController
@RequestMapping("/api/campaigns")
@Tag(name = "Campaigns", description = "Template broadcasts to an audience: scheduled, throttled, tracked per recipient")
@SecurityRequirement(name = "bearer")
class CampaignController {

    static final int MAX_ENTRIES = 200_000;
    /** 200,000 numbers of 16 characters with a name column fit in 16 MB; a larger upload is refused as it is read. */
    static final int MAX_UPLOAD_BYTES = 16 * 1024 * 1024;

    record CampaignAccepted(String id, String status) {
    }

    record StartAt(Instant startAt) {
    }

    record AudienceUploadResult(String id, int phoneNumbers, int rejected, List<AudienceCsv.Rejected> rejectedRows) {
    }

    private final CommandGateway commands;
    private final TemplateCatalog templates;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final BusinessNumbers numbers;
    private final AudienceUpload uploads;

    CampaignController(CommandGateway commands, TemplateCatalog templates, JdbcTemplate jdbc,
                       ObjectMapper json, Clock clock, BusinessNumbers numbers, AudienceUpload uploads) {
        this.numbers = numbers;
        this.commands = commands;
        this.uploads = uploads;
        this.templates = templates;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('ADMIN','AGENT')")
    @Operation(summary = "Create a campaign as a draft, sending from phoneNumberId (the default number when absent; "
            + "one that is not ours is code UNKNOWN_BUSINESS_NUMBER); answers 201 with its id")
    ResponseEntity<CampaignAccepted> create(@RequestBody CampaignRequest request, Authentication caller) {
        Definition definition = definitionOf(request);
        CampaignId id = CampaignId.fromUuid(UUID.randomUUID());
        commands.sendAndWait(new CreateCampaign(id, definition.name(), definition.content(), definition.audience(),
                definition.window(), definition.phoneNumberId(), caller.getName(), clock.instant()));
        return ResponseEntity.created(URI.create("/api/campaigns/" + id)).body(new CampaignAccepted(id.value(), "draft"));
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasAnyRole('ADMIN','AGENT')")
    @Operation(summary = "Replace a draft's name, template, audience, send window and number (409 once it is "
            + "scheduled or started)")
    CampaignAccepted update(@PathVariable String id, @RequestBody CampaignRequest request, Authentication caller) {
        CampaignId campaign = existing(id);
        Definition definition = definitionOf(request);
        commands.sendAndWait(new UpdateCampaign(campaign, definition.name(), definition.content(), definition.audience(),
                definition.window(), definition.phoneNumberId(), caller.getName(), clock.instant()));
        return new CampaignAccepted(campaign.value(), "draft");
    }

    @PostMapping(path = "/{id}/audience", consumes = {"text/csv", "text/plain", "application/csv"})
    @PreAuthorize("hasAnyRole('ADMIN','AGENT')")
    @Operation(summary = "Upload the phone numbers of a draft's audience as CSV with a 'phone' column; replaces the "
            + "previous upload unless append=true. Rows that are not phone numbers are reported and left out")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @io.swagger.v3.oas.annotations.media.Content(
            mediaType = "text/csv", schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string")))
    AudienceUploadResult upload(@PathVariable String id, jakarta.servlet.http.HttpServletRequest body,
                                @RequestParam(defaultValue = "false") boolean append, Authentication caller)
            throws java.io.IOException {
        CampaignId campaign = existing(id);
        AudienceCsv.Result result;
        try (java.io.BufferedReader csv = new java.io.BufferedReader(new java.io.InputStreamReader(
                new CappedBody(body.getInputStream(), MAX_UPLOAD_BYTES), java.nio.charset.StandardCharsets.UTF_8))) {
            result = AudienceCsv.read(csv, 2 * MAX_ENTRIES + 1);
        } catch (IllegalArgumentException e) {
            throw invalid("phone", e.getMessage());
        } catch (AudienceCsv.TooManyLines | CappedBody.TooLarge e) {
            throw new DomainException(ErrorCode.PAYLOAD_TOO_LARGE, e.getMessage());
        }
        if (result.phoneNumbers().size() > MAX_ENTRIES) {
            throw invalid("phone", "at most " + MAX_ENTRIES + " phone numbers per campaign");
        }
        Instant at = clock.instant();
        commands.sendAndWait(new UploadCampaignAudience(campaign, uploads.contactsOf(result.phoneNumbers(), at), append,
                caller.getName(), at));
        return new AudienceUploadResult(campaign.value(), result.phoneNumbers().size(), result.rejectedCount(),
                result.rejected());
    }

    @PostMapping("/{id}/schedule")
    @PreAuthorize("hasAnyRole('ADMIN','AGENT')")
    @Operation(summary = "Start a draft or scheduled campaign at startAt (an ISO instant in the future)")
    ResponseEntity<CampaignAccepted> schedule(@PathVariable String id, @RequestBody StartAt body, Authentication caller) {
        CampaignId campaign = existing(id);
        Instant now = clock.instant();
        if (body == null || body.startAt() == null || !body.startAt().isAfter(now)) {
            throw invalid("startAt", "an ISO instant in the future (use /start to start now)");
        }
        readyToStart(campaign);
        commands.sendAndWait(new ScheduleCampaign(campaign, body.startAt(), caller.getName(), now));
        return accepted(campaign, "scheduled");
    }

    @PostMapping("/{id}/start")
    @PreAuthorize("hasAnyRole('ADMIN','AGENT')")
    @Operation(summary = "Start a draft or scheduled campaign now")
    ResponseEntity<CampaignAccepted> start(@PathVariable String id, Authentication caller) {
        CampaignId campaign = existing(id);
        readyToStart(campaign);
        commands.sendAndWait(new StartCampaign(campaign, caller.getName(), clock.instant()));
        return accepted(campaign, "running");
    }

    @PostMapping("/{id}/pause")
    @PreAuthorize("hasAnyRole('ADMIN','AGENT')")
    @Operation(summary = "Pause a running campaign: no further sends within a second")
    ResponseEntity<CampaignAccepted> pause(@PathVariable String id, Authentication caller) {
        CampaignId campaign = existing(id);
        commands.sendAndWait(new PauseCampaign(campaign, null, caller.getName(), clock.instant()));
        return accepted(campaign, "paused");
    }

    @PostMapping("/{id}/resume")
    @PreAuthorize("hasAnyRole('ADMIN','AGENT')")
    @Operation(summary = "Resume a paused campaign where it stopped")
    ResponseEntity<CampaignAccepted> resume(@PathVariable String id, Authentication caller) {
        CampaignId campaign = existing(id);
        commands.sendAndWait(new ResumeCampaign(campaign, caller.getName(), clock.instant()));
        return accepted(campaign, "running");
    }

    @PostMapping("/{id}/cancel")
    @PreAuthorize("hasAnyRole('ADMIN','AGENT')")
    @Operation(summary = "Cancel a campaign that has not completed: nobody else gets its message")
    ResponseEntity<CampaignAccepted> cancel(@PathVariable String id, Authentication caller) {
        CampaignId campaign = existing(id);
        commands.sendAndWait(new CancelCampaign(campaign, caller.getName(), clock.instant()));
        return accepted(campaign, "cancelled");
    }

    private static ResponseEntity<CampaignAccepted> accepted(CampaignId campaign, String status) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new CampaignAccepted(campaign.value(), status));
    }

    private record Definition(String name, CampaignContent content, AudienceSpec audience, SendWindow window,
                              String phoneNumberId) {
    }

    private Definition definitionOf(CampaignRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        if (request == null) {
            throw invalid("body", "required");
        }
        if (request.name() == null || request.name().isBlank() || request.name().length() > 256) {
            violations.add(new FieldViolation("name", "required, at most 256 characters"));
        }
        CampaignRequest.Template template = request.template();
        if (template == null || blank(template.name()) || blank(template.language())) {
            violations.add(new FieldViolation("template", "name and language are required"));
        }
        List<ParameterSource> parameters = template == null || template.parameters() == null ? List.of()
                : template.parameters();
        for (int i = 0; i < parameters.size(); i++) {
            String problem = RecipientParameters.problemWith(parameters.get(i));
            if (problem != null) {
                violations.add(new FieldViolation("template.parameters[" + i + "]", problem));
            }
        }
        CampaignRequest.Audience audience = audienceOf(request.audience(), violations);
        SendWindow window = windowOf(request.sendWindow(), violations);
        if (!violations.isEmpty()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "The campaign is not valid", Map.of("errors", violations));
        }
        String number = numbers.chosen(request.phoneNumberId());
        checkTemplate(template.name(), template.language(), parameters.size());
        return new Definition(request.name().strip(), new CampaignContent(template.name(), template.language(), parameters),
                registered(audience, clock.instant()), window, number);
    }

    private void checkTemplate(String name, String language, int parameters) {
        TemplateCatalog.Template known = templates.find(name, language).filter(TemplateCatalog.Template::approved)
                .orElseThrow(() -> new DomainException(ErrorCode.TEMPLATE_NOT_APPROVED, "Template '" + name
                        + "' is not approved in language '" + language + "'"));
        if (known.bodyParameterCount() != parameters) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "Template '" + name + "' takes "
                    + known.bodyParameterCount() + " body parameter(s), " + parameters + " given",
                    Map.of("errors", List.of(new FieldViolation("template.parameters", "expected "
                            + known.bodyParameterCount() + " parameters"))));
        }
    }

    private static CampaignRequest.Audience audienceOf(CampaignRequest.Audience given, List<FieldViolation> violations) {
        if (given == null) {
            return new CampaignRequest.Audience(List.of(), List.of(), List.of());
        }
        CampaignRequest.Audience audience = new CampaignRequest.Audience(listOf(given.tags()), listOf(given.contactIds()),
                listOf(given.phoneNumbers()));
        if (audience.tags().stream().anyMatch(tag -> ContactDetailsPolicy.normalTag(tag) == null)) {
            violations.add(new FieldViolation("audience.tags", "each tag " + ContactDetailsPolicy.TAG_RULE));
        }
        if (audience.tags().size() + audience.contactIds().size() + audience.phoneNumbers().size() > MAX_ENTRIES) {
            violations.add(new FieldViolation("audience", "at most " + MAX_ENTRIES + " entries"));
        }
        if (audience.contactIds().stream().anyMatch(id -> blank(id) || id.length() > 64)
                || audience.phoneNumbers().stream().anyMatch(phone -> blank(phone) || phone.length() > 32)) {
            violations.add(new FieldViolation("audience", "no blank entries; contact ids at most 64 characters, "
                    + "phone numbers at most 32"));
        }
        return audience;
    }

    /**
     * The audience as the events name it: the typed phone numbers become contacts first ({@link AudienceUpload}, as
     * an uploaded list's do), in the order typed; an entry that is not a phone number is only counted.
     */
    private AudienceSpec registered(CampaignRequest.Audience audience, Instant at) {
        List<String> waIds = audience.phoneNumbers().stream().map(AudienceResolver::waIdOf)
                .filter(java.util.Objects::nonNull).toList();
        return new AudienceSpec(audience.tags(), audience.contactIds(), uploads.contactsOf(waIds, at),
                audience.phoneNumbers().size() - waIds.size());
    }

    private static <T> List<T> listOf(List<T> values) {
        return values == null ? List.of() : values;
    }

    private static SendWindow windowOf(CampaignRequest.Window window, List<FieldViolation> violations) {
        if (window == null || (blank(window.from()) && blank(window.to()))) {
            return null;
        }
        try {
            SendWindow parsed = new SendWindow(LocalTime.parse(window.from()), LocalTime.parse(window.to()),
                    blank(window.zone()) ? SendWindowPolicy.DEFAULT_ZONE.getId() : window.zone());
            String problem = SendWindowPolicy.problemWith(parsed);
            if (problem != null) {
                violations.add(new FieldViolation("sendWindow", problem));
            }
            return parsed;
        } catch (DateTimeParseException | NullPointerException e) {
            violations.add(new FieldViolation("sendWindow", "from and to as HH:mm"));
            return null;
        }
    }

    /** A campaign can start only with an approved template and an audience. */
    private void readyToStart(CampaignId campaign) {
        String content = jdbc.queryForObject("select content_json from campaign_dispatch where campaign_id = ?",
                String.class, campaign.value());
        Integer entries = jdbc.queryForObject("select count(*) from campaign_audience_entry where campaign_id = ?",
                Integer.class, campaign.value());
        if (entries == null || entries == 0) {
            throw invalid("audience", "the campaign has no audience: give contactIds or phoneNumbers, or upload a CSV");
        }
        CampaignContent parsed;
        try {
            parsed = json.readValue(content, CampaignContent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored campaign content is not readable", e);
        }
        checkTemplate(parsed.templateName(), parsed.language(), parsed.bodyParameters().size());
    }

    private CampaignId existing(String id) {
        if (!CampaignId.isValid(id) || jdbc.queryForObject("select count(*) from campaign_dispatch where campaign_id = ?",
                Integer.class, id) == 0) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No campaign " + id);
        }
        return CampaignId.of(id);
    }

    private static DomainException invalid(String field, String reason) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, "The request is not valid: " + field + " " + reason,
                Map.of("errors", List.of(new FieldViolation(field, reason))));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
