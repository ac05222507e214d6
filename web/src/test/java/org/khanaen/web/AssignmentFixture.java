package org.khanaen.web;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.khanaen.accounts.AccountDirectory;
import org.khanaen.accounts.AccountId;
import org.khanaen.assignment.AssignmentId;
import org.khanaen.assignment.ManualAssignments;
import org.khanaen.assignment.ManualAssignments.Place;
import org.khanaen.assignment.StationRole;
import org.khanaen.assignment.Tier;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.StationView;
import org.khanaen.volunteers.OrganisationDraft;
import org.khanaen.volunteers.OrganisationId;
import org.khanaen.volunteers.PartnerOrganisations;
import org.khanaen.volunteers.Rosters;
import org.khanaen.volunteers.SignUps;
import org.khanaen.volunteers.VolunteerId;
import org.khanaen.volunteers.VolunteerInput;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Approved volunteers with a sign-in, placed by hand, and the links of the mail they were sent: for the assignment pages' tests. */
@Component
class AssignmentFixture {

    static final String ELECTION = "th-2566";
    private static final AtomicInteger next = new AtomicInteger(300_000);

    record Person(VolunteerId volunteer, String email, String name) {
    }

    private final PartnerOrganisations organisations;
    private final SignUps signUps;
    private final Rosters rosters;
    private final ManualAssignments manual;
    private final ElectionCatalog catalog;
    private final AccountDirectory accounts;
    private final JdbcClient jdbc;

    AssignmentFixture(PartnerOrganisations organisations, SignUps signUps, Rosters rosters, ManualAssignments manual, ElectionCatalog catalog,
            AccountDirectory accounts, JdbcClient jdbc) {
        this.organisations = organisations;
        this.signUps = signUps;
        this.rosters = rosters;
        this.manual = manual;
        this.catalog = catalog;
        this.accounts = accounts;
        this.jdbc = jdbc;
    }

    OrganisationId organisation(String slug) {
        return organisations.create(new OrganisationDraft(slug, "องค์กร " + slug, "Org " + slug, null, null, null)).id();
    }

    /** Signed up (with an account), approved, and so ready to be placed. */
    synchronized Person volunteer(OrganisationId organisation, String slug, String name) {
        int n = next.incrementAndGet();
        String email = "placed" + n + "@example.org";
        signUps.signUp(slug, new SignUps.Form(new VolunteerInput(name, "086" + String.format("%07d", n), email, null, "1001", "STATION",
                "ALL_DAY"), "volunteer pass", true, Locale.forLanguageTag("th-TH")));
        VolunteerId id = new VolunteerId(jdbc.sql("select max(volunteer_id) from affiliation where organisation_id = ?")
                .param(organisation.value()).query(Long.class).single());
        rosters.decide(organisation, id, Rosters.Decision.APPROVE, "test");
        return new Person(id, email, name);
    }

    AccountId account(Person person) {
        return accounts.findForLogin(person.email()).orElseThrow().id();
    }

    List<StationView> stations(String constituency) {
        return catalog.stations(ELECTION, Optional.of(constituency), Pageable.unpaged()).getContent();
    }

    AssignmentId atStation(Person person, StationView station, StationRole role) {
        return manual.assign(ELECTION, person.volunteer(), Place.station(station.id(), role), "test");
    }

    AssignmentId asLead(Person person, String constituency) {
        long id = catalog.constituency(ELECTION, constituency).orElseThrow().id();
        return manual.assign(ELECTION, person.volunteer(), new Place(Tier.CONSTITUENCY_LEAD, id, 1), "test");
    }

    /** The token of a link in the newest mail to this person that has one (the outbox keeps the text). */
    String token(Person person, String path) {
        List<String> bodies = jdbc.sql("select text_body from mail_outbox where recipient = ? order by id desc").param(person.email())
                .query(String.class).list();
        Pattern link = Pattern.compile(Pattern.quote(path) + "\\?token=([A-Za-z0-9_.-]+)");
        for (String body : bodies) {
            Matcher m = link.matcher(body);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no " + path + " link in the mail to " + person.email());
    }
}
