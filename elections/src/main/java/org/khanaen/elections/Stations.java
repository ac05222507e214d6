package org.khanaen.elections;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface Stations extends Repository<Station, Long> {

    @Query(value = """
            select s from Station s join fetch s.constituency c join fetch c.province left join fetch s.district
            where s.electionId = :electionId order by c.province.code, c.number, s.number""",
            countQuery = "select count(s) from Station s where s.electionId = :electionId")
    Page<Station> findByElection(String electionId, Pageable page);

    @Query(value = """
            select s from Station s join fetch s.constituency c join fetch c.province left join fetch s.district
            where s.electionId = :electionId and c.code = :constituencyCode order by s.number""",
            countQuery = "select count(s) from Station s where s.electionId = :electionId and s.constituency.code = :constituencyCode")
    Page<Station> findByConstituency(String electionId, String constituencyCode, Pageable page);

    @Query("""
            select s from Station s join fetch s.constituency c join fetch c.province left join fetch s.district
            where s.id = :id""")
    Optional<Station> findWithPlaces(long id);

    /** Served by the unique key (election_id, code): coordinators type codes, not ids. */
    @Query("""
            select s from Station s join fetch s.constituency c join fetch c.province left join fetch s.district
            where s.electionId = :electionId and s.code = :code""")
    Optional<Station> findByCode(String electionId, String code);

    long countByElectionId(String electionId);

    @Query("""
            select new org.khanaen.elections.StationPoint(s.id, c.id, c.code, c.province.code, s.latitude, s.longitude, s.priority,
              s.registeredVoters, s.electionId)
            from Station s join s.constituency c where s.electionId = :electionId order by s.id""")
    List<StationPoint> points(String electionId);

    @Query("""
            select new org.khanaen.elections.StationPoint(s.id, c.id, c.code, c.province.code, s.latitude, s.longitude, s.priority,
              s.registeredVoters, s.electionId)
            from Station s join s.constituency c where s.id = :id""")
    Optional<StationPoint> point(long id);

    @Query("select s.id, s.code from Station s where s.electionId = :electionId")
    List<Object[]> codes(String electionId);

    @Query("select s.constituency.id, count(s) from Station s where s.electionId = :electionId group by s.constituency.id")
    List<Object[]> countPerConstituency(String electionId);

    @Query("select count(s) from Station s where s.constituency.id = :constituencyId")
    long countInConstituency(long constituencyId);

    @Query("select s.constituency.province.code, count(s) from Station s where s.electionId = :electionId group by s.constituency.province.code")
    List<Object[]> countPerProvince(String electionId);
}
