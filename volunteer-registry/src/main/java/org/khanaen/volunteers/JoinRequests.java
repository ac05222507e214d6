package org.khanaen.volunteers;

import java.time.Instant;

import org.khanaen.volunteers.privacy.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Asks a person already known to Khanaen whether they want to join the organisation that named them
 * (through its API or a CSV import). The organisation learns nothing of their record: the link goes to
 * the address on file, and the person appears on its roster, pending, only after they confirm. (The
 * public sign-up form does the same in {@link SignUps}, in the language of whoever filled it in.)
 */
@Component
class JoinRequests {

    private final Volunteers volunteers;
    private final VolunteerTokens tokens;
    private final PersonalData personalData;
    private final RegistryMail mail;
    private final PartnerOrganisations organisations;
    private final RegistryProperties properties;
    private final JdbcClient jdbc;

    JoinRequests(Volunteers volunteers, VolunteerTokens tokens, PersonalData personalData, RegistryMail mail,
            PartnerOrganisations organisations, RegistryProperties properties, JdbcClient jdbc) {
        this.volunteers = volunteers;
        this.tokens = tokens;
        this.personalData = personalData;
        this.mail = mail;
        this.organisations = organisations;
        this.properties = properties;
        this.jdbc = jdbc;
    }

    /**
     * Mails the person a single-use link to confirm joining. A request still open for the same person and
     * organisation is not sent again, so a partner repeating a list cannot flood anyone's mailbox.
     */
    void ask(long volunteerId, long organisationId) {
        if (openRequest(volunteerId, organisationId)) {
            return;
        }
        Volunteer volunteer = volunteers.findById(volunteerId).orElseThrow();
        OrganisationView organisation = organisations.byId(new OrganisationId(organisationId)).orElseThrow();
        String email = personalData.decrypt(volunteer.emailEnc());
        String token = tokens.issue(volunteerId, VolunteerTokens.Purpose.JOIN, organisationId, properties.linkValidity());
        String link = properties.link("/join/confirm?token=" + token);
        String name = organisation.name(volunteer.locale());
        mail.addedByOrganisation(email, volunteer.locale(), volunteer.fullName(), name, link);
    }

    private boolean openRequest(long volunteerId, long organisationId) {
        return jdbc.sql("""
                select count(*) from volunteer_token
                where volunteer_id = ? and organisation_id = ? and purpose = 'JOIN' and used_at is null and expires_at > ?""")
                .params(volunteerId, organisationId, Instant.now()).query(Long.class).single() > 0;
    }
}
