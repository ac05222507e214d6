package org.khanaen.elections;

import java.util.List;
import org.springframework.data.repository.Repository;

interface Parties extends Repository<Party, Long> {

    List<Party> findByElectionIdOrderByBallotNumberAscCodeAsc(String electionId);

    long countByElectionId(String electionId);
}
