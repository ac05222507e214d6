package org.khanaen.rewards;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.khanaen.accounts.AccountId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The sponsor table. */
@Repository
class Sponsors {

    private static final String COLUMNS = "id, account_id, name_th, name_en, about_th, about_en, website";

    private final JdbcClient jdbc;

    Sponsors(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(AccountId account, SponsorProfile p, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into sponsor (account_id, name_th, name_en, about_th, about_en, website, created_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(account.value(), p.nameTh(), p.nameEn(), p.aboutTh(), p.aboutEn(), p.website(), Timestamp.from(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void update(long id, SponsorProfile p) {
        jdbc.sql("update sponsor set name_th = ?, name_en = ?, about_th = ?, about_en = ?, website = ? where id = ?")
                .params(p.nameTh(), p.nameEn(), p.aboutTh(), p.aboutEn(), p.website(), id).update();
    }

    Optional<SponsorView> ofAccount(AccountId account) {
        return jdbc.sql("select " + COLUMNS + " from sponsor where account_id = ?").param(account.value()).query(Sponsors::map).optional();
    }

    Optional<SponsorView> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from sponsor where id = ?").param(id).query(Sponsors::map).optional();
    }

    List<SponsorView> all() {
        return jdbc.sql("select " + COLUMNS + " from sponsor order by name_en").query(Sponsors::map).list();
    }

    private static SponsorView map(ResultSet rs, int n) throws SQLException {
        return new SponsorView(new SponsorId(rs.getLong(1)), new AccountId(rs.getLong(2)), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7));
    }
}
