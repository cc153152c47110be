package ke.co.datacare.whatsapp.command.graph;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where the access token may go: the Graph API's own server (scheme, host and port of the API URL), and for media
 * downloads also the hosts Meta serves media from ({@link GraphApiProperties#mediaHosts()}), over HTTPS, or HTTP on a
 * loopback host. A link anywhere else (in a media answer or a paging link) is refused, so that neither the token nor
 * our request leaves for a host someone else chose.
 */
final class TokenDestinations {

    private final URI apiBase;
    private final Set<String> mediaHosts;

    TokenDestinations(URI apiBase, List<String> mediaHosts) {
        this.apiBase = apiBase;
        this.mediaHosts = mediaHosts.stream().map(host -> host.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    boolean graphApi(URI uri) {
        return apiBase.getScheme().equalsIgnoreCase(uri.getScheme())
                && apiBase.getHost().equalsIgnoreCase(uri.getHost())
                && apiBase.getPort() == uri.getPort();
    }

    boolean media(URI uri) {
        if (graphApi(uri)) {
            return true;
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return mediaHosts.contains(host) && (scheme.equals("https") || scheme.equals("http") && Loopback.host(host));
    }
}
