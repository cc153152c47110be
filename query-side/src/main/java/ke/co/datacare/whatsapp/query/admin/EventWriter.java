package ke.co.datacare.whatsapp.query.admin;

import java.io.IOException;

/**
 * Writes exported events one by one to the response, keeping nothing in memory. Public so that an
 * {@link EventExportGuard} can wrap the writer of the chosen format.
 */
public interface EventWriter {

    void write(StoredEvent event) throws IOException;

    void finish() throws IOException;
}
