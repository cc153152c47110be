package ke.co.datacare.whatsapp.command.graph;

/**
 * A Graph API call other than a send failed. The message never contains the access token.
 */
public class GraphApiException extends RuntimeException {

    private final transient GraphError error;

    GraphApiException(GraphError error) {
        super(error.describe());
        this.error = error;
    }

    public GraphError error() {
        return error;
    }
}
