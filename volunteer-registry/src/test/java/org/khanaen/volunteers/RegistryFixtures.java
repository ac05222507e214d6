package org.khanaen.volunteers;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** Small builders so tests say what matters. */
final class RegistryFixtures {

    private static final AtomicInteger next = new AtomicInteger(1000);

    private RegistryFixtures() {
    }

    static OrganisationDraft anOrganisation(String slug) {
        return new OrganisationDraft(slug, "องค์กร " + slug, "Organisation " + slug, "Khun Contact", "contact@" + slug + ".org", "021234567");
    }

    /** A unique, valid Thai mobile number and address for each call. */
    static VolunteerInput aVolunteer(String name) {
        int n = next.incrementAndGet();
        return new VolunteerInput(name, "08" + String.format("%08d", 10_000_000 + n), "v" + n + "@example.org", null, "1001",
                "STATION", "ALL_DAY");
    }

    static SignUps.Form form(VolunteerInput input) {
        return new SignUps.Form(input, "a secret passphrase", true, Locale.forLanguageTag("th-TH"));
    }
}
