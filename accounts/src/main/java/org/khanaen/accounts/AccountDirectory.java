package org.khanaen.accounts;

import java.util.Locale;
import java.util.Optional;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The accounts module's API: create accounts, look them up for sign-in, change passwords. */
@Service
public class AccountDirectory {

    private final Accounts accounts;
    private final PasswordEncoder passwords;

    AccountDirectory(Accounts accounts, PasswordEncoder passwords) {
        this.accounts = accounts;
        this.passwords = passwords;
    }

    /** Usernames compare without case and surrounding spaces, as people type them. */
    public static String normalise(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    @Transactional
    public AccountId create(NewAccount account) {
        String username = normalise(account.username());
        if (username.isEmpty() || username.length() > 190) {
            throw new AccountProblem("account.username.invalid", "A username needs 1 to 190 characters");
        }
        if (account.displayName() == null || account.displayName().isBlank() || account.displayName().length() > 200) {
            throw new AccountProblem("account.display-name.invalid", "A display name needs 1 to 200 characters");
        }
        PasswordPolicy.check(username, account.password(), account.roles());
        if (accounts.existsByUsername(username)) {
            throw new AccountProblem("account.username.taken", "The username " + username + " is taken");
        }
        Account saved = accounts.save(new Account(username, account.displayName().strip(),
                passwords.encode(account.password()), account.roles(), account.mustChangePassword()));
        return saved.toLogin().id();
    }

    @Transactional(readOnly = true)
    public Optional<LoginAccount> findForLogin(String username) {
        return accounts.findByUsername(normalise(username)).map(Account::toLogin);
    }

    @Transactional(readOnly = true)
    public boolean anyEnabledWithRole(Role role) {
        return accounts.anyEnabledWithRole(role);
    }

    /** The holder replaces their password; the current one must be given, as proof it is really them. */
    @Transactional
    public void changePassword(String username, String currentPassword, String newPassword) {
        Account account = accounts.findByUsername(normalise(username))
                .orElseThrow(() -> new AccountProblem("account.unknown", "No such account"));
        if (currentPassword == null || !passwords.matches(currentPassword, account.passwordHash())) {
            throw new AccountProblem("account.password.wrong", "The current password is not right");
        }
        if (passwords.matches(newPassword, account.passwordHash())) {
            throw new AccountProblem("account.password.unchanged", "The new password must differ from the current one");
        }
        PasswordPolicy.check(normalise(username), newPassword, account.toLogin().roles());
        account.changePassword(passwords.encode(newPassword));
    }

    @Transactional(readOnly = true)
    public Optional<LoginAccount> find(AccountId id) {
        return accounts.findById(id.value()).map(Account::toLogin);
    }

    @Transactional
    public void addRole(AccountId id, Role role) {
        existing(id).addRole(role);
    }

    /** A disabled account cannot sign in (a volunteer before verifying their email, a deactivated coordinator). */
    @Transactional
    public void setEnabled(AccountId id, boolean enabled) {
        existing(id).setEnabled(enabled);
    }

    /** Erasure: the account keeps existing for references, but names no one and opens nothing. */
    @Transactional
    public void anonymise(AccountId id, String pseudonym) {
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        existing(id).anonymise("erased-" + pseudonym, passwords.encode(java.util.HexFormat.of().formatHex(random)));
    }

    private Account existing(AccountId id) {
        return accounts.findById(id.value()).orElseThrow(() -> new AccountProblem("account.unknown", "No such account"));
    }
}
