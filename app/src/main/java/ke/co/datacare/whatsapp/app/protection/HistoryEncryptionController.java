package ke.co.datacare.whatsapp.app.protection;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The one-off encryption of events stored before personal data was encrypted (docs/data-protection.md). */
@RestController
@Tag(name = "Data protection")
@PreAuthorize("hasRole('ADMIN')")
class HistoryEncryptionController {

    private final HistoryEncryption history;

    HistoryEncryptionController(HistoryEncryption history) {
        this.history = history;
    }

    @PostMapping("/api/admin/data-protection/history-encryption")
    @Operation(summary = "Encrypt, in place, the personal fields of events stored in clear before encryption existed "
            + "(runs to the end before answering; running it again changes nothing); answers what it examined and "
            + "encrypted, and how many payloads of an older revision it left")
    HistoryEncryption.Outcome encrypt() {
        return history.run();
    }
}
