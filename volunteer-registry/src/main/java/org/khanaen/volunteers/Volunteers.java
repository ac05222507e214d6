package org.khanaen.volunteers;

import java.util.Optional;


interface Volunteers extends org.springframework.data.jpa.repository.JpaRepository<Volunteer, Long> {

    Optional<Volunteer> findByEmailBidx(byte[] emailBidx);

    Optional<Volunteer> findByPhoneBidx(byte[] phoneBidx);

    Optional<Volunteer> findByAccountId(Long accountId);

    Optional<Volunteer> findByPseudonym(String pseudonym);
}
