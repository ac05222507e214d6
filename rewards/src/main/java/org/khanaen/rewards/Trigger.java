package org.khanaen.rewards;

import org.khanaen.assignment.Tier;

/** What earns coupons; its key makes issuing happen once per trigger and offer, however often it arrives. */
sealed interface Trigger {

    String key();

    /** Whose wallet the coupons go to. */
    String holder();

    /** A donation that succeeded. */
    record Donation(String donationRef, long amountSatang) implements Trigger {

        @Override
        public String key() {
            return "donation:" + donationRef;
        }

        @Override
        public String holder() {
            return key();
        }
    }

    /** A volunteer's service that is complete in an election, in the tier they served. */
    record Service(String electionId, long volunteerId, Tier tier) implements Trigger {

        @Override
        public String key() {
            return "service:" + electionId + ":" + volunteerId;
        }

        @Override
        public String holder() {
            return Holders.volunteer(volunteerId);
        }
    }
}
