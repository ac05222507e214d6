package org.khanaen.elections.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.khanaen.elections.importing.ZoneMatcher.District;
import org.khanaen.elections.importing.ZoneMatcher.How;

class ZoneMatcherTests {

    private static final List<District> PRACHUAP = List.of(new District("7701", "เมืองประจวบคีรีขันธ์"), new District("7702", "กุยบุรี"));
    private static final List<District> YALA = List.of(new District("9501", "เมืองยะลา"), new District("9508", "กรงปีนัง"), new District("9507", "กาบัง"));
    private static final List<District> NAKHON = List.of(new District("8001", "เมืองนครศรีธรรมราช"), new District("8002", "พรหมคีรี"));

    @Test
    void theDistrictNameIsWhatComesBeforeTheBracketWithoutItsPrefix() {
        assertThat(ZoneMatcher.districtName("เขตดุสิต (ยกเว้นแขวงถนนนครไชยศรี)")).isEqualTo("ดุสิต");
        assertThat(ZoneMatcher.districtName("อำเภอเมืองลำปาง (เฉพาะตำบลพิชัย (เทศบาลนครลำปาง))")).isEqualTo("เมืองลำปาง");
        assertThat(ZoneMatcher.isPartial("อำเภอเมืองลำปาง (เฉพาะตำบลพิชัย)")).isTrue();
        assertThat(ZoneMatcher.isPartial("เขตบางรัก")).isFalse();
    }

    @Test
    void aTruncatedNameMatchesTheOnlyDistrictItBegins() {
        assertThat(ZoneMatcher.match("อำเภอเมืองประจวบคีรีข (ยกเว้นตำบลห้วยทราย)", PRACHUAP))
                .hasValueSatisfying(m -> {
                    assertThat(m.districtCode()).isEqualTo("7701");
                    assertThat(m.how()).isEqualTo(How.TRUNCATED);
                });
    }

    @Test
    void theCapitalDistrictIsFoundWithoutItsMueangPrefix() {
        assertThat(ZoneMatcher.match("อำเภอนครศรีธรรมราช (เฉพาะเทศบาลนครนครศรีธรรมราช)", NAKHON))
                .hasValueSatisfying(m -> assertThat(m.districtCode()).isEqualTo("8001"));
    }

    @Test
    void aNearSpellingMatchesWhenOnlyOneDistrictIsThatClose() {
        assertThat(ZoneMatcher.match("อำเภอกรงปินัง", YALA))
                .hasValueSatisfying(m -> {
                    assertThat(m.districtCode()).isEqualTo("9508");
                    assertThat(m.how()).isEqualTo(How.NEAR_SPELLING);
                });
        assertThat(ZoneMatcher.match("อำเภอบางปะกง", YALA)).isEmpty();
    }

    @Test
    void everyZoneOfThe2023ConstituenciesIsMatchedToADistrictOfItsProvince() {
        var election = ReferenceBundles.th2566Definition();
        var zones = election.constituencies().stream().flatMap(c -> c.zones().stream()).toList();

        assertThat(zones).hasSize(1132); // 1,136 entries, 4 of them empty (a whole province)
        assertThat(zones).allSatisfy(z -> assertThat(z.districtCode()).as(z.text()).isNotNull());
    }
}
