package org.khanaen.web.security;

import java.util.Collection;

import org.khanaen.accounts.AccountId;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** The signed-in person, with the id other modules know their account by. */
public class SignedIn extends User {

    private final AccountId account;

    SignedIn(AccountId account, String username, String password, boolean enabled, Collection<? extends GrantedAuthority> authorities) {
        super(username, password, enabled, true, true, true, authorities);
        this.account = account;
    }

    public AccountId account() {
        return account;
    }
}
