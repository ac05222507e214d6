package org.khanaen.volunteers;

import java.io.IOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.khanaen.platform.csv.SpreadsheetCsv;
import org.khanaen.volunteers.privacy.Contacts;
import org.khanaen.volunteers.privacy.PersonalData;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An organisation's roster. Every method takes the organisation the caller acts for (resolved and
 * checked by the web layer from the signed-in coordinator or the API token) and reaches only
 * volunteers affiliated with it; someone else's volunteer is simply not found.
 */
@Service
public class Rosters {

    private static final String COLUMNS = """
            v.id, v.full_name, v.phone_enc, v.email_enc, v.home_province_code, v.home_district_code, v.role_preference,
            v.availability, a.status, v.assignment_status, a.joined_at, v.email_verified_at""";

    private final JdbcClient jdbc;
    private final PersonalData personalData;
    private final PersonalDataAudit audit;
    private final Affiliations affiliations;
    private final Volunteers volunteers;
    private final RegistryMail mail;
    private final PartnerOrganisations organisations;

    Rosters(JdbcClient jdbc, PersonalData personalData, PersonalDataAudit audit, Affiliations affiliations, Volunteers volunteers,
            RegistryMail mail, PartnerOrganisations organisations) {
        this.jdbc = jdbc;
        this.personalData = personalData;
        this.audit = audit;
        this.affiliations = affiliations;
        this.volunteers = volunteers;
        this.mail = mail;
        this.organisations = organisations;
    }

    private record Filter(String where, List<Object> params) {
    }

    private Filter filter(OrganisationId organisation, RosterQuery q) {
        StringBuilder where = new StringBuilder(" from affiliation a join volunteer v on v.id = a.volunteer_id"
                + " where a.organisation_id = ? and v.erased_at is null");
        List<Object> params = new ArrayList<>(List.of(organisation.value()));
        if (q.status() != null) {
            where.append(" and a.status = ?");
            params.add(q.status().name());
        }
        if (q.province() != null && !q.province().isBlank()) {
            where.append(" and v.home_province_code = ?");
            params.add(q.province());
        }
        if (q.district() != null && !q.district().isBlank()) {
            where.append(" and v.home_district_code = ?");
            params.add(q.district());
        }
        if (q.role() != null) {
            where.append(" and v.role_preference = ?");
            params.add(q.role().name());
        }
        if (q.assignment() != null) {
            where.append(" and v.assignment_status = ?");
            params.add(q.assignment().name());
        }
        String text = q.text() == null ? "" : q.text().strip();
        if (!text.isEmpty()) {
            Optional<String> email = text.contains("@") ? Contacts.email(text) : Optional.empty();
            Optional<String> phone = email.isEmpty() && text.matches("[+0-9๐-๙ ()-]{6,20}") ? Contacts.phone(text) : Optional.empty();
            if (email.isPresent()) {
                where.append(" and v.email_bidx = ?");
                params.add(personalData.index(email.get()));
            } else if (phone.isPresent()) {
                where.append(" and v.phone_bidx = ?");
                params.add(personalData.index(phone.get()));
            } else {
                // A name, or part of one; LIKE wildcards typed by the user are taken literally.
                where.append(" and v.full_name like ? escape '!'");
                params.add("%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
            }
        }
        return new Filter(where.toString(), params);
    }

    @Transactional
    public Page<RosterEntry> search(OrganisationId organisation, RosterQuery query, Pageable page, String actor) {
        Filter filter = filter(organisation, query);
        List<Object> params = new ArrayList<>(filter.params());
        params.add(page.getPageSize());
        params.add(page.getOffset());
        List<RosterEntry> entries = jdbc.sql("select " + COLUMNS + filter.where() + " order by a.joined_at desc, v.id desc limit ? offset ?")
                .params(params).query(this::entry).list();
        long total = jdbc.sql("select count(*)" + filter.where()).params(filter.params()).query(Long.class).single();
        audit.record(actor, PersonalDataAudit.Action.LIST, null, organisation.value(), entries.size() + " of " + total);
        return new PageImpl<>(entries, page, total);
    }

    private RosterEntry entry(ResultSet rs, int row) throws SQLException {
        return new RosterEntry(new VolunteerId(rs.getLong(1)), rs.getString(2), Contacts.maskPhone(personalData.decrypt(rs.getBytes(3))),
                Contacts.maskEmail(personalData.decrypt(rs.getBytes(4))), rs.getString(5), rs.getString(6),
                RolePreference.valueOf(rs.getString(7)), Availability.valueOf(rs.getString(8)), AffiliationStatus.valueOf(rs.getString(9)),
                AssignmentStatus.valueOf(rs.getString(10)), rs.getTimestamp(11).toInstant(), rs.getTimestamp(12) != null);
    }

    /** One volunteer of the organisation, contacts in full; the reading is audited. */
    @Transactional
    public Optional<VolunteerDetail> detail(OrganisationId organisation, VolunteerId volunteer, String actor) {
        Optional<VolunteerDetail> detail = jdbc.sql("""
                select v.id, v.pseudonym, v.full_name, v.phone_enc, v.email_enc, v.line_id_enc, v.home_province_code,
                       v.home_district_code, v.role_preference, v.availability, a.status, v.assignment_status, a.note,
                       a.joined_at, v.email_verified_at
                from affiliation a join volunteer v on v.id = a.volunteer_id
                where a.organisation_id = ? and a.volunteer_id = ? and v.erased_at is null""")
                .params(organisation.value(), volunteer.value())
                .query((rs, n) -> new VolunteerDetail(new VolunteerId(rs.getLong(1)), rs.getString(2), rs.getString(3),
                        Contacts.displayPhone(personalData.decrypt(rs.getBytes(4))), personalData.decrypt(rs.getBytes(5)),
                        personalData.decrypt(rs.getBytes(6)), rs.getString(7), rs.getString(8), RolePreference.valueOf(rs.getString(9)),
                        Availability.valueOf(rs.getString(10)), AffiliationStatus.valueOf(rs.getString(11)),
                        AssignmentStatus.valueOf(rs.getString(12)), rs.getString(13), rs.getTimestamp(14).toInstant(),
                        rs.getTimestamp(15) == null ? null : rs.getTimestamp(15).toInstant(), consents(rs.getLong(1))))
                .optional();
        detail.ifPresent(d -> audit.record(actor, PersonalDataAudit.Action.READ, volunteer.value(), organisation.value(), null));
        return detail;
    }

    private List<VolunteerDetail.Consent> consents(long volunteer) {
        return jdbc.sql("select text_version, given_at, channel from consent where volunteer_id = ? order by given_at")
                .param(volunteer)
                .query((rs, n) -> new VolunteerDetail.Consent(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3))).list();
    }

