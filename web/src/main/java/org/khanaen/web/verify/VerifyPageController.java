package org.khanaen.web.verify;

import java.net.URI;
import java.util.Locale;

import org.khanaen.elections.ElectionCatalog;
import org.khanaen.proofs.PublicRecord;
import org.khanaen.results.Photos;
import org.khanaen.web.errors.NotFound;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /verify}: anyone checks a station's numbers against the anchored record. The page shows what the server found;
 * its script (js/verify.js, no inline script) then hashes every entry and walks its proof in the browser itself.
 */
@Controller
@RequestMapping("/verify")
class VerifyPageController {

    private final PublicRecord record;
    private final ElectionCatalog catalog;
    private final Photos photos;

    VerifyPageController(PublicRecord record, ElectionCatalog catalog, Photos photos) {
        this.record = record;
        this.catalog = catalog;
        this.photos = photos;
    }

    @GetMapping
    String ask(@RequestParam(required = false) String election, @RequestParam(required = false) String station, Model model) {
        if (election != null && station != null && !station.isBlank()) {
            return "redirect:" + UriComponentsBuilder.fromPath("/verify/{election}/{station}").buildAndExpand(election, station.strip()).encode().toUriString();
        }
        model.addAttribute("elections", catalog.elections());
        model.addAttribute("station", station == null ? "" : station);
        return "verify/ask";
    }

    @GetMapping("/{electionId}/{stationId}")
    String station(@PathVariable String electionId, @PathVariable("stationId") String station, Model model, Locale locale) {
        PublicRecord.Verification v = record.station(electionId, station).orElseThrow(() -> new NotFound("station " + station));
        model.addAttribute("v", v);
        model.addAttribute("stationName", "en".equals(locale.getLanguage()) ? v.station().nameEn() : v.station().nameTh());
        return "verify/station";
    }

    /** A photo a report names, for everyone: a short-lived link into the bucket. */
    @GetMapping("/photos/{photoId}")
    ResponseEntity<Void> photo(@PathVariable("photoId") long id) {
        if (!record.isPublic(id)) {
            throw new NotFound("photo " + id);
        }
        URI link = photos.find(id).map(photos::viewLink).orElseThrow(() -> new NotFound("photo " + id));
        return ResponseEntity.status(302).location(link).cacheControl(CacheControl.noStore()).build();
    }
}
