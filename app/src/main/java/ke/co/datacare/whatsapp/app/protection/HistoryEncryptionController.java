package ke.co.datacare.whatsapp.app.protection;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The one-off jobs of data protection (docs/data-protection.md): encrypting the events stored before personal data
 * was encrypted, and re-wrapping the data keys after the master key changed.
 */
@RestController
@Tag(name = "Data protection")
@PreAuthorize("hasRole('ADMIN')")
class HistoryEncryptionController {

    private final HistoryEncryption history;
    private final MasterKeyRotation rotation;

    HistoryEncryptionController(HistoryEncryption history, MasterKeyRotation rotation) {
        this.history = history;
        this.rotation = rotation;
    }

    @PostMapping("/api/admin/data-protection/history-encryption")
    @Operation(summary = "Encrypt, in place, the personal fields of events stored in clear before encryption existed "
            + "(runs to the end before answering; running it again changes nothing); answers what it examined and "
            + "encrypted, and how many payloads of an older revision it left")
    HistoryEncryption.Outcome encrypt() {
        return history.run();
    }

    @PostMapping("/api/admin/data-protection/master-key-rotation")
    @Operation(summary = "Re-wrap every contact's data key under the configured master key, reading those the "
            + "previous-master-key wrapped (runs to the end; running it again changes nothing); answers how many keys "
            + "it examined and re-wrapped, and how many neither key opens")
    MasterKeyRotation.Outcome rotate() {
        return rotation.run();
    }
}
