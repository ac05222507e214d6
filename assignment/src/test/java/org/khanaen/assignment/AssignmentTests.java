package org.khanaen.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.GreatCircle;
import org.khanaen.elections.StationPoint;
import org.khanaen.volunteers.OrganisationDraft;
import org.khanaen.volunteers.OrganisationId;
import org.khanaen.volunteers.PartnerOrganisations;
import org.khanaen.volunteers.RosterEdits;
import org.khanaen.volunteers.VolunteerId;
import org.khanaen.volunteers.VolunteerInput;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;

/** The assignment module against the 2023 stations: each test works in its own province, so they do not meet. */
@SpringBootTest
class AssignmentTests {

    private static final String ELECTION = "th-2566";
    private static final AtomicInteger next = new AtomicInteger(50_000);

    @Autowired AutoAssignment auto;
    @Autowired ManualAssignments manual;
    @Autowired AssignmentResponses responses;
    @Autowired Assignments assignments;
    @Autowired AssignmentLinks links;
    @Autowired Coverage coverage;
    @Autowired ElectionCatalog catalog;
    @Autowired PartnerOrganisations organisations;
    @Autowired RosterEdits roster;
    @Autowired SampleStations sampleStations;

    private OrganisationId organisation(String slug) {
        return organisations.create(new OrganisationDraft(slug, "องค์กร " + slug, "Org " + slug, null, null, null)).id();
    }

