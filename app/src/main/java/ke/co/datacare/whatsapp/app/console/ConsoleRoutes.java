package ke.co.datacare.whatsapp.app.console;

/**
 * The agent console's public paths: its static build (from the {@code web} module, under
 * {@code META-INF/resources}) and the client-side routes that load its page. Everything it asks of the
 * service goes through {@code /api}, whose roles stay as they are.
 */
public final class ConsoleRoutes {

    /** Everything a browser may GET without a token to start the console. */
    public static final String[] PUBLIC = {"/", "/index.html", "/assets/**", "/favicon.svg", "/login", "/inbox",
            "/inbox/**", "/campaigns", "/campaigns/**", "/analytics", "/admin", "/admin/**", "/settings/**"};

    private ConsoleRoutes() {
    }
}
