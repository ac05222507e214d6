package org.khanaen.volunteers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.khanaen.accounts.AccountDirectory;
import org.khanaen.accounts.AccountId;
import org.khanaen.accounts.AccountProblem;
import org.khanaen.accounts.NewAccount;
import org.khanaen.accounts.PasswordPolicy;
import org.khanaen.accounts.Role;
import org.khanaen.elections.DistrictView;
import org.khanaen.volunteers.privacy.PersonalData;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Volunteers signing up through a partner's page. The answer never depends on whether we knew the
 * person: a new person gets a verification link, a known one (same email or phone) a link to confirm
 * joining, sent to the address we already have. Neither the new organisation nor whoever typed the
 * form learns anything about an existing record.
 */
@Service
public class SignUps {

    public record Form(VolunteerInput details, String password, boolean consent, Locale locale) {
    }

    private final PartnerOrganisations organisations;
    private final Volunteers volunteers;
    private final Affiliations affiliations;
    private final VolunteerTokens tokens;
    private final AccountDirectory accounts;
    private final PersonalData personalData;
    private final DistrictDirectory districts;
    private final RegistryMail mail;
    private final VolunteerDetails details;
    private final RegistryProperties properties;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    SignUps(PartnerOrganisations organisations, Volunteers volunteers, Affiliations affiliations, VolunteerTokens tokens,
            AccountDirectory accounts, PersonalData personalData, DistrictDirectory districts, RegistryMail mail,
            RegistryProperties properties, JdbcClient jdbc, VolunteerDetails details, PlatformTransactionManager transactions) {
        this.transaction = new TransactionTemplate(transactions);
        this.organisations = organisations;
        this.volunteers = volunteers;
        this.affiliations = affiliations;
        this.tokens = tokens;
        this.accounts = accounts;
        this.personalData = personalData;
        this.districts = districts;
        this.mail = mail;
        this.properties = properties;
        this.jdbc = jdbc;
        this.details = details;
    }

    /** The districts a volunteer chooses their home district from, grouped by province in the page. */
    public List<DistrictView> districts() {
        return districts.districts();
    }

    public String consentVersion() {
        return properties.consentVersion();
    }

    /**
     * The same form sent several times at once (a double tap, a flaky connection resending) must not
     * fail: the unique blind index lets one in, and the others, tried again, find the person known and
     * get the same answer.
     */
    public void signUp(String slug, Form form) {
        for (int attempt = 1; ; attempt++) {
            try {
                transaction.executeWithoutResult(status -> signUpOnce(slug, form));
                return;
            } catch (DataIntegrityViolationException | ConcurrencyFailureException sameMoment) {
                if (attempt == 3) {
                    throw new RegistryProblem("volunteer.signup.retry", "please try again");
                }
            }
        }
    }

