package ke.co.datacare.whatsapp.app.security;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;

import javax.crypto.SecretKey;

/** Reads a refresh token: ours, unexpired, marked for refreshing, and of the user's current token version. */
@Component
class RefreshTokens {

    private static final OAuth2Error NOT_A_REFRESH_TOKEN = new OAuth2Error("invalid_token", "Not a valid refresh token", null);

    private final NimbusJwtDecoder decoder;

    RefreshTokens(SecretKey jwtKey, TokenRevocation revocation) {
        decoder = NimbusJwtDecoder.withSecretKey(jwtKey).macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(TokenIssuer.ISSUER),
                token -> TokenIssuer.REFRESH.equals(token.getClaimAsString(TokenIssuer.USE_CLAIM))
                        && revocation.current(token)
                        ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(NOT_A_REFRESH_TOKEN)));
    }

    Jwt decode(String token) {
        return decoder.decode(token);
    }
}
