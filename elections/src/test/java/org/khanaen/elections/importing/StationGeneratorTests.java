package org.khanaen.elections.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.khanaen.elections.GreatCircle;
import org.khanaen.elections.importing.ElectionDefinition.ConstituencyDef;
import org.khanaen.elections.importing.ElectionDefinition.DistrictDef;
import org.khanaen.elections.importing.ElectionDefinition.Generated;
import org.khanaen.elections.importing.ElectionDefinition.StationDef;

import java.util.List;

class StationGeneratorTests {

    static ElectionDefinition election;
    static Generated plan;
    static List<StationDef> stations;

    @BeforeAll
    static void generate() {
        election = ReferenceBundles.th2566Definition();
        plan = (Generated) election.stations();
        stations = StationGenerator.generate(election, plan, new Problems());
    }

    @Test
    void theNationHasAbout95000StationsOfAbout550Voters() {
        assertThat(plan.seed()).isEqualTo(2566);
        assertThat(stations).hasSizeBetween(92_150, 97_850);
        long expected = election.constituencies().stream().mapToLong(c -> Math.round(c.registeredVoters() / 550.0)).sum();
        assertThat(stations).hasSize((int) expected);
        assertThat(stations).allSatisfy(s -> assertThat(s.registeredVoters()).isBetween(250, 800));
    }

    @Test
    void eachConstituencysStationsShareExactlyItsRegisteredVoters() {
        Map<String, Long> sums = stations.stream().collect(Collectors.groupingBy(StationDef::constituencyCode,
                Collectors.summingLong(StationDef::registeredVoters)));
        assertThat(election.constituencies()).allSatisfy(c -> assertThat(sums.get(c.code())).as(c.code()).isEqualTo(c.registeredVoters()));
        assertThat(stations.stream().mapToLong(StationDef::registeredVoters).sum()).isEqualTo(52_195_920L);
    }

    @Test
    void theSameSeedGivesTheSameStations() {
        var again = StationGenerator.generate(election, plan, new Problems());
        assertThat(again).isEqualTo(stations);
    }

    @Test
    void anotherSeedPlacesThemElsewhereButCountsTheSame() {
        var other = StationGenerator.generate(election, new Generated(plan.origin(), 7, plan.votersPerStation(), null), new Problems());
        assertThat(other).hasSameSizeAs(stations);
        assertThat(other.get(0).code()).isEqualTo(stations.get(0).code());
        assertThat(other.get(0).latitude()).isNotEqualTo(stations.get(0).latitude());
    }

    @Test
    void stationsStandNearTheirDistrictCentre() {
        Map<String, DistrictDef> districts = election.districts().stream().collect(Collectors.toMap(DistrictDef::code, Function.identity()));
        assertThat(stations).allSatisfy(s -> {
            DistrictDef d = districts.get(s.districtCode());
            if (d.latitude() != null) {
                assertThat(GreatCircle.km(s.latitude(), s.longitude(), d.latitude(), d.longitude())).as(s.code()).isLessThan(22);
            }
        });
    }

    @Test
    void stationCodesAreNumberedWithinTheirConstituency() {
        assertThat(stations.stream().map(StationDef::code)).doesNotHaveDuplicates().contains("BKK_1-001", "NST_8-001");
        ConstituencyDef bkk1 = election.constituencies().stream().filter(c -> c.code().equals("BKK_1")).findFirst().orElseThrow();
        long inBkk1 = stations.stream().filter(s -> s.constituencyCode().equals("BKK_1")).count();
        assertThat(inBkk1).isEqualTo(Math.round(bkk1.registeredVoters() / 550.0));
    }
}
