package dev.atelier.identity;

import java.io.Serial;
import java.util.Collection;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The principal of every authenticated request, whether it came with a session or an API key. Controllers take
 * it with {@code @AuthenticationPrincipal}. The password hash is erased once authentication has finished.
 */
public final class SignedInAccount implements UserDetails, CredentialsContainer {

    @Serial
    private static final long serialVersionUID = 1L;

    private final AccountId id;
    private final String email;
    private final Role role;
    private final String displayName;
    private @Nullable String passwordHash;

    SignedInAccount(Account account, @Nullable String passwordHash) {
        this.id = account.id();
        this.email = account.email();
        this.role = account.role();
        this.displayName = account.displayName();
        this.passwordHash = passwordHash;
    }

    public AccountId id() {
        return id;
    }

    public String email() {
        return email;
    }

    public Role role() {
        return role;
    }

    public String displayName() {
        return displayName;
    }

    public boolean is(Role wanted) {
        return role == wanted || (wanted == Role.REVIEWER && role == Role.ADMIN);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return role.authorities().stream().map(SimpleGrantedAuthority::new).toList();
    }

    @Override
    public @Nullable String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return email;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedInAccount that && id.equals(that.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "SignedInAccount[" + email + ", " + role + "]";
    }
}
