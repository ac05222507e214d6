package org.khanaen.volunteers;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.khanaen.accounts.AccountDirectory;
import org.khanaen.accounts.AccountId;
import org.khanaen.accounts.NewAccount;
import org.khanaen.accounts.Role;
import org.khanaen.volunteers.privacy.Contacts;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Partner organisations: created by administrators, run by the coordinators they invite. */
@Service
@EnableConfigurationProperties(RegistryProperties.class)
public class PartnerOrganisations {

    private static final Pattern SLUG = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$");
    private static final int MAX_LOGO_BYTES = 512 * 1024;

    private final Organisations organisations;
    private final JdbcClient jdbc;
    private final AccountDirectory accounts;
    private final RegistryMail mail;
    private final RegistryProperties properties;

    PartnerOrganisations(Organisations organisations, JdbcClient jdbc, AccountDirectory accounts, RegistryMail mail,
            RegistryProperties properties) {
        this.organisations = organisations;
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.mail = mail;
        this.properties = properties;
    }

    @Transactional(readOnly = true)
    public List<OrganisationView> all() {
        return organisations.findAllByOrderByNameTh().stream().map(Organisation::view).toList();
    }

    @Transactional(readOnly = true)
    public Optional<OrganisationView> bySlug(String slug) {
        return organisations.findBySlug(slug).map(Organisation::view);
    }

    @Transactional(readOnly = true)
    public Optional<OrganisationView> byId(OrganisationId id) {
        return organisations.findById(id.value()).map(Organisation::view);
    }

    @Transactional
    public OrganisationView create(OrganisationDraft draft) {
        check(draft);
        if (draft.slug() == null || !SLUG.matcher(draft.slug()).matches()) {
            throw new RegistryProblem("organisation.slug.invalid", "slug", "2-60 lower-case letters, digits and dashes");
        }
        if (organisations.existsBySlug(draft.slug())) {
            throw new RegistryProblem("organisation.slug.taken", "slug", "slug " + draft.slug() + " is taken");
        }
        return organisations.save(new Organisation(draft)).view();
    }

    @Transactional
    public OrganisationView update(String slug, OrganisationDraft draft) {
        check(draft);
        Organisation organisation = find(slug);
        organisation.update(draft);
        return organisation.view();
    }

    private static void check(OrganisationDraft draft) {
        if (draft.nameTh() == null || draft.nameTh().isBlank() || draft.nameTh().length() > 200
                || (draft.nameEn() != null && draft.nameEn().length() > 200)) {
            throw new RegistryProblem("organisation.name.invalid", "nameTh", "a name of 1 to 200 characters");
        }
        if (draft.contactEmail() != null && !draft.contactEmail().isBlank() && Contacts.email(draft.contactEmail()).isEmpty()) {
            throw new RegistryProblem("volunteer.email.invalid", "contactEmail", "not an email address");
        }
        if (draft.contactName() != null && draft.contactName().length() > 200
                || draft.contactPhone() != null && draft.contactPhone().length() > 40) {
            throw new RegistryProblem("organisation.contact.invalid", "contactName", "contact too long");
        }
    }

    /** A PNG, JPEG or WebP of at most 512 KB, recognised by its content, not its name. */
    @Transactional
    public void logo(String slug, byte[] image) {
        if (image.length == 0 || image.length > MAX_LOGO_BYTES) {
            throw new RegistryProblem("organisation.logo.size", "logo", "a logo of at most 512 KB");
        }
        String type = ImageTypes.of(image).orElseThrow(
                () -> new RegistryProblem("organisation.logo.type", "logo", "PNG, JPEG or WebP only"));
        find(slug).logo(image, type);
    }

    public record Logo(byte[] image, String type) {
    }

    @Transactional(readOnly = true)
    public Optional<Logo> logo(String slug) {
        return organisations.findBySlug(slug).filter(o -> o.logo() != null).map(o -> new Logo(o.logo(), o.logoType()));
    }

    @Transactional(readOnly = true)
    public List<OrganisationView> coordinatedBy(AccountId account) {
        return organisations.findCoordinatedBy(account.value()).stream().map(Organisation::view).toList();
    }

    @Transactional(readOnly = true)
    public boolean isCoordinator(OrganisationId organisation, AccountId account) {
        return jdbc.sql("select count(*) from coordinator where organisation_id = ? and account_id = ?")
                .params(organisation.value(), account.value()).query(Long.class).single() > 0;
    }

