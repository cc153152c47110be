package ke.co.datacare.whatsapp.command.graph;

import ke.co.datacare.whatsapp.api.conversation.outbound.ErrorClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ke.co.datacare.whatsapp.api.conversation.outbound.FieldViolation;
import ke.co.datacare.whatsapp.api.conversation.outbound.OutboundContent;
import ke.co.datacare.whatsapp.api.conversation.outbound.OutboundContentValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Meta's WhatsApp Business Cloud API over HTTP. Every call carries the bearer token; the token never appears in a
 * log line or an exception message.
 */
public class GraphApiClient {

    private static final Logger log = LoggerFactory.getLogger(GraphApiClient.class);

    static final String TEMPLATE_FIELDS = "name,status,category,language,components";
    static final String PHONE_NUMBER_FIELDS = "id,display_phone_number,verified_name,quality_rating,status,throughput";
    private static final int MAX_PAGES = 100;

    private final GraphApiProperties properties;
    private final RestClient rest;
    private final ObjectMapper json = new ObjectMapper();
    private final GraphErrorParser errors = new GraphErrorParser(json, new GraphErrorClassifier());
    private final OutboundContentValidator validator = new OutboundContentValidator();
    private final URI apiBase;
    private final TokenDestinations destinations;
    private final HttpClient asyncHttp;
    private final BusinessNumbers numbers;

    /** A client for the default number alone. */
    public GraphApiClient(GraphApiProperties properties, RestClient.Builder builder) {
        this(properties, new BusinessNumbers(properties, BusinessNumberProperties.none()), builder);
    }

    public GraphApiClient(GraphApiProperties properties, BusinessNumbers numbers, RestClient.Builder builder) {
        this.properties = properties;
        this.numbers = numbers;
        this.apiBase = URI.create(properties.apiUrl());
        this.destinations = new TokenDestinations(apiBase, properties.mediaHosts());
        // the sandbox runs without a token: an empty "Bearer " header would be refused as a malformed token
        if (properties.hasAccessToken()) {
            builder.defaultHeaders(headers -> headers.setBearerAuth(properties.accessToken()));
        }
        this.asyncHttp = httpClient(properties);
        this.rest = builder.requestFactory(requestFactory(asyncHttp, properties)).build();
    }

    public SendResult send(String from, String to, OutboundContent content, String replyToWamid,
                           String bizOpaqueCallbackData) {
        return sendAsync(from, to, content, replyToWamid, bizOpaqueCallbackData).join();
    }

    /**
     * Sends a message without holding a thread while Meta answers: the request goes out on the shared
     * {@link HttpClient} (HTTP/2 where Meta offers it, so many requests share one connection) and the result completes
     * when the answer arrives or the request timeout passes. The future never completes exceptionally: every failure is
     * a {@link SendResult.Failed} with Meta's error or ours. Callers bound how many are outstanding.
     * <p>
     * {@code from} is the business number the conversation belongs to (null: the default number, for messages recorded
     * before conversations kept their number); a number that is not one of ours fails permanently, without a call.
     */
    public CompletableFuture<SendResult> sendAsync(String from, String to, OutboundContent content, String replyToWamid,
                                                   String bizOpaqueCallbackData) {
        String number = numbers.from(from);
        if (!numbers.knows(number)) {
            return CompletableFuture.completedFuture(new SendResult.Failed(unknownNumber(number)));
        }
        List<FieldViolation> violations = validator.validate(content);
        if (!violations.isEmpty()) {
            return CompletableFuture.completedFuture(new SendResult.Failed(invalid(violations)));
        }
        return asyncHttp.sendAsync(messagesRequest(number,
                                MessageBodies.message(to, content, replyToWamid, bizOpaqueCallbackData)),
                        HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> failure == null ? sendResult(response.statusCode(), response.body())
                        : new SendResult.Failed(unreachable(failure instanceof CompletionException ? failure
                                : new CompletionException(failure))));
    }

