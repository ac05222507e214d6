package org.khanaen.web.roster;

import org.khanaen.volunteers.OrganisationView;
import org.khanaen.volunteers.PartnerOrganisations;
import org.khanaen.web.errors.NotFound;
import org.khanaen.web.security.CurrentAccount;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Which organisation a roster request acts for: the one in the address, if the signed-in person
 * coordinates it (administrators may act for any). Every roster page asks here first.
 */
@Component
public class CoordinatorAccess {

    private final PartnerOrganisations organisations;
    private final CurrentAccount current;

    CoordinatorAccess(PartnerOrganisations organisations, CurrentAccount current) {
        this.organisations = organisations;
        this.current = current;
    }

    public OrganisationView require(String slug, Authentication authentication) {
        OrganisationView organisation = organisations.bySlug(slug).orElseThrow(() -> new NotFound("organisation " + slug));
        if (!CurrentAccount.isAdmin(authentication) && !organisations.isCoordinator(organisation.id(), current.of(authentication))) {
            throw new AccessDeniedException("not a coordinator of " + slug);
        }
        return organisation;
    }

    public static String actor(Authentication authentication) {
        return authentication.getName();
    }
}
