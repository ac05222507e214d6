package org.khanaen.volunteers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class VolunteerRulesTests {

    private static final Map<String, String> DISTRICTS = Map.of("1001", "BKK", "5001", "CMI");

    private static VolunteerInput somchai() {
        return new VolunteerInput("  สมชาย   ใจดี ", "081-234-5678", " Somchai@Example.ORG ", "@somchai.j", "1001", "station", "all-day");
    }

    @Test
    void goodDetailsComeOutNormalised() {
        var result = VolunteerRules.check(somchai(), DISTRICTS);

        assertThat(result.problems()).isEmpty();
        var v = result.volunteer();
        assertThat(v.fullName()).isEqualTo("สมชาย ใจดี");
        assertThat(v.phone()).isEqualTo("+66812345678");
        assertThat(v.email()).isEqualTo("somchai@example.org");
        assertThat(v.lineId()).isEqualTo("somchai.j");
        assertThat(v.provinceCode()).isEqualTo("BKK");
        assertThat(v.rolePreference()).isEqualTo(RolePreference.STATION);
        assertThat(v.availability()).isEqualTo(Availability.ALL_DAY);
    }

    @Test
    void thePhoneIsTheSameHoweverItIsWritten() {
        for (String phone : new String[] { "0812345678", "+66 81 234 5678", "๐๘๑๒๓๔๕๖๗๘", "66812345678" }) {
            var input = new VolunteerInput("Somchai", phone, "a@b.co", null, "1001", "STATION", "COUNT_ONLY");
            assertThat(VolunteerRules.check(input, DISTRICTS).volunteer().phone()).as(phone).isEqualTo("+66812345678");
        }
    }

    @Test
    void aNameWithMarkupIsRefused() {
        var input = new VolunteerInput("<script>alert(1)</script>", "0812345678", "a@b.co", null, "1001", "STATION", "ALL_DAY");
        assertThat(VolunteerRules.check(input, DISTRICTS).problems()).containsExactly(new FieldProblem("fullName", "volunteer.name.invalid"));
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        var input = new VolunteerInput("", "12345", "not-an-email", "bad id with spaces", "9999", "boss", "sometimes");

        assertThat(VolunteerRules.check(input, DISTRICTS).problems()).extracting(FieldProblem::code).containsExactly(
                "volunteer.name.required", "volunteer.phone.invalid", "volunteer.email.invalid", "volunteer.line.invalid",
                "volunteer.district.unknown", "volunteer.role.invalid", "volunteer.availability.invalid");
    }
}
