package org.khanaen.elections;

import java.util.List;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface Candidates extends Repository<Candidate, Long> {

    @Query("""
            select c from Candidate c join fetch c.contest left join fetch c.constituency left join fetch c.party
            where c.constituency.id = :constituencyId order by c.contest.position, c.ballotNumber""")
    List<Candidate> findByConstituency(long constituencyId);

    @Query("""
            select c from Candidate c join fetch c.contest left join fetch c.party
            where c.contest.electionId = :electionId and c.constituency is null order by c.contest.position, c.ballotNumber""")
    List<Candidate> findElectionWide(String electionId);

    @Query("""
            select c from Candidate c join fetch c.contest left join fetch c.constituency left join fetch c.party
            where c.contest.electionId = :electionId order by c.contest.position, c.ballotNumber""")
    List<Candidate> findByElection(String electionId);

    @Query("select count(c) from Candidate c where c.contest.electionId = :electionId")
    long countByElectionId(String electionId);

    /** The numbers of a contest's candidates standing in this constituency, or over the whole election. */
    @Query("""
            select c.ballotNumber from Candidate c
            where c.contest.id = :contest and (c.constituency is null or c.constituency.id = :constituency)""")
    List<Integer> ballotNumbers(long contest, long constituency);
}