    private List<VolunteerId> volunteers(OrganisationId org, int count, String role, String availability, String... districts) {
        List<VolunteerId> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = next.incrementAndGet();
            ids.add(roster.add(org, new VolunteerInput("อาสา " + thai(n), "08" + String.format("%08d", 20_000_000 + n), "a" + n + "@example.org",
                    null, districts[i % districts.length], role, availability), "test").orElseThrow());
        }
        return ids;
    }

    /** Names have no digits: the number in Thai letters. */
    private static String thai(int n) {
        StringBuilder name = new StringBuilder();
        for (char c : String.valueOf(n).toCharArray()) {
            name.append("กขคงจฉชซฌญ".charAt(c - '0'));
        }
        return name.toString();
    }

    private List<StationPoint> stationsOf(String constituency) {
        return catalog.stationPoints(ELECTION).stream().filter(s -> s.constituencyCode().equals(constituency)).toList();
    }

    private RunView run(String constituency, RunRequest.Mode mode) {
        return auto.runAndWait(new RunRequest(ELECTION, RunRequest.Scope.CONSTITUENCY, constituency, null, mode, "test"));
    }

    private String link(AssignmentId id) {
        return links.sign(id, assignments.nonce(id).orElseThrow(), AssignmentLinks.Purpose.RESPOND);
    }

    @Test
    void fillsEveryStationWithAPrimaryBeforeAnyBackupAndReportsWhyTheRestStayEmpty() {
        OrganisationId org = organisation("ranong");
        int stations = stationsOf("RNG_1").size();
        volunteers(org, stations - 20, "STATION", "ALL_DAY", "8501", "8502", "8503", "8504", "8505");
        volunteers(org, 5, "STATION", "STANDBY", "8501");

        RunView first = run("RNG_1", RunRequest.Mode.FILL);

        RunReport report = first.report();
        assertThat(first.status()).isEqualTo(RunView.Status.DONE);
        assertThat(report.stations()).isEqualTo(stations);
        assertThat(report.withPrimary()).isEqualTo(stations - 20);
        assertThat(report.primariesPlaced()).isEqualTo(stations - 20);
        // standby volunteers are only ever backups, and backups only where there is a primary
        assertThat(report.backupsPlaced()).isEqualTo(5);
        assertThat(report.emptyStations()).containsEntry("volunteers-ran-out", 20);
        assertThat(report.meanKm()).isPositive();
        assertThat(report.p95Km()).isGreaterThanOrEqualTo(report.meanKm());
        assertThat(report.lowerBoundKm()).isLessThanOrEqualTo(report.meanKm());
        assertThat(report.stationBoundKm()).isLessThanOrEqualTo(report.meanKm());

        var rows = coverage.byConstituency(ELECTION, Optional.of("RNG"));
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.withPrimary()).isEqualTo(stations - 20);
            assertThat(r.withBackup()).isEqualTo(5);
        });
    }

    @Test
    void theQuickCountsSampleStationsGetTheirBackupsBeforeAnyOtherStation() {
        OrganisationId org = organisation("mukdahan");
        List<StationPoint> stations = stationsOf("MDH_1");
        volunteers(org, stations.size() + 2, "STATION", "ALL_DAY", "4901");
        // the two stations farthest from where everyone lives: left to distance alone, their backups would go elsewhere
        List<Long> sample = stations.stream()
                .sorted(java.util.Comparator.comparingDouble((StationPoint s) -> -GreatCircle.km(16.5329169, 104.6121475,
                        s.latitude(), s.longitude())))
                .limit(2).map(StationPoint::id).toList();
        sampleStations.replace(ELECTION, sample);
        try {
            RunView done = run("MDH_1", RunRequest.Mode.FILL);

            assertThat(done.report().withPrimary()).isEqualTo(stations.size());
            assertThat(done.report().sample()).isEqualTo(new RunReport.SampleCover(2, 2, 2));
            assertThat(assignments.ofElection(ELECTION).stream().filter(a -> a.tier() == Tier.STATION && a.position() == 2)
                    .filter(a -> stations.stream().anyMatch(s -> s.id() == a.placeId())).map(AssignmentView::placeId))
                    .containsExactlyInAnyOrderElementsOf(sample);
        } finally {
            sampleStations.replace(ELECTION, List.of());
        }
    }

    @Test
    void pinnedAssignmentsSurviveARePlanAndOthersMayMove() {
        OrganisationId org = organisation("samut-songkhram");
        List<VolunteerId> people = volunteers(org, 60, "STATION", "ALL_DAY", "7501", "7502", "7503");
        run("SKM_1", RunRequest.Mode.FILL);
        List<AssignmentView> before = people.stream().map(v -> assignments.ofVolunteer(ELECTION, v).orElseThrow()).toList();

        AssignmentView confirmed = before.get(0);
        assertThat(responses.answer(link(confirmed.id()), AssignmentResponses.Answer.CONFIRM, null)).isTrue();
        AssignmentView moved = before.get(1);
        long freeStation = stationsOf("SKM_1").stream().map(StationPoint::id)
                .filter(id -> assignments.at(ELECTION, Tier.STATION, id, 1).isEmpty()).findFirst().orElseThrow();
        manual.move(moved.id(), ManualAssignments.Place.station(freeStation, StationRole.PRIMARY), "coordinator", "lives next door");

        RunView replan = run("SKM_1", RunRequest.Mode.REPLAN);

        assertThat(replan.report().released()).isEqualTo(58);
        AssignmentView confirmedAfter = assignments.ofVolunteer(ELECTION, confirmed.volunteer()).orElseThrow();
        assertThat(confirmedAfter.id()).isEqualTo(confirmed.id());
        assertThat(confirmedAfter.placeId()).isEqualTo(confirmed.placeId());
        assertThat(confirmedAfter.state()).isEqualTo(AssignmentView.State.CONFIRMED);
        AssignmentView movedAfter = assignments.ofVolunteer(ELECTION, moved.volunteer()).orElseThrow();
        assertThat(movedAfter.placeId()).isEqualTo(freeStation);
        assertThat(movedAfter.source()).isEqualTo(AssignmentView.Source.MANUAL);
        // everyone is placed again, nobody twice
        assertThat(people).allSatisfy(v -> assertThat(assignments.ofVolunteer(ELECTION, v)).isPresent());

        // FILL after that changes nothing at all
        Map<VolunteerId, Long> places = people.stream().collect(Collectors.toMap(Function.identity(),
                v -> assignments.ofVolunteer(ELECTION, v).orElseThrow().placeId()));
        RunView fill = run("SKM_1", RunRequest.Mode.FILL);
        assertThat(fill.report().primariesPlaced() + fill.report().backupsPlaced() + fill.report().released()).isZero();
        assertThat(people).allSatisfy(v -> assertThat(assignments.ofVolunteer(ELECTION, v).orElseThrow().placeId()).isEqualTo(places.get(v)));
    }

    @Test
    void decliningFreesTheSlotForTheNextRunWhichDoesNotOfferItToTheSamePersonAgain() {
        OrganisationId org = organisation("sing-buri");
        List<VolunteerId> people = volunteers(org, 3, "STATION", "ALL_DAY", "1701");
        run("SBR_1", RunRequest.Mode.FILL);
        AssignmentView declined = assignments.ofVolunteer(ELECTION, people.get(0)).orElseThrow();

        assertThat(responses.answer(link(declined.id()), AssignmentResponses.Answer.DECLINE, "sick")).isTrue();

        assertThat(assignments.find(declined.id())).isEmpty();
        assertThat(assignments.at(ELECTION, Tier.STATION, declined.placeId(), declined.position())).isEmpty();
        VolunteerId newcomer = volunteers(org, 1, "STATION", "ALL_DAY", "1701").get(0);
        RunView next = run("SBR_1", RunRequest.Mode.FILL);
        assertThat(next.report().unplacedVolunteers()).containsEntry("declined", 1);
        assertThat(assignments.ofVolunteer(ELECTION, people.get(0))).isEmpty();
        assertThat(assignments.ofVolunteer(ELECTION, newcomer)).isPresent();
        // three primaries again: the freed slot (or one as near) went to the newcomer
        assertThat(next.report().withPrimary()).isEqualTo(3);
    }

    @Test
    void linksWorkOnceAndCannotBeForged() {
        OrganisationId org = organisation("trat");
        VolunteerId person = volunteers(org, 1, "STATION", "ALL_DAY", "2301").get(0);
        run("TRT_1", RunRequest.Mode.FILL);
        AssignmentView a = assignments.ofVolunteer(ELECTION, person).orElseThrow();
        String token = link(a.id());

        String forgedSignature = token.substring(0, token.lastIndexOf('.') + 1) + "A".repeat(43);
        String otherAssignment = (a.id().value() + 1) + token.substring(token.indexOf('.'));
        assertThat(responses.answer(forgedSignature, AssignmentResponses.Answer.DECLINE, null)).isFalse();
        assertThat(responses.answer(otherAssignment, AssignmentResponses.Answer.DECLINE, null)).isFalse();
        assertThat(responses.offer(forgedSignature, java.util.Locale.ENGLISH)).isEmpty();
        assertThat(responses.offer(token, java.util.Locale.ENGLISH)).isPresent();

        assertThat(responses.answer(token, AssignmentResponses.Answer.CONFIRM, null)).isTrue();
        assertThat(responses.answer(token, AssignmentResponses.Answer.DECLINE, null)).isFalse();
        assertThat(responses.offer(token, java.util.Locale.ENGLISH)).isEmpty();
        assertThat(assignments.find(a.id()).orElseThrow().state()).isEqualTo(AssignmentView.State.CONFIRMED);
    }

    @Test
    void nobodyIsDoubleBookedUnderConcurrentManualEdits() throws Exception {
        OrganisationId org = organisation("chachoengsao");
        List<VolunteerId> people = volunteers(org, 8, "STATION", "ALL_DAY", "2401");
        List<StationPoint> stations = stationsOf("CCO_1");

        // one volunteer, eight stations at once: one wins
        List<Callable<Boolean>> sameVolunteer = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            long station = stations.get(i).id();
            sameVolunteer.add(() -> attempt(() -> manual.assign(ELECTION, people.get(0), ManualAssignments.Place.station(station, StationRole.PRIMARY), "lead")));
        }
        assertThat(concurrently(sameVolunteer)).isEqualTo(1);

        // seven volunteers, one slot at once: one wins
        long slot = stations.get(20).id();
        List<Callable<Boolean>> sameSlot = new ArrayList<>();
        for (int i = 1; i < 8; i++) {
            VolunteerId v = people.get(i);
            sameSlot.add(() -> attempt(() -> manual.assign(ELECTION, v, ManualAssignments.Place.station(slot, StationRole.PRIMARY), "coordinator")));
        }
        assertThat(concurrently(sameSlot)).isEqualTo(1);
        assertThat(people.stream().filter(v -> assignments.ofVolunteer(ELECTION, v).isPresent())).hasSize(2);
    }

    @Test
    void swapsTwoVolunteersAndMovesABackupIntoPlace() {
        OrganisationId org = organisation("nakhon-nayok");
        List<VolunteerId> people = volunteers(org, 3, "STATION", "ALL_DAY", "2601");
        List<StationPoint> stations = stationsOf("NYK_1");
        AssignmentId a = manual.assign(ELECTION, people.get(0), ManualAssignments.Place.station(stations.get(0).id(), StationRole.PRIMARY), "c");
        AssignmentId b = manual.assign(ELECTION, people.get(1), ManualAssignments.Place.station(stations.get(1).id(), StationRole.PRIMARY), "c");
        AssignmentId backup = manual.assign(ELECTION, people.get(2), ManualAssignments.Place.station(stations.get(0).id(), StationRole.BACKUP), "c");

        manual.swap(a, b, "lead", "closer to home");
        assertThat(assignments.find(a).orElseThrow().placeId()).isEqualTo(stations.get(1).id());
        assertThat(assignments.find(b).orElseThrow().placeId()).isEqualTo(stations.get(0).id());

        manual.backupIntoPlace(ELECTION, stations.get(0).id(), "lead");
        assertThat(assignments.find(backup).orElseThrow().position()).isEqualTo(StationRole.PRIMARY.position());
        assertThat(assignments.find(b).orElseThrow().position()).isEqualTo(StationRole.BACKUP.position());

        assertThatThrownBy(() -> manual.assign(ELECTION, people.get(0), ManualAssignments.Place.station(stations.get(5).id(), StationRole.PRIMARY), "c"))
                .isInstanceOf(AssignmentProblem.class).hasMessage("assignment.problem.already-assigned");
    }

    @Test
    void anOrganisationsPlacedVolunteersArePagedAndFoundByStationConstituencyOrName() {
        OrganisationId org = organisation("phang-nga");
        OrganisationId other = organisation("phang-nga-other");
        List<VolunteerId> people = volunteers(org, 3, "STATION", "ALL_DAY", "8201");
        VolunteerId stranger = volunteers(other, 1, "STATION", "ALL_DAY", "8201").get(0);
        List<StationPoint> stations = stationsOf("PNA_1");
        long lead = catalog.constituency(ELECTION, "PNA_1").orElseThrow().id();
        manual.assign(ELECTION, people.get(0), ManualAssignments.Place.station(stations.get(0).id(), StationRole.PRIMARY), "c");
        manual.assign(ELECTION, people.get(1), ManualAssignments.Place.station(stations.get(1).id(), StationRole.BACKUP), "c");
        manual.assign(ELECTION, people.get(2), new ManualAssignments.Place(Tier.CONSTITUENCY_LEAD, lead, 1), "c");
        manual.assign(ELECTION, stranger, ManualAssignments.Place.station(stations.get(2).id(), StationRole.PRIMARY), "c");
        String firstCode = catalog.station(stations.get(0).id()).orElseThrow().code();

        var all = coverage.ofOrganisation(ELECTION, org.value(), Optional.empty(), PageRequest.of(0, 2));
        assertThat(all.getTotalElements()).isEqualTo(3);
        assertThat(all.getContent()).hasSize(2);
        // leads first (by tier), then stations by place
        assertThat(all.getContent().get(0).place()).isEqualTo("PNA_1");
        assertThat(all.getContent().get(1).place()).isEqualTo(firstCode);
        assertThat(all.getContent().get(1).assignment().stationRole()).isEqualTo(StationRole.PRIMARY);
        var second = coverage.ofOrganisation(ELECTION, org.value(), Optional.empty(), PageRequest.of(1, 2));
        assertThat(second.getContent()).singleElement().satisfies(p -> assertThat(p.assignment().volunteer()).isEqualTo(people.get(1)));

        var byStation = coverage.ofOrganisation(ELECTION, org.value(), Optional.of(" " + firstCode.toLowerCase() + " "),
                PageRequest.of(0, 100));
        assertThat(byStation.getContent()).extracting(p -> p.assignment().volunteer()).containsExactly(people.get(0));
        var byConstituency = coverage.ofOrganisation(ELECTION, org.value(), Optional.of("PNA_1"),
                PageRequest.of(0, 100));
        assertThat(byConstituency.getTotalElements()).isEqualTo(3); // the stranger belongs to the other organisation
        String name = byConstituency.getContent().get(2).name();
        var byName = coverage.ofOrganisation(ELECTION, org.value(), Optional.of(name.substring(5)),
                PageRequest.of(0, 100));
        assertThat(byName.getContent()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo(name);
            assertThat(p.assignment().volunteer()).isEqualTo(people.get(1));
        });
        assertThat(coverage.ofOrganisation(ELECTION, org.value(), Optional.of("nobody by this name"),
                PageRequest.of(0, 100)).getTotalElements()).isZero();
    }

    @Test
    void aRunAfterADropOutMovesTheBackupUpAndChangesNothingElse() {
        OrganisationId org = organisation("ang-thong");
        List<VolunteerId> people = volunteers(org, 3, "STATION", "ALL_DAY", "1501");
        long station = stationsOf("ATG_1").get(0).id();
        AssignmentId primary = manual.assign(ELECTION, people.get(0), ManualAssignments.Place.station(station, StationRole.PRIMARY), "c");
        AssignmentId backup = manual.assign(ELECTION, people.get(1), ManualAssignments.Place.station(station, StationRole.BACKUP), "c");
        AssignmentId other = manual.assign(ELECTION, people.get(2), ManualAssignments.Place.station(stationsOf("ATG_1").get(1).id(), StationRole.PRIMARY), "c");
        AssignmentView otherBefore = assignments.find(other).orElseThrow();

        manual.release(primary, "coordinator", "moved abroad");
        RunView run = run("ATG_1", RunRequest.Mode.FILL);

        assertThat(run.report().promoted()).isEqualTo(1);
        AssignmentView stepped = assignments.find(backup).orElseThrow();
        assertThat(stepped.placeId()).isEqualTo(station);
        assertThat(stepped.position()).isEqualTo(StationRole.PRIMARY.position());
        assertThat(assignments.find(other).orElseThrow()).isEqualTo(otherBefore);
    }

    private static boolean attempt(Runnable edit) {
        try {
            edit.run();
            return true;
        } catch (AssignmentProblem e) {
            return false;
        }
    }

    private static int concurrently(List<Callable<Boolean>> tasks) throws Exception {
        var pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
            for (Callable<Boolean> task : tasks) {
                results.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            int won = 0;
            for (var r : results) {
                won += r.get() ? 1 : 0;
            }
            return won;
        } finally {
            pool.shutdown();
        }
    }
}
