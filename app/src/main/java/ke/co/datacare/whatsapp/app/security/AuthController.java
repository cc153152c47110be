package ke.co.datacare.whatsapp.app.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

@RestController
@RequestMapping("/api/auth")
@Tag(name = "Authentication")
class AuthController {

    record LoginRequest(@NotBlank @Email String email, @NotBlank String password) {
        @Override
        public String toString() {
            return "LoginRequest[email=" + email + ", password=******]";
        }
    }

    record LoginResponse(String accessToken, String tokenType, long expiresIn, String role) {
    }

    private final UserAccounts users;
    private final JwtEncoder encoder;
    private final Duration lifetime;
    private final Clock clock;

    AuthController(UserAccounts users, JwtEncoder encoder, SecurityProperties properties, Clock clock) {
        this.users = users;
        this.encoder = encoder;
        this.lifetime = TokenLifetime.parse(properties.jwtExpiresIn());
        this.clock = clock;
    }

    @PostMapping("/login")
    @Operation(summary = "Exchange email and password for a bearer token (HS256 JWT)")
    LoginResponse login(@Valid @RequestBody LoginRequest request) {
        UserAccounts.UserAccount user = users.byEmail(request.email())
                .filter(UserAccounts.UserAccount::enabled)
                .filter(account -> users.passwordMatches(account, request.password()))
                .orElseThrow(() -> new DomainException(ErrorCode.INVALID_CREDENTIALS, "Email or password is wrong"));
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer("datacare-whatsapp")
                .subject(user.id())
                .claim("email", user.email())
                .claim("name", user.displayName())
                .claim(SecurityConfiguration.ROLES_CLAIM, List.of(user.role().name()))
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .build();
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        return new LoginResponse(token, "Bearer", lifetime.toSeconds(), user.role().name());
    }
}
