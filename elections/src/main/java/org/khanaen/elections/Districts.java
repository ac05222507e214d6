package org.khanaen.elections;

import org.springframework.data.repository.Repository;

interface Districts extends Repository<District, Long> {

    long countByElectionId(String electionId);

    @org.springframework.data.jpa.repository.EntityGraph(attributePaths = "province")
    java.util.List<District> findByElectionIdOrderByProvinceCodeAscCodeAsc(String electionId);
}
