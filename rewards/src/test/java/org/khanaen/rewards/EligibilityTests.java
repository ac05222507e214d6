package org.khanaen.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.khanaen.assignment.Tier;

class EligibilityTests {

    private static final Trigger.Donation DONATION_500_BAHT = new Trigger.Donation("d-1", 500_00);
    private static final Trigger.Service STATION_VOLUNTEER = new Trigger.Service("th-2566", 7, Tier.STATION);
    private static final Trigger.Service LEAD = new Trigger.Service("th-2566", 8, Tier.CONSTITUENCY_LEAD);
    private static final Trigger.Service WAR_ROOM = new Trigger.Service("th-2566", 9, Tier.WAR_ROOM);

    @Test
    void donorsFromAnAmountGetItAtThatAmountAndAboveNotBelow() {
        assertThat(new Eligibility.DonorsFrom(500_00).admits(DONATION_500_BAHT)).isTrue();
        assertThat(new Eligibility.DonorsFrom(500_01).admits(DONATION_500_BAHT)).isFalse();
        assertThat(new Eligibility.DonorsFrom(0).admits(DONATION_500_BAHT)).isTrue();
    }

    @Test
    void donorOffersAreNeverForVolunteers() {
        assertThat(new Eligibility.DonorsFrom(0).admits(STATION_VOLUNTEER)).isFalse();
    }

    @Test
    void eachStaffOfferGoesToItsOwnTierOnly() {
        assertThat(new Eligibility.VerifiedVolunteers().admits(STATION_VOLUNTEER)).isTrue();
        assertThat(new Eligibility.VerifiedVolunteers().admits(LEAD)).isFalse();
        assertThat(new Eligibility.ConstituencyLeads().admits(LEAD)).isTrue();
        assertThat(new Eligibility.ConstituencyLeads().admits(WAR_ROOM)).isFalse();
        assertThat(new Eligibility.WarRoomStaff().admits(WAR_ROOM)).isTrue();
        assertThat(new Eligibility.WarRoomStaff().admits(DONATION_500_BAHT)).isFalse();
    }

    @Test
    void anOfferWithoutMinimumTakesAnyDonation() {
        assertThat(Eligibility.of(Audience.DONORS, null).admits(new Trigger.Donation("d-2", 1))).isTrue();
    }

    @Test
    void aNegativeMinimumIsRefused() {
        assertThatThrownBy(() -> new Eligibility.DonorsFrom(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aVolunteerServesOncePerElectionWhateverTheirTier() {
        assertThat(new Trigger.Service("th-2566", 7, Tier.STATION).key()).isEqualTo(new Trigger.Service("th-2566", 7, Tier.WAR_ROOM).key());
        assertThat(new Trigger.Service("th-2566", 7, Tier.STATION).key()).isNotEqualTo(new Trigger.Service("bkk-2565", 7, Tier.STATION).key());
    }
}
