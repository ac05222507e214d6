package org.khanaen.web.security;

import java.util.ArrayList;
import java.util.List;

import org.khanaen.accounts.AccountDirectory;
import org.khanaen.accounts.LoginAccount;
import org.khanaen.accounts.Role;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Signs people in against the accounts module. */
@Service
class AccountUserDetailsService implements UserDetailsService {

    /** Held, besides the roles, by someone who must replace a password someone else chose. */
    static final String PASSWORD_CHANGE_REQUIRED = "PASSWORD_CHANGE_REQUIRED";

    private final AccountDirectory accounts;

    AccountUserDetailsService(AccountDirectory accounts) {
        this.accounts = accounts;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        LoginAccount account = accounts.findForLogin(username)
                .orElseThrow(() -> new UsernameNotFoundException("unknown account"));
        return new SignedIn(account.id(), account.username(), account.passwordHash(), account.enabled(), authorities(account));
    }

    static List<GrantedAuthority> authorities(LoginAccount account) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        account.roles().stream().map(Role::authority).map(SimpleGrantedAuthority::new).forEach(authorities::add);
        if (account.mustChangePassword()) {
            authorities.add(new SimpleGrantedAuthority(PASSWORD_CHANGE_REQUIRED));
        }
        return authorities;
    }
}
