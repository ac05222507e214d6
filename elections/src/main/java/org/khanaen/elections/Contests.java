package org.khanaen.elections;

import java.util.List;
import org.springframework.data.repository.Repository;

interface Contests extends Repository<Contest, Long> {

    List<Contest> findByElectionIdOrderByPosition(String electionId);
}
