package ke.co.datacare.whatsapp.command.graph;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/** Whether a host is this machine, decided without looking a name up: {@code localhost} or a loopback address. */
public final class Loopback {

    private Loopback() {
    }

    public static boolean host(String host) {
        if (host == null) {
            return false;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return literal.toLowerCase(Locale.ROOT).equals("localhost") || address(literal);
    }

    /** An IP literal on the loopback interface; anything else (a name included) is not. */
    public static boolean address(String address) {
        if (address == null || !address.matches("[0-9a-fA-F:.]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
    }
}
