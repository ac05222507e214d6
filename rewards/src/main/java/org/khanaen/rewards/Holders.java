package org.khanaen.rewards;

/** The wallet a coupon shows in: a donation's (reached through the mailed link) or a volunteer's (through their account). */
final class Holders {

    private Holders() {
    }

    static String volunteer(long volunteerId) {
        return "volunteer:" + volunteerId;
    }

    static String donation(String donationRef) {
        return "donation:" + donationRef;
    }
}
