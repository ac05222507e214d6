package org.khanaen.accounts;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "account")
class Account {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 190)
    private String username;

    @Column(nullable = false, length = 200)
    private String displayName;

    @Column(nullable = false, length = 200)
    private String passwordHash;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "account_role", joinColumns = @JoinColumn(name = "account_id"))
    @Enumerated(EnumType.STRING)
    @Column(name = "role", length = 30, nullable = false)
    private Set<Role> roles = new HashSet<>();

    private boolean enabled;

    private boolean mustChangePassword;

    @Column(nullable = false)
    private Instant createdAt;

    private Instant passwordChangedAt;

    @Version
    private long version;

    protected Account() {
    }

    Account(String username, String displayName, String passwordHash, Set<Role> roles, boolean mustChangePassword) {
        this.username = username;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.roles = roles.isEmpty() ? new HashSet<>() : EnumSet.copyOf(roles);
        this.enabled = true;
        this.mustChangePassword = mustChangePassword;
        this.createdAt = Instant.now();
        this.passwordChangedAt = createdAt;
    }

    void changePassword(String newHash) {
        this.passwordHash = newHash;
        this.mustChangePassword = false;
        this.passwordChangedAt = Instant.now();
    }

    void addRole(Role role) {
        roles.add(role);
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    void anonymise(String username, String randomPasswordHash) {
        this.username = username;
        this.displayName = "—";
        this.passwordHash = randomPasswordHash;
        this.enabled = false;
        this.roles.clear();
    }

    String passwordHash() {
        return passwordHash;
    }

    LoginAccount toLogin() {
        return new LoginAccount(new AccountId(id), username, displayName, passwordHash,
                roles.isEmpty() ? Set.of() : EnumSet.copyOf(roles), enabled, mustChangePassword);
    }
}