    /** A POST to the business number's {@code messages} edge for the shared asynchronous client. */
    private HttpRequest messagesRequest(String from, ObjectNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api(from, "messages"))
                .timeout(properties.readTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
        if (properties.hasAccessToken()) {
            request.header("Authorization", "Bearer " + properties.accessToken());
        }
        return request.build();
    }

    private SendResult sendResult(int status, byte[] raw) {
        if (status < 200 || status >= 300) {
            GraphError error = errors.parse(status, raw);
            log.warn("Send failed: {}", new GraphApiException(error).getMessage());
            return new SendResult.Failed(error);
        }
        try {
            JsonNode answer = raw.length == 0 ? json.missingNode() : json.readTree(raw);
            String wamid = answer.path("messages").path(0).path("id").asText(null);
            if (wamid == null) {
                return new SendResult.Failed(unexpectedAnswer("the answer has no messages[0].id"));
            }
            return new SendResult.Accepted(wamid, answer.path("contacts").path(0).path("wa_id").asText(null));
        } catch (IOException unreadable) {
            return new SendResult.Failed(unexpectedAnswer("the answer is not JSON"));
        }
    }

    /** Marks the customer's message {@code wamid} read, from the business number {@code from} it was written to. */
    public void markAsRead(String from, String wamid, boolean typingIndicator) {
        postJson(api(ours(from), "messages"), MessageBodies.markAsRead(wamid, typingIndicator));
    }

