package org.khanaen.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.khanaen.assignment.Coverage.Person;
import org.khanaen.assignment.Coverage.StationRow;
import org.khanaen.volunteers.VolunteerId;

/** Which stations a lead must look at, before election day and on it. */
class StationAttentionTests {

    private static Person person(AssignmentView.State state, boolean checkedIn) {
        return new Person(new AssignmentId(1), new VolunteerId(2), "แดง", state, checkedIn, true);
    }

    private static StationRow primary(Person primary) {
        return new StationRow(null, primary, null);
    }

    @Test
    void beforeCheckInOpensAStationNeedsALeadOnlyWithoutAConfirmedPrimary() {
        assertThat(StationAttention.of(primary(null), false)).isEqualTo(StationAttention.NO_PRIMARY);
        assertThat(StationAttention.of(primary(person(AssignmentView.State.PROPOSED, false)), false)).isEqualTo(StationAttention.NOT_CONFIRMED);
        assertThat(StationAttention.of(primary(person(AssignmentView.State.CONFIRMED, false)), false))
                .as("nobody is expected to have checked in yet").isEqualTo(StationAttention.NONE);
    }

    @Test
    void onceCheckInOpensAPrimaryWhoHasNotArrivedNeedsTheLead() {
        assertThat(StationAttention.of(primary(null), true)).isEqualTo(StationAttention.NO_PRIMARY);
        assertThat(StationAttention.of(primary(person(AssignmentView.State.CONFIRMED, false)), true)).isEqualTo(StationAttention.NOT_CHECKED_IN);
        assertThat(StationAttention.of(primary(person(AssignmentView.State.PROPOSED, false)), true)).isEqualTo(StationAttention.NOT_CHECKED_IN);
        assertThat(StationAttention.of(primary(person(AssignmentView.State.CONFIRMED, true)), true)).isEqualTo(StationAttention.NONE);
        assertThat(StationAttention.NONE.needed()).isFalse();
        assertThat(StationAttention.NOT_CHECKED_IN.needed()).isTrue();
    }

    @Test
    void someoneToCallComesBeforeAnEmptyStationWhichComesBeforeTheRest() {
        assertThat(StationAttention.NOT_CHECKED_IN.urgency()).isLessThan(StationAttention.NO_PRIMARY.urgency());
        assertThat(StationAttention.NOT_CONFIRMED.urgency()).isLessThan(StationAttention.NO_PRIMARY.urgency());
        assertThat(StationAttention.NO_PRIMARY.urgency()).isLessThan(StationAttention.NONE.urgency());
    }
}
