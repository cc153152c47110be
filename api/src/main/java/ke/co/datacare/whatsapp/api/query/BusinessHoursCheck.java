package ke.co.datacare.whatsapp.api.query;

import java.util.List;

/** For each instant asked about, in the same order, whether the business was open then. */
public record BusinessHoursCheck(List<Boolean> open) {
}
