package org.khanaen.volunteers;

import java.time.Instant;
import java.util.Optional;

import org.khanaen.volunteers.privacy.PersonalData;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An organisation adding or correcting its own volunteers one at a time (its API, for partners who
 * keep their own systems). A person already known elsewhere is asked first (see {@link JoinRequests});
 * nothing about their existing record is revealed or overwritten.
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
    private final JoinRequests joinRequests;

    RosterEdits(Volunteers volunteers, Affiliations affiliations, PersonalData personalData, VolunteerDetails details,
            PersonalDataAudit audit, SignUps signUps, RegistryProperties properties, JoinRequests joinRequests) {
        this.joinRequests = joinRequests;
        this.volunteers = volunteers;
        this.affiliations = affiliations;
        this.personalData = personalData;
        this.details = details;
        this.audit = audit;
        this.signUps = signUps;
        this.properties = properties;
    }

    /**
     * Adds a volunteer the organisation recruited itself (it states they consented); approved at once.
     * A person Khanaen already knows through another organisation is not added: they are asked by mail
     * to confirm joining, and the organisation learns nothing of their record (empty answer).
     *
     * @return the volunteer, when they are now on the organisation's roster
     */
    @Transactional
    public Optional<VolunteerId> add(OrganisationId organisation, VolunteerInput input, String actor) {
        CheckedVolunteer v = details.check(input);
        byte[] emailIndex = personalData.index(v.email());
        byte[] phoneIndex = personalData.index(v.phone());
        Optional<Volunteer> known = volunteers.findByEmailBidx(emailIndex).or(() -> volunteers.findByPhoneBidx(phoneIndex))
                .filter(existing -> existing.erasedAt() == null);
        if (known.isPresent() && affiliations.status(known.get().id(), organisation.value()).isEmpty()) {
            joinRequests.ask(known.get().id(), organisation.value());
            audit.record(actor, PersonalDataAudit.Action.CHANGE, known.get().id(), organisation.value(),
                    "asked to confirm joining " + Instant.now());
            return Optional.empty();
        }
        Volunteer volunteer = known.orElseGet(() -> {
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
        return Optional.of(volunteer.volunteerId());
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
