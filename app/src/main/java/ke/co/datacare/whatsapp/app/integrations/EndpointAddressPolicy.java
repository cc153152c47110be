package ke.co.datacare.whatsapp.app.integrations;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which addresses the service may deliver to: {@code https} only (plain {@code http} to hosts an admin allowed), and
 * never a private, loopback, link-local, multicast or unspecified address unless the host is allowed: the service must
 * not become a way into its own network. Checked when an endpoint is registered and again before each delivery (a
 * name may resolve elsewhere later).
 */
class EndpointAddressPolicy {

    private final Set<String> httpHosts;
    private final Set<String> privateHosts;

    EndpointAddressPolicy(IntegrationProperties properties) {
        this.httpHosts = lowerCase(properties.allowedHttpHosts());
        this.privateHosts = lowerCase(properties.allowedPrivateHosts());
    }

    /** Why this URL may not be called, or empty when it may. */
    Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            return Optional.of("must be an absolute https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty() || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of("must be an absolute https URL");
        }
        if (uri.getUserInfo() != null) {
            return Optional.of("must not carry a user or password");
        }
        if (scheme.equals("http") && !httpHosts.contains(host)) {
            return Optional.of("must use https (plain http only to hosts an admin allowed)");
        }
        if (privateHosts.contains(host)) {
            return Optional.empty();
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (internal(address)) {
                    return Optional.of("resolves to a private or local address (" + address.getHostAddress() + ")");
                }
            }
        } catch (UnknownHostException e) {
            return Optional.of("names a host that does not resolve");
        }
        return Optional.empty();
    }

    private static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            return (bytes[0] & 0xfe) == 0xfc; // unique local fc00::/7
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        return first == 0 || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT 100.64/10
                || (first == 169 && second == 254) || first >= 240;
    }

    private static Set<String> lowerCase(java.util.List<String> hosts) {
        return hosts.stream().map(host -> host.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }
}
