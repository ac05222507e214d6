package org.khanaen.rewards;

import org.khanaen.assignment.Tier;

/** Who an offer's coupons go to: one small rule per audience. */
sealed interface Eligibility {

    boolean admits(Trigger trigger);

    static Eligibility of(Audience audience, Long minDonationSatang) {
        return switch (audience) {
            case DONORS -> new DonorsFrom(minDonationSatang == null ? 0 : minDonationSatang);
            case VERIFIED_VOLUNTEERS -> new VerifiedVolunteers();
            case CONSTITUENCY_LEADS -> new ConstituencyLeads();
            case WAR_ROOM -> new WarRoomStaff();
        };
    }

    /** Donors who gave at least this much (satang). */
    record DonorsFrom(long minSatang) implements Eligibility {

        public DonorsFrom {
            if (minSatang < 0) {
                throw new IllegalArgumentException("a minimum donation cannot be negative");
            }
        }

        @Override
        public boolean admits(Trigger trigger) {
            return trigger instanceof Trigger.Donation d && d.amountSatang() >= minSatang;
        }
    }

    /** Station volunteers (primary or backup) whose final report carried the verified numbers. */
    record VerifiedVolunteers() implements Eligibility {

        @Override
        public boolean admits(Trigger trigger) {
            return trigger instanceof Trigger.Service s && s.tier() == Tier.STATION;
        }
    }

    /** Constituency leads whose service is complete. */
    record ConstituencyLeads() implements Eligibility {

        @Override
        public boolean admits(Trigger trigger) {
            return trigger instanceof Trigger.Service s && s.tier() == Tier.CONSTITUENCY_LEAD;
        }
    }

    /** War-room staff whose service is complete. */
    record WarRoomStaff() implements Eligibility {

        @Override
        public boolean admits(Trigger trigger) {
            return trigger instanceof Trigger.Service s && s.tier() == Tier.WAR_ROOM;
        }
    }
}
