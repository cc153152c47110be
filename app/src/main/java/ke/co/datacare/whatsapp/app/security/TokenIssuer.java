package ke.co.datacare.whatsapp.app.security;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Issues an access token (at most 12 hours, {@code JWT_EXPIRES_IN}) and a refresh token
 * ({@code JWT_REFRESH_EXPIRES_IN}) for a user; both carry the user's token version, so disabling the user or
 * changing the password revokes them.
 */
@Component
class TokenIssuer {

    static final String ISSUER = "datacare-whatsapp";
    static final String VERSION_CLAIM = "ver";
    static final String USE_CLAIM = "use";
    static final String REFRESH = "refresh";
    static final String PASSWORD_CHANGE_CLAIM = "pcr";

    record Tokens(String accessToken, String refreshToken, Duration accessLifetime) {
    }

    private final JwtEncoder encoder;
    private final Duration accessLifetime;
    private final Duration refreshLifetime;
    private final Clock clock;

    TokenIssuer(JwtEncoder encoder, SecurityProperties properties, Clock clock) {
        this.encoder = encoder;
        this.accessLifetime = properties.accessTokenLifetime();
        this.refreshLifetime = TokenLifetime.parse(properties.jwtRefreshExpiresIn());
        this.clock = clock;
    }

    Tokens issue(UserAccounts.UserAccount user) {
        Instant now = clock.instant();
        JwtClaimsSet access = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(user.id())
                .claim("email", user.email())
                .claim("name", user.displayName())
                .claim(SecurityConfiguration.ROLES_CLAIM, List.of(user.role().name()))
                .claim(VERSION_CLAIM, user.tokenVersion())
                .claim(PASSWORD_CHANGE_CLAIM, user.passwordChangeRequired())
                .issuedAt(now)
                .expiresAt(now.plus(accessLifetime))
                .build();
        JwtClaimsSet refresh = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(user.id())
                .claim(USE_CLAIM, REFRESH)
                .claim(VERSION_CLAIM, user.tokenVersion())
                .issuedAt(now)
                .expiresAt(now.plus(refreshLifetime))
                .build();
        return new Tokens(encode(access), encode(refresh), accessLifetime);
    }

    private String encode(JwtClaimsSet claims) {
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }
}
