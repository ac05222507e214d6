package org.khanaen.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.StationPoint;
import org.khanaen.volunteers.OrganisationDraft;
import org.khanaen.volunteers.OrganisationId;
import org.khanaen.volunteers.PartnerOrganisations;
import org.khanaen.volunteers.RosterEdits;
import org.khanaen.volunteers.VolunteerId;
import org.khanaen.volunteers.VolunteerInput;
import org.khanaen.volunteers.VolunteerWithdrew;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What volunteers receive: the assignment mail with its calendar file and links, and reminders sent once. */
@SpringBootTest
class AssignmentNoticesTests {

    private static final String ELECTION = "th-2566";

    @Autowired ManualAssignments manual;
    @Autowired AssignmentNotices notices;
    @Autowired AssignmentResponses responses;
    @Autowired Assignments assignments;
    @Autowired ElectionCatalog catalog;
    @Autowired PartnerOrganisations organisations;
    @Autowired RosterEdits roster;
    @Autowired JdbcClient jdbc;
    @Autowired RegistryListener registryListener;

    private record Mail(String subject, String text, String attachmentName, String attachmentType, byte[] attachment) {
    }

    private List<Mail> mailTo(String address, String category) {
        return jdbc.sql("select subject, text_body, attachment_name, attachment_type, attachment from mail_outbox where recipient = ? and category = ? order by id")
                .params(address, category)
                .query((rs, n) -> new Mail(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBytes(5))).list();
    }

    private VolunteerId volunteer(OrganisationId org, String name, String phone, String email) {
        return roster.add(org, new VolunteerInput(name, phone, email, null, "6401", "STATION", "ALL_DAY"), "test").orElseThrow();
    }

    @Test
    void theAssignmentMailCarriesThePlaceACalendarFileAndLinksThatWork() {
        OrganisationId org = organisations.create(new OrganisationDraft("sukhothai", "องค์กรสุโขทัย", "Sukhothai", null, null, null)).id();
        VolunteerId person = volunteer(org, "สมศรี ใจงาม", "0891234501", "somsri@example.org");
        StationPoint station = catalog.stationPoints(ELECTION).stream().filter(s -> s.constituencyCode().equals("STI_1")).findFirst().orElseThrow();

        manual.assign(ELECTION, person, ManualAssignments.Place.station(station.id(), StationRole.PRIMARY), "coordinator");

        List<Mail> mails = mailTo("somsri@example.org", "assignment");
        assertThat(mails).singleElement().satisfies(m -> {
            assertThat(m.subject()).contains("STI_1");
            assertThat(m.text()).contains("openstreetmap.org/?mlat=" + station.latitude() + "&mlon=").doesNotContain("&amp;");
            assertThat(m.text()).startsWith("สวัสดีค่ะ/ครับ คุณสมศรี ใจงาม");
            assertThat(m.attachmentName()).isEqualTo("khanaen-assignment.ics");
            assertThat(m.attachmentType()).startsWith("text/calendar");
            String ics = new String(m.attachment(), StandardCharsets.UTF_8);
            assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").contains("DTSTART:20230514T003000Z", "DTEND:20230514T130000Z", "END:VEVENT");
        });
        String respond = token(mails.get(0).text(), "/assignment/respond\\?token=(\\S+)");
        assertThat(responses.offer(respond, java.util.Locale.forLanguageTag("th"))).isPresent();
        assertThat(responses.answer(respond, AssignmentResponses.Answer.CONFIRM, null)).isTrue();
        assertThat(responses.answer(respond, AssignmentResponses.Answer.CONFIRM, null)).isFalse();
    }

    @Test
    void remindersGoOnceAndNotToThoseWhoAskedForNone() {
        OrganisationId org = organisations.create(new OrganisationDraft("phichit", "องค์กรพิจิตร", "Phichit", null, null, null)).id();
        VolunteerId keen = volunteer(org, "มานะ ขยัน", "0891234502", "mana@example.org");
        VolunteerId quiet = volunteer(org, "สงบ เงียบ", "0891234503", "sangob@example.org");
        List<StationPoint> stations = catalog.stationPoints(ELECTION).stream().filter(s -> s.constituencyCode().equals("STI_2")).toList();
        manual.assign(ELECTION, keen, ManualAssignments.Place.station(stations.get(0).id(), StationRole.PRIMARY), "coordinator");
        manual.assign(ELECTION, quiet, ManualAssignments.Place.station(stations.get(1).id(), StationRole.PRIMARY), "coordinator");
        String stop = token(mailTo("sangob@example.org", "assignment").get(0).text(), "/assignment/reminders/stop\\?token=(\\S+)");

        assertThat(responses.stopReminders(stop)).isTrue();
        notices.remind(ELECTION, "eve");
        notices.remind(ELECTION, "eve");

        assertThat(mailTo("mana@example.org", "assignment-reminder-eve")).singleElement()
                .satisfies(m -> assertThat(m.text()).contains("/me/assignment"));
        assertThat(mailTo("sangob@example.org", "assignment-reminder-eve")).isEmpty();
        assertThat(responses.stopReminders(stop.replace('.', '!'))).isFalse();
    }

    @Test
    void aVolunteerWhoWithdrawsFreesTheirSlot() {
        OrganisationId org = organisations.create(new OrganisationDraft("uttaradit", "องค์กรอุตรดิตถ์", "Uttaradit", null, null, null)).id();
        VolunteerId person = volunteer(org, "ถอน ตัว", "0891234504", "thon@example.org");
        StationPoint station = catalog.stationPoints(ELECTION).stream().filter(s -> s.constituencyCode().equals("STI_3")).findFirst().orElseThrow();
        AssignmentId id = manual.assign(ELECTION, person, ManualAssignments.Place.station(station.id(), StationRole.PRIMARY), "coordinator");

        registryListener.on(new VolunteerWithdrew(person));

        // a module listener runs after the publishing transaction, on its own thread
        for (int i = 0; i < 100 && assignments.find(id).isPresent(); i++) {
            sleep();
        }
        assertThat(assignments.find(id)).isEmpty();
        assertThat(assignments.at(ELECTION, Tier.STATION, station.id(), 1)).isEmpty();
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String token(String text, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(text);
        assertThat(m.find()).as("link in %s", text).isTrue();
        return m.group(1);
    }
}
