package ke.co.datacare.whatsapp.command.graph;

import ke.co.datacare.whatsapp.api.conversation.outbound.ErrorClass;

import java.util.Map;
import java.util.Set;

/**
 * Meta's error codes sorted by what a retry can achieve. The code decides when there is one; the HTTP status only
 * when there is none (or the code is unknown).
 */
public final class GraphErrorClassifier {

    private static final Set<Integer> TRANSIENT_CODES = Set.of(
            1, 2, 4, 80007, 130429, 131000, 131016, 131057, 133004, 2494100);

    private static final Map<Integer, ErrorClass> SPECIAL_CODES = Map.of(
            131048, ErrorClass.TRANSIENT_LONG_WAIT,
            131064, ErrorClass.TRANSIENT_LONG_WAIT,
            131056, ErrorClass.PAIR_RATE_LIMITED,
            131047, ErrorClass.WINDOW_CLOSED,
            131050, ErrorClass.OPTED_OUT);

    private static final Set<Integer> PERMANENT_CODES = Set.of(
            0, 3, 10, 100, 190, 368, 130403, 130472, 131008, 131009, 131021, 131026, 131031, 131049,
            131051, 131052, 131053, 131062, 133010);

    public ErrorClass classify(int httpStatus, Integer code) {
        if (code != null) {
            ErrorClass known = byCode(code);
            if (known != null) {
                return known;
            }
        }
        return byStatus(httpStatus);
    }

    /**
     * For the errors of a {@code failed} status webhook, which carry a code but no HTTP status: Meta has given up
     * on the message, so an unknown code is permanent.
     */
    public ErrorClass classifyStatusError(int code) {
        ErrorClass known = byCode(code);
        return known != null ? known : ErrorClass.PERMANENT;
    }

    private static ErrorClass byCode(int code) {
        if (TRANSIENT_CODES.contains(code)) {
            return ErrorClass.TRANSIENT;
        }
        ErrorClass special = SPECIAL_CODES.get(code);
        if (special != null) {
            return special;
        }
        if (PERMANENT_CODES.contains(code) || between(code, 200, 299) || between(code, 132000, 132018)) {
            return ErrorClass.PERMANENT;
        }
        return null;
    }

    private static ErrorClass byStatus(int httpStatus) {
        boolean noAnswer = httpStatus == 0;
        boolean retryableStatus = httpStatus >= 500 || httpStatus == 408 || httpStatus == 429;
        return noAnswer || retryableStatus ? ErrorClass.TRANSIENT : ErrorClass.PERMANENT;
    }

    private static boolean between(int code, int from, int to) {
        return code >= from && code <= to;
    }
}
