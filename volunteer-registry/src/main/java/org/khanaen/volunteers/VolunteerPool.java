package org.khanaen.volunteers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.khanaen.accounts.AccountId;
import org.khanaen.volunteers.privacy.Contacts;
import org.khanaen.volunteers.privacy.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the assignment module may know of volunteers: who can be placed (approved by at least one
 * organisation, not withdrawn or erased), where they live, what they prefer, and, for a mail or a
 * lead's call, how to reach one of them (that read is audited).
 */
@Service
public class VolunteerPool {

    /**
     * @param organisation the organisation that approved them first: coverage per organisation counts them there
     */
    public record Member(VolunteerId id, OrganisationId organisation, String provinceCode, String districtCode,
            RolePreference role, Availability availability) {
    }

    public record Contact(VolunteerId id, String name, String email, String phone, Locale locale, Long accountId) {
    }

    /** Approved somewhere, not withdrawn or erased, for this election or none; the caller adds its own condition. */
    private static final String MEMBERS = """
            select v.id, min(a.organisation_id), v.home_province_code, v.home_district_code, v.role_preference, v.availability
            from volunteer v join affiliation a on a.volunteer_id = v.id and a.status = 'APPROVED'
            where v.erased_at is null and v.withdrawn_at is null
              and (v.registered_for_election is null or v.registered_for_election = :election) and\s""";
    private static final String GROUP = " group by v.id, v.home_province_code, v.home_district_code, v.role_preference, v.availability";

    private static Member member(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Member(new VolunteerId(rs.getLong(1)), new OrganisationId(rs.getLong(2)), rs.getString(3), rs.getString(4),
                RolePreference.valueOf(rs.getString(5)), Availability.valueOf(rs.getString(6)));
    }

    private final JdbcClient jdbc;
    private final PersonalData personalData;
    private final PersonalDataAudit audit;

    VolunteerPool(JdbcClient jdbc, PersonalData personalData, PersonalDataAudit audit) {
        this.jdbc = jdbc;
        this.personalData = personalData;
        this.audit = audit;
    }

    /** Everyone who may be placed for this election (registered for it, or for no election in particular). */
    @Transactional(readOnly = true)
    public List<Member> members(String electionId) {
        return members(electionId, null);
    }

    /** Those of one organisation (a coordinator's run), or everyone's when it is null. */
    @Transactional(readOnly = true)
    public List<Member> members(String electionId, OrganisationId organisation) {
        return jdbc.sql(MEMBERS + "(:organisation is null or a.organisation_id = :organisation)" + GROUP + " order by v.id")
                .param("election", electionId).param("organisation", organisation == null ? null : organisation.value())
                .query(VolunteerPool::member).list();
    }

    /** One volunteer, if they may be placed for this election. */
    @Transactional(readOnly = true)
    public Optional<Member> member(String electionId, VolunteerId id) {
        return jdbc.sql(MEMBERS + "v.id = :id" + GROUP).param("election", electionId).param("id", id.value())
                .query(VolunteerPool::member).optional();
    }

    /** Is this volunteer approved by that organisation (a coordinator may place only their own people)? */
    @Transactional(readOnly = true)
    public boolean approvedBy(VolunteerId id, OrganisationId organisation) {
        return jdbc.sql("select count(*) from affiliation where volunteer_id = ? and organisation_id = ? and status = 'APPROVED'")
                .params(id.value(), organisation.value()).query(Long.class).single() > 0;
    }

    /** The volunteer behind a sign-in, if any. */
    @Transactional(readOnly = true)
    public Optional<VolunteerId> ofAccount(AccountId account) {
        return jdbc.sql("select id from volunteer where account_id = ? and erased_at is null")
                .param(account.value()).query(Long.class).optional().map(VolunteerId::new);
    }

    /** Names only (no contact data), for tables of who stands where. */
    @Transactional(readOnly = true)
    public java.util.Map<VolunteerId, String> names(Collection<VolunteerId> ids) {
        java.util.Map<VolunteerId, String> names = new java.util.HashMap<>();
        List<Long> all = ids.stream().map(VolunteerId::value).distinct().toList();
        for (int from = 0; from < all.size(); from += 1000) {
            List<Long> part = all.subList(from, Math.min(all.size(), from + 1000));
            jdbc.sql("select id, coalesce(full_name, pseudonym) from volunteer where id in (:ids)")
                    .param("ids", part)
                    .query((rs, n) -> names.put(new VolunteerId(rs.getLong(1)), rs.getString(2))).list();
        }
        return names;
    }

    /**
     * How to reach a volunteer, for the reason given (kept in the personal-data audit with the actor).
     * Empty once erased.
     */
    @Transactional
    public Optional<Contact> contact(VolunteerId id, String actor, String purpose) {
        Optional<Contact> contact = jdbc.sql("select id, full_name, email_enc, phone_enc, language, account_id from volunteer where id = ? and erased_at is null")
                .param(id.value())
                .query((rs, n) -> new Contact(new VolunteerId(rs.getLong(1)), rs.getString(2), personalData.decrypt(rs.getBytes(3)),
                        Contacts.displayPhone(personalData.decrypt(rs.getBytes(4))), Locale.forLanguageTag(rs.getString(5)),
                        (Long) rs.getObject(6)))
                .optional();
        contact.ifPresent(c -> audit.record(actor, PersonalDataAudit.Action.READ, id.value(), null, purpose));
        return contact;
    }

    /** Kept on the volunteer so that rosters can filter on it; the assignment module says what it is. */
    @Transactional
    public void assignmentStatus(Collection<VolunteerId> ids, AssignmentStatus status) {
        List<Long> all = new ArrayList<>(ids.stream().map(VolunteerId::value).toList());
        for (int from = 0; from < all.size(); from += 1000) {
            jdbc.sql("update volunteer set assignment_status = :status where id in (:ids)")
                    .param("status", status.name()).param("ids", all.subList(from, Math.min(all.size(), from + 1000)))
                    .update();
        }
    }
}