    private void signUpOnce(String slug, Form form) {
        Organisation organisation = organisations.find(slug);
        if (!organisation.view().active()) {
            throw new RegistryProblem("organisation.unknown", "organisation " + slug + " does not take sign-ups");
        }
        var checked = VolunteerRules.check(form.details(), districts.provinceByDistrict());
        List<FieldProblem> problems = new ArrayList<>(checked.problems());
        if (form.password() == null || form.password().length() > PasswordPolicy.MAX_LENGTH
                || form.password().codePointCount(0, form.password().length()) < PasswordPolicy.MIN_LENGTH_OWN_DATA_ONLY) {
            problems.add(new FieldProblem("password", "account.password.too-short-8"));
        } else if (PasswordPolicy.isCommon(form.password())) {
            problems.add(new FieldProblem("password", "account.password.common"));
        }
        if (!form.consent()) {
            problems.add(new FieldProblem("consent", "volunteer.consent.required"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidVolunteer(problems);
        }
        CheckedVolunteer person = checked.volunteer();
        byte[] emailIndex = personalData.index(person.email());
        byte[] phoneIndex = personalData.index(person.phone());
        Optional<Volunteer> known = volunteers.findByEmailBidx(emailIndex).or(() -> volunteers.findByPhoneBidx(phoneIndex))
                .filter(v -> v.erasedAt() == null);
        if (known.isPresent()) {
            askToConfirmJoining(known.get(), organisation, form.locale());
            return;
        }
        Volunteer volunteer = new Volunteer(properties.election());
        details.apply(volunteer, person);
        volunteer.language(form.locale());
        // The unique blind index is the last word: someone with this email or phone stored just now fails here (and is retried).
        volunteers.save(volunteer);
        volunteers.flush();
        if (accounts.findForLogin(person.email()).isEmpty()) {
            try {
                AccountId account = accounts.create(new NewAccount(person.email(), person.fullName(), form.password(),
                        Set.of(Role.VOLUNTEER), false));
                accounts.setEnabled(account, false); // until the email is verified
                volunteer.account(account.value());
            } catch (AccountProblem problem) {
                throw new InvalidVolunteer(List.of(new FieldProblem("password", problem.code())));
            }
        }
        affiliations.add(volunteer.id(), organisation.id(), AffiliationStatus.PENDING, Affiliations.Source.SIGNUP);
        recordConsent(volunteer.id(), organisation.id(), "SIGNUP");
        String token = tokens.issue(volunteer.id(), VolunteerTokens.Purpose.VERIFY, organisation.id(), properties.linkValidity());
        mail.verification(person.email(), form.locale(), person.fullName(), organisation.view().name(form.locale()),
                properties.link("/join/verify?token=" + token));
    }

    private void askToConfirmJoining(Volunteer volunteer, Organisation organisation, Locale locale) {
        String email = personalData.decrypt(volunteer.emailEnc());
        String token = tokens.issue(volunteer.id(), VolunteerTokens.Purpose.JOIN, organisation.id(), properties.linkValidity());
        mail.joinConfirmation(email, locale, volunteer.fullName(), organisation.view().name(locale),
                properties.link("/join/confirm?token=" + token));
    }

    void recordConsent(long volunteer, Long organisation, String channel) {
        jdbc.sql("insert into consent (volunteer_id, organisation_id, text_version, given_at, channel) values (?, ?, ?, ?, ?)")
                .params(volunteer, organisation, properties.consentVersion(), Instant.now(), channel).update();
    }

    public record Verified(String organisationSlug) {
    }

    /** The link in the verification mail: the address is theirs, the account opens, the organisation can decide. */
    @Transactional
    public Optional<Verified> verify(String token) {
        return tokens.use(token, VolunteerTokens.Purpose.VERIFY).map(use -> {
            Volunteer volunteer = volunteers.findById(use.volunteer()).orElseThrow();
            volunteer.emailVerified();
            if (volunteer.accountId() != null) {
                accounts.setEnabled(new AccountId(volunteer.accountId()), true);
            } else {
                // They already had an account (a coordinator, say): the verified address proves it is theirs.
                accounts.findForLogin(personalData.decrypt(volunteer.emailEnc())).ifPresent(existing -> {
                    accounts.addRole(existing.id(), Role.VOLUNTEER);
                    volunteer.account(existing.id().value());
                });
            }
            return new Verified(slugOf(use.organisation()));
        });
    }

    /** The link sent to a known person who signed up through another organisation. */
    @Transactional
    public Optional<Verified> confirmJoin(String token) {
        return tokens.use(token, VolunteerTokens.Purpose.JOIN).map(use -> {
            Volunteer volunteer = volunteers.findById(use.volunteer()).orElseThrow();
            volunteer.emailVerified();
            affiliations.add(volunteer.id(), use.organisation(), AffiliationStatus.PENDING, Affiliations.Source.SIGNUP);
            recordConsent(volunteer.id(), use.organisation(), "SIGNUP");
            return new Verified(slugOf(use.organisation()));
        });
    }

    private String slugOf(Long organisation) {
        return organisation == null ? null : organisations.byId(new OrganisationId(organisation)).map(OrganisationView::slug).orElse(null);
    }
}
