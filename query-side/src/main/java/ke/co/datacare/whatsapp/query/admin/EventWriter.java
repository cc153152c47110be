package ke.co.datacare.whatsapp.query.admin;

import java.io.IOException;

/** Writes exported events one by one to the response, keeping nothing in memory. */
interface EventWriter {

    void write(StoredEvent event) throws IOException;

    void finish() throws IOException;
}
