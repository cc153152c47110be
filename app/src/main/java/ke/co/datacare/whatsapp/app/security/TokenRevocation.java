package ke.co.datacare.whatsapp.app.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;

/**
 * Whether a token still speaks for its user: the user exists, is enabled, and has the token version the token
 * carries (raised by disabling the user or changing the password). Users are read at most every 30 seconds;
 * changes made on this instance count at once.
 */
@Component
class TokenRevocation {

    static final Duration CACHE_TIME = Duration.ofSeconds(30);

    record UserState(boolean enabled, int tokenVersion, boolean passwordChangeRequired) {
    }

    private static final OAuth2Error REVOKED = new OAuth2Error("invalid_token", "The token was revoked", null);
    private static final OAuth2Error NOT_AN_ACCESS_TOKEN = new OAuth2Error("invalid_token",
            "A refresh token is not an access token", null);

    private final UserAccounts users;
    private final Cache<String, Optional<UserState>> states = Caffeine.newBuilder()
            .expireAfterWrite(CACHE_TIME).maximumSize(10_000).build();

    TokenRevocation(UserAccounts users) {
        this.users = users;
    }

    Optional<UserState> state(String userId) {
        return states.get(userId, id -> users.byId(id).map(user ->
                new UserState(user.enabled(), user.tokenVersion(), user.passwordChangeRequired())));
    }

    void forget(String userId) {
        states.invalidate(userId);
    }

    boolean current(Jwt token) {
        Object version = token.getClaims().get(TokenIssuer.VERSION_CLAIM);
        return version instanceof Number number && state(token.getSubject())
                .filter(UserState::enabled)
                .filter(user -> user.tokenVersion() == number.intValue())
                .isPresent();
    }

    /** For access tokens: current, and not a refresh token. */
    OAuth2TokenValidator<Jwt> accessTokens() {
        return token -> {
            if (TokenIssuer.REFRESH.equals(token.getClaimAsString(TokenIssuer.USE_CLAIM))) {
                return OAuth2TokenValidatorResult.failure(NOT_AN_ACCESS_TOKEN);
            }
            return current(token) ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(REVOKED);
        };
    }
}
