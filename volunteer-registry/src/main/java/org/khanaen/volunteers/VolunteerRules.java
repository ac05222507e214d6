package org.khanaen.volunteers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.khanaen.volunteers.privacy.Contacts;

/**
 * What a volunteer's details must be, whichever way they arrive (sign-up page, CSV, partner API,
 * profile): a name of letters (Thai or Latin, no markup), a valid phone and email, a known
 * district, a role and an availability. Every problem is reported, not just the first.
 */
public final class VolunteerRules {

    // Letters and combining marks (Thai vowels and tone marks are marks), spaces, . ' - ; nothing that can be markup.
    private static final Pattern NAME = Pattern.compile("^[\\p{L}\\p{M}][\\p{L}\\p{M} .'’-]{0,199}$");

    /** @param districts district code to province code, for the election volunteers are recruited for */
    public record Result(CheckedVolunteer volunteer, List<FieldProblem> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    private VolunteerRules() {
    }

    public static Result check(VolunteerInput input, Map<String, String> districts) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = input.fullName() == null ? "" : input.fullName().strip().replaceAll("\\s+", " ");
        if (name.isEmpty()) {
            problems.add(new FieldProblem("fullName", "volunteer.name.required"));
        } else if (!NAME.matcher(name).matches()) {
            problems.add(new FieldProblem("fullName", "volunteer.name.invalid"));
        }
        Optional<String> phone = Contacts.phone(input.phone());
        if (blank(input.phone())) {
            problems.add(new FieldProblem("phone", "volunteer.phone.required"));
        } else if (phone.isEmpty()) {
            problems.add(new FieldProblem("phone", "volunteer.phone.invalid"));
        }
        Optional<String> email = Contacts.email(input.email());
        if (blank(input.email())) {
            problems.add(new FieldProblem("email", "volunteer.email.required"));
        } else if (email.isEmpty()) {
            problems.add(new FieldProblem("email", "volunteer.email.invalid"));
        }
        Optional<String> line = blank(input.lineId()) ? Optional.empty() : Contacts.lineId(input.lineId());
        if (!blank(input.lineId()) && line.isEmpty()) {
            problems.add(new FieldProblem("lineId", "volunteer.line.invalid"));
        }
        String district = input.districtCode() == null ? "" : input.districtCode().strip();
        String province = districts.get(district);
        if (district.isEmpty()) {
            problems.add(new FieldProblem("districtCode", "volunteer.district.required"));
        } else if (province == null) {
            problems.add(new FieldProblem("districtCode", "volunteer.district.unknown"));
        }
        RolePreference role = choice(RolePreference.class, input.rolePreference());
        if (role == null) {
            problems.add(new FieldProblem("rolePreference", "volunteer.role.invalid"));
        }
        Availability availability = choice(Availability.class, input.availability());
        if (availability == null) {
            problems.add(new FieldProblem("availability", "volunteer.availability.invalid"));
        }
        if (!problems.isEmpty()) {
            return new Result(null, List.copyOf(problems));
        }
        return new Result(new CheckedVolunteer(name, phone.get(), email.get(), line.orElse(null), province, district, role,
                availability), List.of());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    static <E extends Enum<E>> E choice(Class<E> type, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