    public enum Decision { APPROVE, REJECT, DEACTIVATE }

    /** @return false when the volunteer is not one of the organisation's */
    @Transactional
    public boolean decide(OrganisationId organisation, VolunteerId volunteer, Decision decision, String actor) {
        AffiliationStatus status = switch (decision) {
            case APPROVE -> AffiliationStatus.APPROVED;
            case REJECT -> AffiliationStatus.REJECTED;
            case DEACTIVATE -> AffiliationStatus.DEACTIVATED;
        };
        Optional<AffiliationStatus> before = affiliations.status(volunteer.value(), organisation.value());
        if (before.isEmpty() || !affiliations.decide(volunteer.value(), organisation.value(), status, actor)) {
            return false;
        }
        audit.record(actor, PersonalDataAudit.Action.CHANGE, volunteer.value(), organisation.value(), "status " + status);
        if (status == AffiliationStatus.APPROVED && before.get() != AffiliationStatus.APPROVED) {
            volunteers.findById(volunteer.value()).filter(v -> v.erasedAt() == null).ifPresent(v -> {
                var org = organisations.byId(organisation).orElseThrow();
                mail.approval(personalData.decrypt(v.emailEnc()), v.locale(), v.fullName(), org.name(v.locale()));
            });
        }
        return true;
    }

    @Transactional
    public boolean note(OrganisationId organisation, VolunteerId volunteer, String note, String actor) {
        String text = note == null ? null : note.strip();
        if (text != null && text.length() > 2000) {
            throw new RegistryProblem("volunteer.note.too-long", "note", "at most 2,000 characters");
        }
        boolean done = affiliations.note(volunteer.value(), organisation.value(), text == null || text.isEmpty() ? null : text);
        if (done) {
            audit.record(actor, PersonalDataAudit.Action.CHANGE, volunteer.value(), organisation.value(), "note");
        }
        return done;
    }

    /**
     * The roster as CSV for Excel: UTF-8 with a byte-order mark (so Thai opens right), CRLF, quoted where
     * needed, cells that would start a formula neutralised. The export is audited.
     */
    @Transactional
    public int export(OrganisationId organisation, RosterQuery query, Writer out, String actor) throws IOException {
        Filter filter = filter(organisation, query);
        int[] rows = { 0 };
        SpreadsheetCsv csv = SpreadsheetCsv.open(out, true, RosterCsv.EXPORT_HEADER.toArray(String[]::new));
        jdbc.sql("select " + COLUMNS + ", v.line_id_enc" + filter.where() + " order by a.joined_at, v.id")
                .params(filter.params())
                .query(rs -> {
                    csv.row(rs.getString(2), Contacts.displayPhone(personalData.decrypt(rs.getBytes(3))), personalData.decrypt(rs.getBytes(4)),
                            personalData.decrypt(rs.getBytes(13)), rs.getString(6), rs.getString(5), rs.getString(7), rs.getString(8),
                            rs.getString(9), rs.getString(10), rs.getTimestamp(11).toInstant().toString(),
                            rs.getTimestamp(12) != null ? "yes" : "no");
                    rows[0]++;
                });
        csv.flush();
        audit.record(actor, PersonalDataAudit.Action.EXPORT, null, organisation.value(), rows[0] + " volunteers");
        return rows[0];
    }
}
