package org.khanaen.assignment;

import java.util.List;
import java.util.Optional;

import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.GreatCircle;
import org.khanaen.elections.StationView;
import org.khanaen.volunteers.AssignmentStatus;
import org.khanaen.volunteers.VolunteerId;
import org.khanaen.volunteers.VolunteerPool;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Placing, moving, swapping and releasing by hand (coordinators, constituency leads, administrators).
 * The web layer checks who may touch which volunteer and place; this class keeps the rules that hold
 * for everyone: a volunteer in one place per election, one person per slot, every change in the history.
 */
@Service
public class ManualAssignments {

    /** Where to put someone: a station slot, a constituency's lead role, or a war-room seat. */
    public record Place(Tier tier, long placeId, int position) {

        public static Place station(long stationId, StationRole role) {
            return new Place(Tier.STATION, stationId, role.position());
        }
    }

    private final Assignments assignments;
    private final VolunteerPool pool;
    private final ElectionCatalog catalog;
    private final WarRoomShifts shifts;
    private final AssignmentProperties properties;
    private final AssignmentNotices notices;
    private final PlaceDescriptions places;

    ManualAssignments(Assignments assignments, VolunteerPool pool, ElectionCatalog catalog, WarRoomShifts shifts,
            AssignmentProperties properties, AssignmentNotices notices, PlaceDescriptions places) {
        this.assignments = assignments;
        this.pool = pool;
        this.catalog = catalog;
        this.shifts = shifts;
        this.properties = properties;
        this.notices = notices;
        this.places = places;
    }

    private record Resolved(Long constituencyId, String provinceCode, double latitude, double longitude) {
    }

    private Resolved resolve(String electionId, Place place) {
        return switch (place.tier()) {
            case STATION -> {
                if (place.position() != 1 && place.position() != 2) {
                    throw new AssignmentProblem("assignment.problem.position");
                }
                StationView s = catalog.station(place.placeId()).filter(v -> v.electionId().equals(electionId))
                        .orElseThrow(() -> new AssignmentProblem("assignment.problem.no-station", place.placeId()));
                long constituency = catalog.constituency(electionId, s.constituency()).orElseThrow().id();
                yield new Resolved(constituency, s.province(), s.latitude(), s.longitude());
            }
            case CONSTITUENCY_LEAD -> {
                if (place.position() < 1 || place.position() > properties.leadsPerConstituency()) {
                    throw new AssignmentProblem("assignment.problem.position");
                }
                var c = catalog.constituency(electionId, place.placeId())
                        .orElseThrow(() -> new AssignmentProblem("assignment.problem.no-constituency", place.placeId()));
                var points = catalog.stationPoints(electionId).stream().filter(p -> p.constituencyId() == c.id()).toList();
                yield new Resolved(c.id(), c.province().code(), points.stream().mapToDouble(p -> p.latitude()).average().orElse(0),
                        points.stream().mapToDouble(p -> p.longitude()).average().orElse(0));
            }
            case WAR_ROOM -> {
                var shift = shifts.find(place.placeId()).filter(s -> s.electionId().equals(electionId))
                        .orElseThrow(() -> new AssignmentProblem("assignment.problem.no-shift", place.placeId()));
                if (place.position() < 1 || place.position() > shift.seats()) {
                    throw new AssignmentProblem("assignment.problem.position");
                }
                yield new Resolved(null, null, properties.warRoomLatitude(), properties.warRoomLongitude());
            }
        };
    }

    /** Places a volunteer; mails them at once (a person chose this, there is nothing to review). */
    @Transactional
    public AssignmentId assign(String electionId, VolunteerId volunteer, Place place, String actor) {
        VolunteerPool.Member member = pool.member(electionId, volunteer)
                .orElseThrow(() -> new AssignmentProblem("assignment.problem.not-assignable"));
        Resolved where = resolve(electionId, place);
        if (assignments.ofVolunteer(electionId, volunteer).isPresent()) {
            throw new AssignmentProblem("assignment.problem.already-assigned");
        }
        if (assignments.at(electionId, place.tier(), place.placeId(), place.position()).isPresent()) {
            throw new AssignmentProblem("assignment.problem.slot-taken");
        }
        Double km = distance(electionId, member, where);
        boolean inserted;
        try {
            inserted = assignments.insert(new Assignments.NewAssignment(electionId, volunteer.value(), member.organisation().value(),
                    place.tier(), place.placeId(), place.position(), where.constituencyId(), where.provinceCode(),
                    AssignmentView.Source.MANUAL, km, null, AssignmentLinks.newNonce(), actor));
        } catch (DuplicateKeyException e) {
            inserted = false;
        }
        // Two people placing at once: the unique keys let one through; the other learns which rule it broke.
        boolean won = inserted;
        AssignmentView created = assignments.ofVolunteer(electionId, volunteer)
                .filter(a -> won && a.tier() == place.tier() && a.placeId() == place.placeId() && a.position() == place.position())
                .orElseThrow(() -> assignments.ofVolunteer(electionId, volunteer).isPresent()
                        ? new AssignmentProblem("assignment.problem.already-assigned")
                        : new AssignmentProblem("assignment.problem.slot-taken"));
        assignments.clearDecline(electionId, volunteer);
        assignments.history(created, "ASSIGNED", actor, null);
        pool.assignmentStatus(List.of(volunteer), AssignmentStatus.ASSIGNED);
        notices.assigned(created.id());
        return created.id();
    }

