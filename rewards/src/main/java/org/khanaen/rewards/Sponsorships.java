package org.khanaen.rewards;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.khanaen.accounts.AccountDirectory;
import org.khanaen.accounts.AccountId;
import org.khanaen.accounts.NewAccount;
import org.khanaen.accounts.Role;
import org.khanaen.platform.mail.MailComposer;
import org.khanaen.platform.mail.MailOutbox;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The rewards module's API for sponsors: their accounts and profiles, their offers, their redemptions. */
@Service
public class Sponsorships {

    private final Sponsors sponsors;
    private final Offers offers;
    private final IssuedCoupons coupons;
    private final AccountDirectory accounts;
    private final SponsorInvitations invitations;
    private final MailComposer composer;
    private final MailOutbox outbox;
    private final RewardsProperties properties;
    private final Clock clock;

    /** As long as a coordinator's invitation works. */
    static final Duration INVITATION_VALIDITY = Duration.ofDays(7);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

    Sponsorships(Sponsors sponsors, Offers offers, IssuedCoupons coupons, AccountDirectory accounts, SponsorInvitations invitations,
            MailComposer composer, MailOutbox outbox, RewardsProperties properties, Clock clock) {
        this.sponsors = sponsors;
        this.offers = offers;
        this.coupons = coupons;
        this.accounts = accounts;
        this.invitations = invitations;
        this.composer = composer;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * An administrator invites a sponsor by mail, as coordinators are invited: a single-use link, valid for 7 days,
     * with which the sponsor chooses their own name and password. No password passes through anyone's hands. The mail
     * is queued in this transaction, sent once.
     */
    @Transactional
    public void invite(String email, SponsorProfile profile, String invitedBy, Locale locale) {
        String address = AccountDirectory.normalise(email);
        if (address.length() > 190 || !EMAIL.matcher(address).matches()) {
            throw new RewardsProblem("sponsor.email.invalid");
        }
        check(profile);
        if (accounts.findForLogin(address).isPresent()) {
            throw new RewardsProblem("sponsor.email.taken");
        }
        Instant now = clock.instant();
        SponsorProfile p = normalised(profile);
        String token = invitations.insert(address, p, invitedBy, now, now.plus(INVITATION_VALIDITY));
        Locale language = locale == null ? Locale.forLanguageTag("th") : locale;
        String link = properties.link("/invitation/sponsor/" + token);
        outbox.enqueue(composer.compose("sponsor-invitation", address, language,
                Map.of("sponsor", "en".equals(language.getLanguage()) ? p.nameEn() : p.nameTh(), "link", link))
                .withDedupKey("sponsor-invitation:" + address + ":" + now.toEpochMilli()));
    }

    /** The invitation a link names, usable or not; empty for a link that names none. */
    public Optional<SponsorInvitation> invitation(String token) {
        return invitations.find(token, clock.instant());
    }

    /** Invitations sent and not accepted yet, newest first. */
    public List<SponsorInvitation.Pending> pendingInvitations() {
        return invitations.pending(clock.instant(), 100);
    }

    /**
     * The invited sponsor chooses their name and password: the account (SPONSOR, the address as username; the password
     * is their own, so nothing to change at first sign-in) and the profile the administrator entered. The invitation
     * is used up, also by two clicks at once.
     *
     * @throws RewardsProblem {@code sponsor.invitation.used} for a link used before or expired
     */
    @Transactional
    public SponsorId acceptInvitation(String token, String displayName, String password) {
        SponsorInvitation invitation = invitation(token).filter(SponsorInvitation::usable)
                .orElseThrow(() -> new RewardsProblem("sponsor.invitation.used"));
        if (!invitations.use(token, clock.instant())) {
            throw new RewardsProblem("sponsor.invitation.used");
        }
        String name = displayName == null || displayName.isBlank() ? invitation.profile().nameEn() : displayName.strip();
        AccountId account = accounts.create(new NewAccount(invitation.email(), name, password, Set.of(Role.SPONSOR), false));
        long id = sponsors.insert(account, invitation.profile(), clock.instant());
        invitations.accepted(token, id);
        return new SponsorId(id);
    }

    /**
     * A sponsor registered directly: an account with the SPONSOR role (its one-time password replaced at first sign-in)
     * and the profile. For tools and tests; the administrators' page invites by mail ({@link #invite}).
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
