package org.khanaen.web.api;

import org.khanaen.elections.ElectionCatalog;
import org.khanaen.proofs.PublicRecord;
import org.khanaen.web.errors.NotFound;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Public, without a key: a station's verification (published numbers, every report and decision with its hash, proof
 * and anchoring transaction, what no longer matches) and the election's open data. Unknown election or station: 404
 * problem detail.
 */
@RestController
class VerificationApi {

    private final PublicRecord record;
    private final ElectionCatalog catalog;

    VerificationApi(PublicRecord record, ElectionCatalog catalog) {
        this.record = record;
        this.catalog = catalog;
    }

    @GetMapping(path = "/api/v1/elections/{electionId}/stations/{stationId}/verification", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<PublicRecord.Verification> station(@PathVariable String electionId, @PathVariable("stationId") String station) {
        PublicRecord.Verification v = record.station(electionId, station).orElseThrow(() -> new NotFound("station " + station));
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(v);
    }

    /** The zip is written as it is read from the database, never held whole. */
    @GetMapping("/api/v1/elections/{electionId}/open-data.zip")
    ResponseEntity<StreamingResponseBody> openData(@PathVariable String electionId) {
        if (!catalog.exists(electionId)) {
            throw new NotFound("election " + electionId);
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"khanaen-" + electionId.replaceAll("[^A-Za-z0-9_-]", "") + "-open-data.zip\"")
                .contentType(MediaType.parseMediaType("application/zip"))
                .body(out -> record.export(electionId, out));
    }
}
