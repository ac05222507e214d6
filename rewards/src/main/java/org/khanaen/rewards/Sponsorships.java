package org.khanaen.rewards;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.khanaen.accounts.AccountDirectory;
import org.khanaen.accounts.AccountId;
import org.khanaen.accounts.NewAccount;
import org.khanaen.accounts.Role;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The rewards module's API for sponsors: their accounts and profiles, their offers, their redemptions. */
@Service
public class Sponsorships {

    private final Sponsors sponsors;
    private final Offers offers;
    private final IssuedCoupons coupons;
    private final AccountDirectory accounts;
    private final Clock clock;

    Sponsorships(Sponsors sponsors, Offers offers, IssuedCoupons coupons, AccountDirectory accounts, Clock clock) {
        this.sponsors = sponsors;
        this.offers = offers;
        this.coupons = coupons;
        this.accounts = accounts;
        this.clock = clock;
    }

    /**
     * An administrator registers a sponsor: an account with the SPONSOR role (its one-time password replaced at first
     * sign-in) and the profile.
     */
    @Transactional
    public SponsorId register(String username, String oneTimePassword, SponsorProfile profile) {
        check(profile);
        AccountId account = accounts.create(new NewAccount(username, profile.nameEn().strip(), oneTimePassword, Set.of(Role.SPONSOR), true));
        return new SponsorId(sponsors.insert(account, normalised(profile), clock.instant()));
    }

    @Transactional
    public void updateProfile(SponsorId sponsor, SponsorProfile profile) {
        check(profile);
        sponsors.update(sponsor.value(), normalised(profile));
    }

    public Optional<SponsorView> ofAccount(AccountId account) {
        return sponsors.ofAccount(account);
    }

    public Optional<SponsorView> find(SponsorId id) {
        return sponsors.find(id.value());
    }

    public List<SponsorView> all() {
        return sponsors.all();
    }

    @Transactional
    public long addOffer(SponsorId sponsor, OfferDraft draft) {
        draft.check();
        return offers.insert(sponsor.value(), draft, clock.instant());
    }

    /** No more coupons are issued from it; those issued stay valid. */
    @Transactional
    public void closeOffer(SponsorId sponsor, long offerId) {
        if (!offers.deactivate(sponsor.value(), offerId)) {
            throw new RewardsProblem("offer.unknown");
        }
    }

    public List<OfferView> offers(SponsorId sponsor) {
        return offers.ofSponsor(sponsor.value());
    }

    public List<Redemption> redemptions(SponsorId sponsor, int limit) {
        return coupons.redeemedBy(sponsor.value(), Math.max(1, Math.min(limit, 1_000)));
    }

    public long redemptionCount(SponsorId sponsor) {
        return coupons.countRedeemedBy(sponsor.value());
    }

    private static void check(SponsorProfile p) {
        if (!text(p.nameTh(), 200) || !text(p.nameEn(), 200)) {
            throw new RewardsProblem("sponsor.name.invalid");
        }
        if (p.aboutTh() != null && p.aboutTh().length() > 2000 || p.aboutEn() != null && p.aboutEn().length() > 2000) {
            throw new RewardsProblem("sponsor.about.invalid");
        }
        if (p.website() != null && !p.website().isBlank() && (!p.website().strip().matches("https?://[^\\s<>\"]{3,290}"))) {
            throw new RewardsProblem("sponsor.website.invalid");
        }
    }

    private static SponsorProfile normalised(SponsorProfile p) {
        return new SponsorProfile(p.nameTh().strip(), p.nameEn().strip(), blankToNull(p.aboutTh()), blankToNull(p.aboutEn()),
                blankToNull(p.website()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static boolean text(String s, int max) {
        return s != null && !s.isBlank() && s.strip().length() <= max;
    }
}
