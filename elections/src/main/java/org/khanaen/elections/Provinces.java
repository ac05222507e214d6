package org.khanaen.elections;

import java.util.List;
import org.springframework.data.repository.Repository;

interface Provinces extends Repository<Province, Long> {

    List<Province> findByElectionIdOrderByCode(String electionId);

    long countByElectionId(String electionId);
}
