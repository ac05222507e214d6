package org.khanaen.elections;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface Constituencies extends Repository<Constituency, Long> {

    @EntityGraph(attributePaths = "province")
    List<Constituency> findByElectionIdOrderByProvinceCodeAscNumberAsc(String electionId);

    @EntityGraph(attributePaths = "province")
    List<Constituency> findByElectionIdAndProvinceCodeOrderByNumber(String electionId, String provinceCode);

    @EntityGraph(attributePaths = { "province", "zones", "zones.district" })
    Optional<Constituency> findByElectionIdAndCode(String electionId, String code);

    @EntityGraph(attributePaths = { "province", "zones", "zones.district" })
    Optional<Constituency> findByElectionIdAndId(String electionId, Long id);

    long countByElectionId(String electionId);

    @Query("select c.province.code, count(c) from Constituency c where c.electionId = :electionId group by c.province.code")
    List<Object[]> countPerProvince(String electionId);
}
