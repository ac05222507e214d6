package org.khanaen.volunteers;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.CrudRepository;

interface Organisations extends CrudRepository<Organisation, Long> {

    Optional<Organisation> findBySlug(String slug);

    boolean existsBySlug(String slug);

    List<Organisation> findAllByOrderByNameTh();

    Optional<Organisation> findByApiTokenHash(String hash);

    @Query(value = "select o.* from organisation o join coordinator c on c.organisation_id = o.id where c.account_id = :accountId order by o.name_th",
            nativeQuery = true)
    List<Organisation> findCoordinatedBy(long accountId);
}
