package ke.co.datacare.whatsapp.command.outbound;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.api.inbox.FindMessageMedia;
import ke.co.datacare.whatsapp.api.inbox.MessageMedia;
import ke.co.datacare.whatsapp.command.graph.Attachment;
import ke.co.datacare.whatsapp.command.graph.BusinessNumbers;
import ke.co.datacare.whatsapp.command.graph.GraphApiClient;
import ke.co.datacare.whatsapp.command.graph.GraphApiException;
import ke.co.datacare.whatsapp.command.graph.MediaDownload;
import ke.co.datacare.whatsapp.command.media.ArchivedMedia;
import ke.co.datacare.whatsapp.command.media.MediaArchive;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Media through Meta: uploads (checked against Meta's type and size limits and {@code MAX_FILE_SIZE}
 * first) return the media id to send; the media of stored messages (a customer's or ours) are streamed back as
 * downloads with the access token, which never reaches the client. Other ids are not found.
 */
@RestController
@RequestMapping("/api/media")
@Tag(name = "Media")
class MediaController {

    record Uploaded(String id, String mimeType, long size) {
    }

    /** Meta's accepted types and their limits. */
    private static final Map<String, DataSize> LIMITS = Map.ofEntries(
            Map.entry("image/jpeg", DataSize.ofMegabytes(5)), Map.entry("image/png", DataSize.ofMegabytes(5)),
            Map.entry("image/webp", DataSize.ofKilobytes(500)),
            Map.entry("audio/aac", DataSize.ofMegabytes(16)), Map.entry("audio/mp4", DataSize.ofMegabytes(16)),
            Map.entry("audio/mpeg", DataSize.ofMegabytes(16)), Map.entry("audio/amr", DataSize.ofMegabytes(16)),
            Map.entry("audio/ogg", DataSize.ofMegabytes(16)),
            Map.entry("video/mp4", DataSize.ofMegabytes(16)), Map.entry("video/3gpp", DataSize.ofMegabytes(16)),
            Map.entry("application/pdf", DataSize.ofMegabytes(100)), Map.entry("text/plain", DataSize.ofMegabytes(100)),
            Map.entry("application/msword", DataSize.ofMegabytes(100)),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", DataSize.ofMegabytes(100)),
            Map.entry("application/vnd.ms-excel", DataSize.ofMegabytes(100)),
            Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", DataSize.ofMegabytes(100)));

    private final GraphApiClient graph;
    private final BusinessNumbers numbers;
    private final QueryGateway queries;
    private final ArchivedMedia archived;
    private final long maxFileSize;

    MediaController(GraphApiClient graph, BusinessNumbers numbers, QueryGateway queries, ArchivedMedia archived,
                    @Value("${datacare.media.max-file-size:10485760}") long maxFileSize) {
        this.graph = graph;
        this.numbers = numbers;
        this.queries = queries;
        this.archived = archived;
        this.maxFileSize = maxFileSize;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('ADMIN','AGENT')")
    @Operation(summary = "Upload a file to Meta from one of our business numbers (phoneNumberId, the default number "
            + "when absent; another is code UNKNOWN_BUSINESS_NUMBER); answers the media id to send it with")
    Uploaded upload(@RequestParam("file") MultipartFile file,
                    @RequestParam(name = "phoneNumberId", required = false) String phoneNumberId) throws IOException {
        String from = numbers.chosen(phoneNumberId);
        String type = file.getContentType() == null ? "" : file.getContentType().toLowerCase();
        DataSize limit = LIMITS.get(type);
        if (limit == null) {
            throw new DomainException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "WhatsApp does not accept " + type
                    + "; accepted: " + String.join(", ", LIMITS.keySet().stream().sorted().toList()));
        }
        long allowed = Math.min(limit.toBytes(), maxFileSize);
        if (file.getSize() > allowed) {
            throw new DomainException(ErrorCode.PAYLOAD_TOO_LARGE, type + " files are limited to " + allowed + " bytes");
        }
        try {
            return new Uploaded(graph.uploadMedia(from, file.getBytes(), file.getOriginalFilename(), type), type,
                    file.getSize());
        } catch (GraphApiException e) {
            throw new DomainException(ErrorCode.GRAPH_API_FAILED, "Meta refused the upload: " + e.error().title());
        }
    }

    @GetMapping("/{mediaId}")
    @PreAuthorize("hasAnyRole('ADMIN','AGENT','ANALYST')")
    @Operation(summary = "Download the media file of a stored message (for example a customer's photo): the kept copy "
            + "once the archive has it, from Meta before; ids no message carries are not found (code NOT_FOUND)")
    void download(@PathVariable String mediaId, HttpServletResponse response) throws IOException {
        MessageMedia message = queries.query(new FindMessageMedia(mediaId),
                        ResponseTypes.optionalInstanceOf(MessageMedia.class)).join()
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No stored message carries media " + mediaId));
        Optional<MediaArchive.Stored> kept = archived.find(mediaId);
        if (kept.isPresent()) {
            attachment(response, message.filename(), kept.get().mimeType() != null ? kept.get().mimeType() : message.mimeType());
            response.setContentLengthLong(kept.get().size());
            archived.copyTo(kept.get(), response.getOutputStream());
            return;
        }
        try {
            MediaDownload media = graph.resolveMedia(mediaId);
            attachment(response, message.filename(), media.mimeType() != null ? media.mimeType() : message.mimeType());
            graph.streamMedia(mediaId, response.getOutputStream());
        } catch (GraphApiException e) {
            throw new DomainException(e.error().httpStatus() == 404 || Integer.valueOf(100).equals(e.error().code())
                    ? ErrorCode.NOT_FOUND : ErrorCode.GRAPH_API_FAILED, "Meta could not provide media " + mediaId);
        }
    }

    private static void attachment(HttpServletResponse response, String filename, String mimeType) {
        Attachment.headers(filename).forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.setContentType(Attachment.contentType(mimeType).toString());
    }
}
