package org.khanaen.web.live;

import java.nio.charset.StandardCharsets;

import org.khanaen.results.QuickCounts;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A quick count's sample as CSV: the seed and commitment as comment lines, then one line per station with the ticket
 * that drew it (docs/quick-count.md says how to check them).
 */
final class SampleCsv {

    private SampleCsv() {
    }

    static ResponseEntity<byte[]> of(QuickCounts.PublicSample sample) {
        StringBuilder out = new StringBuilder();
        out.append("# khanaen-quick-count-sample/1 election ").append(sample.electionId()).append('\n');
        out.append("# seed ").append(sample.seed() == null ? "" : sample.seed().replace('\n', ' ')).append('\n');
        out.append("# commitment sha256 ").append(sample.commitment()).append('\n');
        out.append("station_code,province,ticket\n");
        for (QuickCounts.SampleStation s : sample.stations()) {
            out.append(s.code()).append(',').append(s.stratum()).append(',').append(s.ticket()).append('\n');
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + sample.electionId() + "-quick-count-sample.csv\"")
                .body(out.toString().getBytes(StandardCharsets.UTF_8));
    }
}
