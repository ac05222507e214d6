package org.khanaen.elections;

import java.time.LocalDate;
import java.util.List;

public record ElectionSummary(String id, LocalizedName name, ElectionKind kind, LocalDate date, String source,
        ElectionCounts counts, List<ContestView> contests) {
}
