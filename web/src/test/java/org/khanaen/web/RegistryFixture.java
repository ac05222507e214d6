package org.khanaen.web;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;

import org.khanaen.accounts.AccountDirectory;
import org.khanaen.accounts.NewAccount;
import org.khanaen.accounts.Role;
import org.khanaen.volunteers.OrganisationDraft;
import org.khanaen.volunteers.OrganisationView;
import org.khanaen.volunteers.PartnerOrganisations;
import org.khanaen.volunteers.SignUps;
import org.khanaen.volunteers.VolunteerInput;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Organisations with a coordinator and a volunteer each, for the web tests. */
@Component
class RegistryFixture {

    record Org(OrganisationView organisation, String coordinator, long volunteerId, String volunteerName, String volunteerPhone,
            String volunteerEmail) {
        String slug() {
            return organisation.slug();
        }
    }

    private final PartnerOrganisations organisations;
    private final AccountDirectory accounts;
    private final SignUps signUps;
    private final JdbcClient jdbc;
    private static int next = 7_000;

    RegistryFixture(PartnerOrganisations organisations, AccountDirectory accounts, SignUps signUps, JdbcClient jdbc) {
        this.organisations = organisations;
        this.accounts = accounts;
        this.signUps = signUps;
        this.jdbc = jdbc;
    }

    synchronized Org organisation(String slug) {
        int n = ++next;
        OrganisationView organisation = organisations.create(new OrganisationDraft(slug, "องค์กร " + slug, "Org " + slug, null, null, null));
        String coordinator = "coord-" + slug + "@example.org";
        var account = accounts.create(new NewAccount(coordinator, "Coordinator " + slug, "coordinator password 1", Set.of(Role.ORG_COORDINATOR), false));
        // as if the invitation had been accepted
        jdbc.sql("insert into coordinator (organisation_id, account_id, since) values (?, ?, ?)")
                .params(organisation.id().value(), account.value(), Instant.now()).update();
        String name = "อาสา " + slug.replace("-", " ").replaceAll("[0-9]", "");
        String phone = "089" + String.format("%07d", n);
        String email = "v" + n + "@example.org";
        signUps.signUp(slug, new SignUps.Form(new VolunteerInput(name, phone, email,
                null, "1001", "STATION", "ALL_DAY"), "volunteer pass", true, Locale.forLanguageTag("th-TH")));
        long volunteer = jdbc.sql("select a.volunteer_id from affiliation a where a.organisation_id = ?")
                .param(organisation.id().value()).query(Long.class).single();
        return new Org(organisation, coordinator, volunteer, name, phone, email);
    }
}
