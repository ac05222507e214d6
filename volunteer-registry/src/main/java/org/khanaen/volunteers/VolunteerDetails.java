package org.khanaen.volunteers;

import java.util.List;

import org.khanaen.volunteers.privacy.PersonalData;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Puts checked details on a volunteer the one way they are stored: contacts encrypted, phone and email
 * indexed. Sign-up, the organisation API and the volunteer's own page all go through here.
 */
@Component
class VolunteerDetails {

    private final PersonalData personalData;
    private final DistrictDirectory districts;
    private final Volunteers volunteers;

    VolunteerDetails(PersonalData personalData, DistrictDirectory districts, Volunteers volunteers) {
        this.personalData = personalData;
        this.districts = districts;
        this.volunteers = volunteers;
    }

    CheckedVolunteer check(VolunteerInput input) {
        var result = VolunteerRules.check(input, districts.provinceByDistrict());
        if (!result.valid()) {
            throw new InvalidVolunteer(result.problems());
        }
        return result.volunteer();
    }

    void apply(Volunteer volunteer, CheckedVolunteer v) {
        volunteer.details(v.fullName(), personalData.encrypt(v.phone()), personalData.index(v.phone()), personalData.encrypt(v.email()),
                personalData.index(v.email()), personalData.encrypt(v.lineId()), v.provinceCode(), v.districtCode(),
                v.rolePreference(), v.availability());
    }

    /**
     * Corrects a stored volunteer's details. The email stays (it is the sign-in name); a phone number that
     * belongs to someone else is refused without saying whose.
     */
    void correct(Volunteer volunteer, VolunteerInput input) {
        String email = personalData.decrypt(volunteer.emailEnc());
        apply(volunteer, check(new VolunteerInput(input.fullName(), input.phone(), email, input.lineId(), input.districtCode(),
                input.rolePreference(), input.availability())));
        try {
            volunteers.saveAndFlush(volunteer);
        } catch (DataIntegrityViolationException phoneOfSomeoneElse) {
            throw new InvalidVolunteer(List.of(new FieldProblem("phone", "volunteer.phone.unavailable")));
        }
    }
}
