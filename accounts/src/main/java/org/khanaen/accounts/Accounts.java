package org.khanaen.accounts;

import java.util.Optional;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.CrudRepository;

interface Accounts extends CrudRepository<Account, Long> {

    Optional<Account> findByUsername(String username);

    boolean existsByUsername(String username);

    @Query("select count(a) > 0 from Account a join a.roles r where r = :role and a.enabled = true")
    boolean anyEnabledWithRole(Role role);
}