    /** Moves someone to another place (a reassignment): a fresh answer is asked of them. */
    @Transactional
    public void move(AssignmentId id, Place place, String actor, String reason) {
        AssignmentView a = assignments.lock(id).orElseThrow(() -> new AssignmentProblem("assignment.problem.not-found"));
        Resolved where = resolve(a.electionId(), place);
        Optional<AssignmentView> occupant = assignments.at(a.electionId(), place.tier(), place.placeId(), place.position());
        if (occupant.isPresent()) {
            throw new AssignmentProblem(occupant.get().id().equals(id) ? "assignment.problem.same-place" : "assignment.problem.slot-taken");
        }
        Double km = pool.member(a.electionId(), a.volunteer()).map(m -> distance(a.electionId(), m, where)).orElse(null);
        try {
            assignments.move(id, place.tier(), place.placeId(), place.position(), where.constituencyId(), where.provinceCode(), km,
                    AssignmentLinks.newNonce(), actor);
        } catch (DuplicateKeyException e) {
            throw new AssignmentProblem("assignment.problem.slot-taken");
        }
        assignments.history(a, "MOVED", actor, reason);
        pool.assignmentStatus(List.of(a.volunteer()), AssignmentStatus.ASSIGNED);
        notices.assigned(id);
    }

    /**
     * Two volunteers exchange places. Both rows are locked in id order (no deadlock between two swaps),
     * and one goes through a parking position so the slot key never sees two people in one slot.
     */
    @Transactional
    public void swap(AssignmentId first, AssignmentId second, String actor, String reason) {
        if (first.equals(second)) {
            throw new AssignmentProblem("assignment.problem.same-place");
        }
        AssignmentId low = first.value() < second.value() ? first : second;
        AssignmentId high = low == first ? second : first;
        AssignmentView a = assignments.lock(low).orElseThrow(() -> new AssignmentProblem("assignment.problem.not-found"));
        AssignmentView b = assignments.lock(high).orElseThrow(() -> new AssignmentProblem("assignment.problem.not-found"));
        if (!a.electionId().equals(b.electionId())) {
            throw new AssignmentProblem("assignment.problem.other-election");
        }
        Resolved whereA = resolve(a.electionId(), new Place(a.tier(), a.placeId(), a.position()));
        Resolved whereB = resolve(b.electionId(), new Place(b.tier(), b.placeId(), b.position()));
        assignments.reposition(a.id(), (int) -a.id().value());
        assignments.move(b.id(), a.tier(), a.placeId(), a.position(), whereA.constituencyId(), whereA.provinceCode(),
                pool.member(b.electionId(), b.volunteer()).map(m -> distance(b.electionId(), m, whereA)).orElse(null), AssignmentLinks.newNonce(), actor);
        assignments.move(a.id(), b.tier(), b.placeId(), b.position(), whereB.constituencyId(), whereB.provinceCode(),
                pool.member(a.electionId(), a.volunteer()).map(m -> distance(a.electionId(), m, whereB)).orElse(null), AssignmentLinks.newNonce(), actor);
        assignments.history(a, "SWAPPED", actor, reason);
        assignments.history(b, "SWAPPED", actor, reason);
        notices.assigned(a.id());
        notices.assigned(b.id());
    }

    /** Election day: the primary has not come; the backup takes the slot, the primary becomes the backup. */
    @Transactional
    public void backupIntoPlace(String electionId, long stationId, String actor) {
        List<AssignmentView> at = assignments.atPlace(electionId, Tier.STATION, stationId);
        AssignmentView backup = at.stream().filter(a -> a.position() == StationRole.BACKUP.position()).findFirst()
                .orElseThrow(() -> new AssignmentProblem("assignment.problem.no-backup"));
        Optional<AssignmentView> primary = at.stream().filter(a -> a.position() == StationRole.PRIMARY.position()).findFirst();
        assignments.lock(backup.id());
        primary.ifPresent(p -> {
            assignments.lock(p.id());
            assignments.reposition(p.id(), (int) -p.id().value());
        });
        assignments.reposition(backup.id(), StationRole.PRIMARY.position());
        primary.ifPresent(p -> assignments.reposition(p.id(), StationRole.BACKUP.position()));
        assignments.history(backup, "PROMOTED", actor, "backup into place");
        primary.ifPresent(p -> assignments.history(p, "DEMOTED", actor, "had not checked in"));
    }

    /** Takes a volunteer off their place; the slot is free for the next run or a person. */
    @Transactional
    public void release(AssignmentId id, String actor, String reason) {
        AssignmentView a = assignments.lock(id).orElseThrow(() -> new AssignmentProblem("assignment.problem.not-found"));
        assignments.delete(id);
        assignments.history(a, "UNASSIGNED", actor, reason);
        pool.assignmentStatus(List.of(a.volunteer()), AssignmentStatus.UNASSIGNED);
    }

    private Double distance(String electionId, VolunteerPool.Member member, Resolved where) {
        return places.homes(electionId).of(member)
                .map(h -> Math.round(GreatCircle.km(h.latitude(), h.longitude(), where.latitude(), where.longitude()) * 1000) / 1000.0)
                .orElse(null);
    }
}
