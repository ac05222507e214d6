package org.khanaen.assignment;

import org.khanaen.volunteers.VolunteerErased;
import org.khanaen.volunteers.VolunteerId;
import org.khanaen.volunteers.VolunteerWithdrew;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** A volunteer who withdrew or was erased stands nowhere: their slots are freed for the next run. */
@Component
class RegistryListener {

    private final Assignments assignments;

    RegistryListener(Assignments assignments) {
        this.assignments = assignments;
    }

    @ApplicationModuleListener
    void on(VolunteerWithdrew event) {
        free(event.volunteer(), "withdrew");
    }

    @ApplicationModuleListener
    void on(VolunteerErased event) {
        free(event.volunteer(), "erased");
    }

    private void free(VolunteerId volunteer, String reason) {
        for (AssignmentView a : assignments.allOfVolunteer(volunteer)) {
            assignments.delete(a.id());
            assignments.history(a, "UNASSIGNED", "system:registry", reason);
        }
    }
}
