package ke.co.datacare.whatsapp.command.graph;

/**
 * Where to download a media object; the URL is valid for about five minutes and needs the bearer token.
 *
 * @param sha256 as Meta gives it (base64 for webhook media, hex for uploads)
 */
public record MediaDownload(String mediaId, String url, String mimeType, String sha256, long fileSize) {
}