    /** Mails a single-use link with which the invitee sets their password and becomes a coordinator. */
    @Transactional
    public void invite(String slug, String email, String invitedBy, Locale locale) {
        Organisation organisation = find(slug);
        String address = Contacts.email(email)
                .orElseThrow(() -> new RegistryProblem("volunteer.email.invalid", "email", "not an email address"));
        String token = Tokens.newToken();
        Instant now = Instant.now();
        jdbc.sql("""
                insert into invitation (token_hash, organisation_id, email, invited_by, created_at, expires_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(Tokens.hash(token), organisation.id(), address, invitedBy, now, now.plus(properties.invitationValidity()))
                .update();
        mail.invitation(address, locale, organisation.view().name(locale), properties.link("/invitation/" + token));
    }

    public record Invitation(String organisationSlug, String organisationNameTh, String organisationNameEn, String email,
            boolean accountExists, boolean usable) {
    }

    @Transactional(readOnly = true)
    public Optional<Invitation> invitation(String token) {
        return jdbc.sql("""
                select o.slug, o.name_th, o.name_en, i.email, i.expires_at, i.accepted_at
                from invitation i join organisation o on o.id = i.organisation_id where i.token_hash = ?""")
                .param(Tokens.hash(token))
                .query((rs, n) -> new Invitation(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        accounts.findForLogin(rs.getString(4)).isPresent(),
                        rs.getTimestamp(6) == null && rs.getTimestamp(5).toInstant().isAfter(Instant.now())))
                .optional();
    }

    /** A new coordinator chooses their name and password; the invitation is used up. */
    @Transactional
    public AccountId acceptInvitation(String token, String displayName, String password) {
        var invitation = useInvitation(token);
        AccountId account = accounts.create(new NewAccount(invitation.email(), displayName, password, Set.of(Role.ORG_COORDINATOR), false));
        addCoordinator(invitation.organisationSlug(), account);
        return account;
    }

    /** Someone who already has an account (a coordinator elsewhere, say) accepts while signed in as the invitee. */
    @Transactional
    public void acceptInvitationAs(String token, AccountId account, String username) {
        var invitation = invitation(token).orElseThrow(() -> new RegistryProblem("invitation.unknown", "no such invitation"));
        if (!AccountDirectory.normalise(username).equals(invitation.email())) {
            throw new RegistryProblem("invitation.other-account", "the invitation is for another address");
        }
        useInvitation(token);
        accounts.addRole(account, Role.ORG_COORDINATOR);
        addCoordinator(invitation.organisationSlug(), account);
    }

    private Invitation useInvitation(String token) {
        var invitation = invitation(token).orElseThrow(() -> new RegistryProblem("invitation.unknown", "no such invitation"));
        // One atomic update: of two clicks at once, one wins.
        int used = jdbc.sql("update invitation set accepted_at = ? where token_hash = ? and accepted_at is null and expires_at > ?")
                .params(Instant.now(), Tokens.hash(token), Instant.now()).update();
        if (used == 0) {
            throw new RegistryProblem("invitation.used", "the invitation was used or has expired");
        }
        return invitation;
    }

    private void addCoordinator(String slug, AccountId account) {
        Organisation organisation = find(slug);
        if (!isCoordinator(new OrganisationId(organisation.id()), account)) {
            jdbc.sql("insert into coordinator (organisation_id, account_id, since) values (?, ?, ?)")
                    .params(organisation.id(), account.value(), Instant.now()).update();
        }
    }

    /** A new API token for the organisation's own systems; shown once, stored as its hash, the old one stops working. */
    @Transactional
    public String issueApiToken(String slug) {
        String token = "khn_" + Tokens.newToken();
        find(slug).apiTokenHash(Tokens.hash(token));
        return token;
    }

    @Transactional(readOnly = true)
    public Optional<OrganisationView> byApiToken(String token) {
        if (token == null || !token.startsWith("khn_") || token.length() > 100) {
            return Optional.empty();
        }
        return organisations.findByApiTokenHash(Tokens.hash(token)).map(Organisation::view).filter(OrganisationView::active);
    }

    Organisation find(String slug) {
        return organisations.findBySlug(slug)
                .orElseThrow(() -> new RegistryProblem("organisation.unknown", "no organisation " + slug));
    }
}
