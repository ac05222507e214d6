package org.khanaen.elections;

import java.util.List;
import org.springframework.data.repository.Repository;

interface Parties extends Repository<Party, Long> {

    List<Party> findByElectionIdOrderByBallotNumberAscCodeAsc(String electionId);

    long countByElectionId(String electionId);

    @org.springframework.data.jpa.repository.Query("select p.ballotNumber from Party p where p.electionId = :electionId and p.ballotNumber is not null")
    List<Integer> ballotNumbers(String electionId);
}
