package org.khanaen.elections;

import java.util.List;
import java.util.Optional;
import org.springframework.data.repository.Repository;

interface Elections extends Repository<Election, String> {

    List<Election> findAllByOrderByDateDesc();

    Optional<Election> findById(String id);

    boolean existsById(String id);
}