    /**
     * Marks a message read without holding a thread while Meta answers; the future completes with Meta's error (as a
     * {@link GraphApiException}) or when the request fails, never with the bearer token in a message.
     */
    public CompletableFuture<Void> markAsReadAsync(String from, String wamid, boolean typingIndicator) {
        String number = numbers.from(from);
        if (!numbers.knows(number)) {
            return CompletableFuture.failedFuture(new GraphApiException(unknownNumber(number)));
        }
        return asyncHttp.sendAsync(messagesRequest(number, MessageBodies.markAsRead(wamid, typingIndicator)),
                        HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw new GraphApiException(unreachable(failure instanceof CompletionException ? failure
                                : new CompletionException(failure)));
                    }
                    if (response.statusCode() < 200 || response.statusCode() >= 300) {
                        throw new GraphApiException(errors.parse(response.statusCode(), response.body()));
                    }
                    return null;
                });
    }

    /**
     * Uploads media for later sends from the business number {@code from}; the returned id stays valid for 30 days.
     */
    public String uploadMedia(String from, byte[] bytes, String filename, String mimeType) {
        HttpHeaders fileHeaders = new HttpHeaders();
        fileHeaders.setContentType(MediaType.parseMediaType(mimeType));
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("messaging_product", "whatsapp");
        parts.add("file", new HttpEntity<>(new NamedBytes(bytes, filename), fileHeaders));
        parts.add("type", mimeType);
        JsonNode answer = exchange(rest.post()
                .uri(api(ours(from), "media"))
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(parts));
        return required(answer, "id");
    }

    /** Where media can be downloaded; refused when the URL leads anywhere but Meta's media hosts. */
    public MediaDownload resolveMedia(String mediaId) {
        JsonNode answer = exchange(rest.get().uri(api(mediaId)));
        String url = mediaUrl(required(answer, "url")).toString();
        return new MediaDownload(mediaId, url, answer.path("mime_type").asText(null),
                answer.path("sha256").asText(null), answer.path("file_size").asLong(-1));
    }

    /**
     * Downloads media into {@code out}. Meta's download URLs expire after a few minutes, so a 404 resolves the
     * media id once more and retries once.
     */
    public void streamMedia(String mediaId, OutputStream out) {
        boolean downloaded = download(resolveMedia(mediaId).url(), out) || download(resolveMedia(mediaId).url(), out);
        if (!downloaded) {
            throw new GraphApiException(new GraphError(404, null, null, "Media download failed",
                    "the download URL of media " + mediaId + " answered 404 twice", null, null, ErrorClass.PERMANENT));
        }
    }

    public List<TemplateSummary> listTemplates() {
        List<TemplateSummary> templates = new ArrayList<>();
        everyPage(api(properties.businessAccountId(), "message_templates"), TEMPLATE_FIELDS,
                template -> templates.add(template(template)));
        return templates;
    }

    /**
     * The business account's numbers as Meta lists them ({@code GET /{waba-id}/phone_numbers}), every page.
     */
    public List<BusinessNumbers.Listed> listPhoneNumbers() {
        List<BusinessNumbers.Listed> listed = new ArrayList<>();
        everyPage(api(properties.businessAccountId(), "phone_numbers"), PHONE_NUMBER_FIELDS,
                number -> listed.add(new BusinessNumbers.Listed(required(number, "id"),
                        number.path("display_phone_number").asText(null), number.path("verified_name").asText(null),
                        number.path("quality_rating").asText(null), number.path("status").asText(null),
                        number.path("throughput").path("level").asText(null))));
        return listed;
    }

    /** Each item of a list edge with {@code fields}, following Meta's {@code paging.next} up to a limit of pages. */
    private void everyPage(URI edge, String fields, Consumer<JsonNode> item) {
        URI page = UriComponentsBuilder.fromUri(edge).queryParam("fields", fields).build(true).toUri();
        for (int pages = 0; page != null && pages < MAX_PAGES; pages++) {
            JsonNode answer = exchange(rest.get().uri(page));
            answer.path("data").forEach(item);
            page = nextPage(answer.path("paging").path("next").asText(null));
        }
    }

    public TemplateSubmission submitTemplate(TemplateDraft draft) {
        ObjectNode body = json.createObjectNode()
                .put("name", draft.name())
                .put("category", draft.category())
                .put("language", draft.language());
        body.set("components", draft.components() == null ? json.createArrayNode() : draft.components());
        JsonNode answer = postJson(api(properties.businessAccountId(), "message_templates"), body);
        return new TemplateSubmission(answer.path("id").asLong(), answer.path("status").asText(null),
                answer.path("category").asText(draft.category()));
    }

    private boolean download(String url, OutputStream out) {
        URI uri = mediaUrl(url);
        try {
            return rest.get().uri(uri).exchange((request, response) -> {
                if (response.getStatusCode().value() == 404) {
                    return false;
                }
                if (!response.getStatusCode().is2xxSuccessful()) {
                    throw new GraphApiException(errors.parse(response.getStatusCode().value(),
                            response.getBody().readAllBytes()));
                }
                response.getBody().transferTo(out);
                return true;
            });
        } catch (ResourceAccessException failure) {
            throw new GraphApiException(unreachable(failure));
        }
    }

    private URI mediaUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException unreadable) {
            throw new GraphApiException(unexpectedAnswer("the media URL is not a URL"));
        }
        if (!destinations.media(uri)) {
            log.warn("Media download refused: {} is not one of Meta's media hosts", uri.getHost());
            throw new GraphApiException(unexpectedAnswer("the media URL points outside Meta's media hosts"));
        }
        return uri;
    }

    private JsonNode postJson(URI uri, ObjectNode body) {
        return exchange(rest.post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(bytes(body)));
    }

    private JsonNode exchange(RestClient.RequestHeadersSpec<?> request) {
        try {
            return request.exchange((req, response) -> {
                int status = response.getStatusCode().value();
                byte[] body = response.getBody().readAllBytes();
                if (!response.getStatusCode().is2xxSuccessful()) {
                    throw new GraphApiException(errors.parse(status, body));
                }
                JsonNode answer = body.length == 0 ? null : json.readTree(body);
                return answer == null ? json.missingNode() : answer;
            });
        } catch (ResourceAccessException failure) {
            throw new GraphApiException(unreachable(failure));
        }
    }

    private URI api(String... segments) {
        return UriComponentsBuilder.fromUri(apiBase).pathSegment(segments).encode().build().toUri();
    }

    /**
     * Meta's {@code paging.next} repeats the access token as a query parameter; it is dropped (the header carries
     * it), and a link to any other host is refused so that the token never leaves the Graph API.
     */
    private URI nextPage(String next) {
        if (next == null || next.isBlank()) {
            return null;
        }
        URI uri = UriComponentsBuilder.fromUriString(next).replaceQueryParam("access_token").build(true).toUri();
        if (!destinations.graphApi(uri)) {
            throw new GraphApiException(unexpectedAnswer("paging.next points outside the Graph API"));
        }
        return uri;
    }

    private TemplateSummary template(JsonNode template) {
        JsonNode components = template.path("components");
        return new TemplateSummary(template.path("id").asLong(), template.path("name").asText(null),
                template.path("status").asText(null), template.path("category").asText(null),
                template.path("language").asText(null),
                components.isArray() ? components : json.createArrayNode());
    }

    private String required(JsonNode answer, String field) {
        String value = answer.path(field).asText(null);
        if (value == null) {
            throw new GraphApiException(unexpectedAnswer("the answer has no " + field));
        }
        return value;
    }

    private byte[] bytes(JsonNode body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    private GraphError unreachable(Throwable failure) {
        boolean timeout = false;
        Throwable described = null;
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            timeout |= cause instanceof HttpTimeoutException;
            if (described == null && cause.getMessage() != null) {
                described = cause;
            }
        }
        Throwable first = failure.getCause() == null ? failure : failure.getCause();
        String message = described == null ? first.getClass().getSimpleName()
                : described.getClass().getSimpleName() + ": " + described.getMessage();
        return GraphError.unreachable(timeout ? "Timeout" : "Graph API unreachable", redact(message));
    }

    private String redact(String text) {
        return properties.hasAccessToken() ? text.replace(properties.accessToken(), "******") : text;
    }

    /** {@code from} when it is one of our numbers (null: the default); refused otherwise, without a call. */
    private String ours(String from) {
        String number = numbers.from(from);
        if (!numbers.knows(number)) {
            throw new GraphApiException(unknownNumber(number));
        }
        return number;
    }

    /** The conversation belongs to a number we do not send from: no retry can help. */
    private static GraphError unknownNumber(String number) {
        return new GraphError(0, null, null, "Unknown business number", "business number " + number
                + " is not one of ours (datacare.whatsapp.phone-number-id, datacare.whatsapp.numbers.ids or the "
                + "business account's numbers)", null, null, ErrorClass.PERMANENT);
    }

    private static GraphError invalid(List<FieldViolation> violations) {
        String message = violations.stream()
                .map(violation -> violation.field() + " " + violation.reason())
                .collect(Collectors.joining("; "));
        return new GraphError(0, null, null, "Invalid content", message, null, null, ErrorClass.PERMANENT);
    }

    /**
     * Meta answered 2xx in a shape we do not know; the message may have gone out, so it is not retried.
     */
    private static GraphError unexpectedAnswer(String message) {
        return new GraphError(200, null, null, "Unexpected answer", message, null, null, ErrorClass.PERMANENT);
    }

    /** HTTP/2 over TLS (Meta), HTTP/1.1 in clear (the sandbox and the stand-ins on 127.0.0.1). */
    private static HttpClient httpClient(GraphApiProperties properties) {
        boolean tls = properties.apiUrl().regionMatches(true, 0, "https:", 0, 6);
        return HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .version(tls ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .build();
    }

    private static ClientHttpRequestFactory requestFactory(HttpClient http, GraphApiProperties properties) {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(properties.readTimeout());
        return factory;
    }

    private static final class NamedBytes extends ByteArrayResource {

        private final String filename;

        NamedBytes(byte[] bytes, String filename) {
            super(bytes);
            this.filename = filename;
        }

        @Override
        public String getFilename() {
            return filename;
        }
    }
}
