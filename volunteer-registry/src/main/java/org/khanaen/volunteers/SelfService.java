package org.khanaen.volunteers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.khanaen.accounts.AccountDirectory;
import org.khanaen.accounts.AccountId;
import org.khanaen.volunteers.privacy.Contacts;
import org.khanaen.volunteers.privacy.PersonalData;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/** A signed-in volunteer's own data: see and change it, step back, take a copy, or have it erased (PDPA). */
@Service
public class SelfService {

    private final Volunteers volunteers;
    private final Affiliations affiliations;
    private final VolunteerTokens tokens;
    private final PersonalData personalData;
    private final PersonalDataAudit audit;
    private final VolunteerDetails details;
    private final AccountDirectory accounts;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final List<PersonalDataEraser> erasers;
    private final JsonMapper json = JsonMapper.builder().build();

    SelfService(Volunteers volunteers, Affiliations affiliations, VolunteerTokens tokens, PersonalData personalData,
            PersonalDataAudit audit, VolunteerDetails details, AccountDirectory accounts, JdbcClient jdbc,
            ApplicationEventPublisher events, List<PersonalDataEraser> erasers) {
        this.volunteers = volunteers;
        this.affiliations = affiliations;
        this.tokens = tokens;
        this.personalData = personalData;
        this.audit = audit;
        this.details = details;
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.events = events;
        this.erasers = erasers;
    }

    @Transactional(readOnly = true)
    public Optional<MyProfile> profile(AccountId account) {
        return volunteers.findByAccountId(account.value()).filter(v -> v.erasedAt() == null).map(this::profile);
    }

    private MyProfile profile(Volunteer v) {
        List<MyProfile.Membership> memberships = jdbc.sql("""
                select o.slug, o.name_th, o.name_en, a.status from affiliation a join organisation o on o.id = a.organisation_id
                where a.volunteer_id = ? order by a.joined_at""").param(v.id())
                .query((rs, n) -> new MyProfile.Membership(rs.getString(1), rs.getString(2), rs.getString(3),
                        AffiliationStatus.valueOf(rs.getString(4)))).list();
        return new MyProfile(v.volunteerId(), v.fullName(), Contacts.displayPhone(personalData.decrypt(v.phoneEnc())),
                personalData.decrypt(v.emailEnc()), personalData.decrypt(v.lineIdEnc()), v.homeProvinceCode(),
                v.homeDistrictCode(), v.rolePreference(), v.availability(), v.assignmentStatus(), v.withdrawnAt(), memberships);
    }

    /** Name, phone, LINE id, district, role and availability; the email is the sign-in name and stays. */
    @Transactional
    public void update(AccountId account, VolunteerInput input) {
        Volunteer v = mine(account);
        details.correct(v, input);
        audit.record("volunteer:" + v.pseudonym(), PersonalDataAudit.Action.CHANGE, v.id(), null, "own profile");
    }

    /** Steps back from every organisation; assignments are freed and their lead told (by the assignment module). */
    @Transactional
    public void withdraw(AccountId account) {
        Volunteer v = mine(account);
        if (v.withdrawnAt() != null) {
            return;
        }
        v.withdraw();
        affiliations.withdrawEverywhere(v.id());
        events.publishEvent(new VolunteerWithdrew(v.volunteerId()));
    }

    /** Everything we hold about them, as JSON, including who read or changed it. */
    @Transactional
    public String exportData(AccountId account) {
        Volunteer v = mine(account);
        MyProfile profile = profile(v);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("pseudonym", v.pseudonym());
        data.put("fullName", profile.fullName());
        data.put("phone", profile.phone());
        data.put("email", profile.email());
        data.put("lineId", profile.lineId());
        data.put("homeProvince", profile.province());
        data.put("homeDistrict", profile.district());
        data.put("rolePreference", profile.role());
        data.put("availability", profile.availability());
        data.put("assignmentStatus", profile.assignment());
        data.put("registeredAt", v.createdAt().toString());
        data.put("emailVerifiedAt", v.emailVerifiedAt() == null ? null : v.emailVerifiedAt().toString());
        data.put("withdrawnAt", v.withdrawnAt() == null ? null : v.withdrawnAt().toString());
        data.put("organisations", profile.memberships());
        data.put("consents", jdbc.sql("select text_version, given_at, channel from consent where volunteer_id = ? order by given_at")
                .param(v.id()).query((rs, n) -> Map.of("version", rs.getString(1), "givenAt", rs.getTimestamp(2).toInstant().toString(),
                        "channel", rs.getString(3))).list());
        List<Map<String, Object>> accessLog = new ArrayList<>();
        jdbc.sql("select at, actor, action, detail from personal_data_audit where volunteer_id = ? order by id").param(v.id())
                .query(rs -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("at", rs.getTimestamp(1).toInstant().toString());
                    entry.put("by", rs.getString(2));
                    entry.put("action", rs.getString(3));
                    entry.put("detail", rs.getString(4));
                    accessLog.add(entry);
                });
        data.put("accessLog", accessLog);
        audit.record("volunteer:" + v.pseudonym(), PersonalDataAudit.Action.SELF_EXPORT, v.id(), null, null);
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(data);
    }

    /** Erases them at their own request. */
    @Transactional
    public void erase(AccountId account) {
        erase(mine(account), "volunteer");
    }

    /**
     * Every personal field goes, here and wherever a copy was kept (mail queue, sign-in account); what
     * remains is the pseudonym, so that their reports still count.
     */
    @Transactional
    void erase(Volunteer v, String by) {
        if (v.erasedAt() != null) {
            return;
        }
        String email = personalData.decrypt(v.emailEnc());
        erasers.forEach(eraser -> eraser.erase(email));
        v.erase();
        affiliations.withdrawEverywhere(v.id());
        affiliations.clearNotes(v.id());
        tokens.forget(v.id());
        if (v.accountId() != null) {
            accounts.anonymise(new AccountId(v.accountId()), v.pseudonym());
        }
        audit.record(by, PersonalDataAudit.Action.ERASE, v.id(), null, null);
        events.publishEvent(new VolunteerErased(v.volunteerId(), v.pseudonym()));
    }

    private Volunteer mine(AccountId account) {
        return volunteers.findByAccountId(account.value()).filter(v -> v.erasedAt() == null)
                .orElseThrow(() -> new RegistryProblem("volunteer.unknown", "no volunteer for this account"));
    }
}
