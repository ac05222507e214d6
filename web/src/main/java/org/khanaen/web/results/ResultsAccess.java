package org.khanaen.web.results;

import java.util.Optional;

import org.khanaen.assignment.Coverage;
import org.khanaen.assignment.Tier;
import org.khanaen.elections.ConstituencyView;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.volunteers.VolunteerId;
import org.khanaen.volunteers.VolunteerPool;
import org.khanaen.web.security.CurrentAccount;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who may do what on election night. Verifiers: administrators, war-room accounts, and volunteers placed in a
 * war-room shift of the election. Leads: volunteers placed as a constituency's lead. Checked on every request,
 * so a change of assignment takes effect at once.
 */
@Component
class ResultsAccess {

    record Lead(VolunteerId volunteer, ConstituencyView constituency) {
    }

    private final String election;
    private final Coverage coverage;
    private final VolunteerPool pool;
    private final ElectionCatalog catalog;
    private final CurrentAccount current;

    ResultsAccess(Coverage coverage, VolunteerPool pool, ElectionCatalog catalog, CurrentAccount current) {
        this.election = catalog.current();
        this.coverage = coverage;
        this.pool = pool;
        this.catalog = catalog;
        this.current = current;
    }

    String election() {
        return election;
    }

    boolean mayVerify(Authentication authentication) {
        if (authentication.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN")
                || a.getAuthority().equals("ROLE_WAR_ROOM"))) {
            return true;
        }
        return volunteer(authentication).flatMap(v -> coverage.assignmentOf(election, v)).map(a -> a.tier() == Tier.WAR_ROOM).orElse(false);
    }

    Optional<Lead> lead(Authentication authentication) {
        return volunteer(authentication).flatMap(v -> coverage.ledBy(election, v)
                .flatMap(id -> catalog.constituency(election, id))
                .map(c -> new Lead(v, c)));
    }

    /** The lead's name as their volunteers know it (not their sign-in, which may be an email address). */
    String name(Lead lead) {
        return pool.names(java.util.List.of(lead.volunteer())).getOrDefault(lead.volunteer(), "");
    }

    private Optional<VolunteerId> volunteer(Authentication authentication) {
        return pool.ofAccount(current.of(authentication));
    }
}
