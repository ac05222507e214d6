package org.khanaen.volunteers;

import java.time.Instant;
import java.util.Optional;

import org.khanaen.volunteers.privacy.PersonalData;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An organisation adding or correcting its own volunteers one at a time (its API, for partners who
 * keep their own systems). A person already known elsewhere only gains an affiliation; nothing about
 * their existing record is revealed or overwritten.
 */
@Service
public class RosterEdits {

    private final Volunteers volunteers;
    private final Affiliations affiliations;
    private final PersonalData personalData;
    private final VolunteerDetails details;
    private final PersonalDataAudit audit;
    private final SignUps signUps;
    private final RegistryProperties properties;

    RosterEdits(Volunteers volunteers, Affiliations affiliations, PersonalData personalData, VolunteerDetails details,
            PersonalDataAudit audit, SignUps signUps, RegistryProperties properties) {
        this.volunteers = volunteers;
        this.affiliations = affiliations;
        this.personalData = personalData;
        this.details = details;
        this.audit = audit;
        this.signUps = signUps;
        this.properties = properties;
    }

    /** Adds a volunteer the organisation recruited itself (it states they consented); approved at once. */
    @Transactional
    public VolunteerId add(OrganisationId organisation, VolunteerInput input, String actor) {
        CheckedVolunteer v = details.check(input);
        byte[] emailIndex = personalData.index(v.email());
        byte[] phoneIndex = personalData.index(v.phone());
        Volunteer volunteer = volunteers.findByEmailBidx(emailIndex).or(() -> volunteers.findByPhoneBidx(phoneIndex))
                .filter(known -> known.erasedAt() == null).orElseGet(() -> {
                    Volunteer created = new Volunteer(properties.election());
                    details.apply(created, v);
                    try {
                        return volunteers.saveAndFlush(created);
                    } catch (DataIntegrityViolationException sameMoment) {
                        throw new RegistryProblem("volunteer.signup.retry", "please try again");
                    }
                });
        if (affiliations.add(volunteer.id(), organisation.value(), AffiliationStatus.APPROVED, Affiliations.Source.API)) {
            signUps.recordConsent(volunteer.id(), organisation.value(), "API");
        }
        audit.record(actor, PersonalDataAudit.Action.CHANGE, volunteer.id(), organisation.value(), "added " + Instant.now());
        return volunteer.volunteerId();
    }

    /** Corrects the details of one of the organisation's volunteers; the email, being the sign-in name, stays. */
    @Transactional
    public boolean update(OrganisationId organisation, VolunteerId id, VolunteerInput input, String actor) {
        if (affiliations.status(id.value(), organisation.value()).isEmpty()) {
            return false;
        }
        Optional<Volunteer> found = volunteers.findById(id.value()).filter(v -> v.erasedAt() == null);
        if (found.isEmpty()) {
            return false;
        }
        details.correct(found.get(), input);
        audit.record(actor, PersonalDataAudit.Action.CHANGE, id.value(), organisation.value(), "details");
        return true;
    }
}
