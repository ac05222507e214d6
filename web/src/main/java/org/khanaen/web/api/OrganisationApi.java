package org.khanaen.web.api;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.khanaen.volunteers.AffiliationStatus;
import org.khanaen.volunteers.AssignmentStatus;
import org.khanaen.volunteers.OrganisationView;
import org.khanaen.volunteers.RolePreference;
import org.khanaen.volunteers.RosterEdits;
import org.khanaen.volunteers.RosterEntry;
import org.khanaen.volunteers.RosterQuery;
import org.khanaen.volunteers.Rosters;
import org.khanaen.volunteers.VolunteerDetail;
import org.khanaen.volunteers.VolunteerId;
import org.khanaen.volunteers.VolunteerInput;
import org.khanaen.web.errors.NotFound;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * A partner organisation's own systems reach its roster with its API token
 * ({@code Authorization: Bearer khn_...}). The token decides the organisation; nothing in the request can name another.
 */
@RestController
@RequestMapping("/api/v1/org/volunteers")
class OrganisationApi {

    private final Rosters rosters;
    private final RosterEdits edits;

    OrganisationApi(Rosters rosters, RosterEdits edits) {
        this.rosters = rosters;
        this.edits = edits;
    }

    record Page(List<RosterEntry> content, int number, int size, long totalElements, int totalPages) {
    }

    @GetMapping
    Page list(@AuthenticationPrincipal OrganisationView organisation, @RequestParam Optional<String> q,
            @RequestParam Optional<AffiliationStatus> status, @RequestParam Optional<String> province,
            @RequestParam Optional<String> district, @RequestParam Optional<RolePreference> role,
            @RequestParam Optional<AssignmentStatus> assignment, @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        var query = new RosterQuery(q.orElse(null), status.orElse(null), province.orElse(null), district.orElse(null),
                role.orElse(null), assignment.orElse(null));
        var found = rosters.search(organisation.id(), query, PageRequest.of(page, size), actor(organisation));
        return new Page(found.getContent(), found.getNumber(), found.getSize(), found.getTotalElements(), found.getTotalPages());
    }

    @GetMapping("/{id}")
    VolunteerDetail one(@AuthenticationPrincipal OrganisationView organisation, @PathVariable long id) {
        return rosters.detail(organisation.id(), new VolunteerId(id), actor(organisation))
                .orElseThrow(() -> new NotFound("volunteer " + id));
    }

    /** A person already known through another organisation is asked by mail first; nothing of their record is answered. */
    record AskedToConfirm(String status, String detail) {
    }

    @PostMapping
    ResponseEntity<?> add(@AuthenticationPrincipal OrganisationView organisation, @RequestBody VolunteerInput input) {
        Optional<VolunteerId> added = edits.add(organisation.id(), input, actor(organisation));
        if (added.isEmpty()) {
            return ResponseEntity.accepted().body(new AskedToConfirm("ASKED_TO_CONFIRM",
                    "The person was sent a link to confirm joining; they appear on the roster, pending, once they do."));
        }
        VolunteerId id = added.get();
        return ResponseEntity.created(URI.create("/api/v1/org/volunteers/" + id.value()))
                .body(rosters.detail(organisation.id(), id, actor(organisation)).orElseThrow());
    }

    @PatchMapping("/{id}")
    VolunteerDetail update(@AuthenticationPrincipal OrganisationView organisation, @PathVariable long id,
            @RequestBody VolunteerInput input) {
        if (!edits.update(organisation.id(), new VolunteerId(id), input, actor(organisation))) {
            throw new NotFound("volunteer " + id);
        }
        return rosters.detail(organisation.id(), new VolunteerId(id), actor(organisation)).orElseThrow();
    }

    private static String actor(OrganisationView organisation) {
        return "api:" + organisation.slug();
    }
}
