package org.khanaen.web.api;

import java.util.List;
import java.util.Optional;

import org.khanaen.elections.ConstituencyDetail;
import org.khanaen.elections.ConstituencyView;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.ElectionSummary;
import org.khanaen.elections.PartyView;
import org.khanaen.elections.ProvinceView;
import org.khanaen.elections.StationView;
import org.khanaen.web.errors.NotFound;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Election reference data, public: elections, geography, parties, candidates, polling stations. */
@RestController
@RequestMapping("/api/v1/elections")
class ElectionsApi {

    private final ElectionCatalog catalog;

    ElectionsApi(ElectionCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    List<ElectionSummary> elections() {
        return catalog.elections();
    }

    @GetMapping("/{electionId}")
    ElectionSummary election(@PathVariable String electionId) {
        return catalog.election(electionId).orElseThrow(() -> new NotFound("election " + electionId));
    }

    @GetMapping("/{electionId}/provinces")
    List<ProvinceView> provinces(@PathVariable String electionId) {
        return catalog.provinces(known(electionId));
    }

    @GetMapping("/{electionId}/parties")
    List<PartyView> parties(@PathVariable String electionId) {
        return catalog.parties(known(electionId));
    }

    @GetMapping("/{electionId}/constituencies")
    List<ConstituencyView> constituencies(@PathVariable String electionId, @RequestParam Optional<String> province) {
        return catalog.constituencies(known(electionId), province);
    }

    @GetMapping("/{electionId}/constituencies/{constituencyId}")
    ConstituencyDetail constituency(@PathVariable String electionId, @PathVariable String constituencyId) {
        return catalog.constituency(known(electionId), constituencyId)
                .orElseThrow(() -> new NotFound("constituency " + constituencyId + " of election " + electionId));
    }

    /** A page of stations (100 by default, at most 1,000), of the election or of one constituency. */
    @GetMapping("/{electionId}/stations")
    StationPage stations(@PathVariable String electionId, @RequestParam Optional<String> constituency,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        return StationPage.of(catalog.stations(known(electionId), constituency, PageRequest.of(page, size)));
    }

    @GetMapping("/{electionId}/stations/{stationId}")
    StationView station(@PathVariable String electionId, @PathVariable long stationId) {
        return catalog.station(stationId).filter(s -> s.electionId().equals(electionId))
                .orElseThrow(() -> new NotFound("station " + stationId + " of election " + electionId));
    }

    private String known(String electionId) {
        if (!catalog.exists(electionId)) {
            throw new NotFound("election " + electionId);
        }
        return electionId;
    }

    record StationPage(List<StationView> content, PageInfo page) {
        static StationPage of(Page<StationView> page) {
            return new StationPage(page.getContent(),
                    new PageInfo(page.getNumber(), page.getSize(), page.getTotalElements(), page.getTotalPages()));
        }
    }

    record PageInfo(int number, int size, long totalElements, int totalPages) {
    }
}
