package org.khanaen.volunteers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.khanaen.volunteers.RegistryFixtures.aVolunteer;
import static org.khanaen.volunteers.RegistryFixtures.anOrganisation;
import static org.khanaen.volunteers.RegistryFixtures.form;

import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.khanaen.accounts.AccountDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
@Import(RecordingMail.Config.class)
class SignUpTests {

    @Autowired
    SignUps signUps;
    @Autowired
    PartnerOrganisations organisations;
    @Autowired
    RecordingMail mail;
    @Autowired
    AccountDirectory accounts;
    @Autowired
    JdbcClient jdbc;

    static int orgs;
    String a;
    String b;

    @BeforeEach
    void twoOrganisations() {
        a = "signup-a-" + (++orgs);
        b = "signup-b-" + orgs;
        organisations.create(anOrganisation(a));
        organisations.create(anOrganisation(b));
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    @Test
    void aNewVolunteerIsStoredEncryptedAndMustVerifyTheirEmail() {
        var somchai = aVolunteer("สมชาย ใจดี");

        signUps.signUp(a, form(somchai));

        var row = jdbc.sql("select id, phone_enc, email_enc, email_verified_at, account_id from volunteer where full_name = ?")
                .param("สมชาย ใจดี").query().singleRow();
        assertThat(new String((byte[]) row.get("phone_enc"), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(somchai.phone().substring(2));
        assertThat(row.get("email_verified_at")).isNull();
        assertThat(accounts.findForLogin(somchai.email())).hasValueSatisfying(acc -> assertThat(acc.enabled()).isFalse());
        assertThat(count("select count(*) from affiliation where volunteer_id = ? and status = 'PENDING'", row.get("id"))).isEqualTo(1);
        assertThat(jdbc.sql("select text_version from consent where volunteer_id = ?").param(row.get("id")).query(String.class).single())
                .isEqualTo(signUps.consentVersion());
        assertThat(mail.last(somchai.email()).kind()).isEqualTo("verification");

        assertThat(signUps.verify(mail.token(somchai.email()))).hasValueSatisfying(v -> assertThat(v.organisationSlug()).isEqualTo(a));

        assertThat(accounts.findForLogin(somchai.email())).hasValueSatisfying(acc -> assertThat(acc.enabled()).isTrue());
        assertThat(count("select count(*) from volunteer where id = ? and email_verified_at is not null", row.get("id"))).isEqualTo(1);
    }

    @Test
    void aVerificationLinkWorksOnce() {
        var malee = aVolunteer("มาลี ศรีสุข");
        signUps.signUp(a, form(malee));
        String token = mail.token(malee.email());

        assertThat(signUps.verify(token)).isPresent();
        assertThat(signUps.verify(token)).isEmpty();
        assertThat(signUps.verify("forged-" + token)).isEmpty();
    }

    @Test
    void twentyIdenticalSignUpsAtOnceAllGetTheSameAnswerAndMakeOneVolunteer() throws Exception {
        var nid = aVolunteer("นิด พร้อมกัน");
        var start = new java.util.concurrent.CountDownLatch(1);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(20)) {
            var answers = java.util.stream.IntStream.range(0, 20).mapToObj(i -> pool.submit(() -> {
                start.await();
                signUps.signUp(a, form(nid));
                return true;
            })).toList();
            start.countDown();
            for (var answer : answers) {
                assertThat(answer.get()).isTrue(); // each one answered as a sign-up, none failed
            }
        }
        assertThat(count("select count(*) from volunteer where full_name = 'นิด พร้อมกัน'")).isEqualTo(1);
        assertThat(count("select count(*) from affiliation f join volunteer v on v.id = f.volunteer_id where v.full_name = 'นิด พร้อมกัน'"))
                .isEqualTo(1);
    }

    @Test
    void theSamePersonThroughASecondOrganisationBecomesAnAffiliationNeverASecondVolunteer() {
        var somsak = aVolunteer("สมศักดิ์ รักชาติ");
        signUps.signUp(a, form(somsak));
        signUps.verify(mail.token(somsak.email()));
        int mailsBefore = mail.sent.size();

        // same phone, another address, through organisation B
        var again = new VolunteerInput("สมศักดิ์ อีกชื่อ", somsak.phone(), "other-" + somsak.email(), null, "5001", "WAR_ROOM", "COUNT_ONLY");
        signUps.signUp(b, form(again));

        assertThat(count("select count(*) from volunteer where full_name like 'สมศักดิ์%'")).isEqualTo(1);
        assertThat(mail.sent).hasSize(mailsBefore + 1);
        var confirmation = mail.last(somsak.email());
        assertThat(confirmation.kind()).as("asked at the address we already had, not the one typed").isEqualTo("join");
        assertThat(mail.sent.stream().filter(s -> s.email().equals("other-" + somsak.email()))).isEmpty();

        signUps.confirmJoin(mail.token(somsak.email()));

        assertThat(count("""
                select count(*) from affiliation f join volunteer v on v.id = f.volunteer_id join organisation o on o.id = f.organisation_id
                where v.full_name = 'สมศักดิ์ รักชาติ' and o.slug in (?, ?)""", a, b)).isEqualTo(2);
        assertThat(jdbc.sql("select home_district_code from volunteer where full_name = 'สมศักดิ์ รักชาติ'").query(String.class).single())
                .as("the stored details are not overwritten by what was typed at the second organisation").isEqualTo("1001");
    }

    @Test
    void everyInvalidFieldIsNamedAndNothingIsStored() {
        long before = count("select count(*) from volunteer");
        var bad = new VolunteerInput("<b>x</b>", "123", "nope", null, "0000", "STATION", "ALL_DAY");

        var failure = catchThrowableOfType(InvalidVolunteer.class,
                () -> signUps.signUp(a, new SignUps.Form(bad, "short", false, Locale.ENGLISH)));

        assertThat(failure.problems()).extracting(FieldProblem::field)
                .containsExactly("fullName", "phone", "email", "districtCode", "password", "consent");
        assertThat(count("select count(*) from volunteer")).isEqualTo(before);
    }
}
