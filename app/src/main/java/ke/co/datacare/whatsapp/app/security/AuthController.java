package ke.co.datacare.whatsapp.app.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/auth")
@Tag(name = "Authentication")
class AuthController {

    record LoginRequest(@NotBlank @Email @Size(max = 320) String email, @NotBlank @Size(max = 1024) String password) {
        @Override
        public String toString() {
            return "LoginRequest[email=" + email + ", password=******]";
        }
    }

    record RefreshRequest(@NotBlank @Size(max = 4096) String refreshToken) {
        @Override
        public String toString() {
            return "RefreshRequest[******]";
        }
    }

    /**
     * @param passwordChangeRequired true while the password is a generated one: every API except
     *                               {@code /api/auth/**} and {@code POST /api/users/me/password} answers 403
     *                               {@code PASSWORD_CHANGE_REQUIRED} until it is changed
     */
    record LoginResponse(String accessToken, String tokenType, long expiresIn, String role, String refreshToken,
                         boolean passwordChangeRequired) {
    }

    private final UserAccounts users;
    private final TokenIssuer issuer;
    private final RefreshTokens refreshTokens;
    private final LoginBackoff backoff;

    AuthController(UserAccounts users, TokenIssuer issuer, RefreshTokens refreshTokens, LoginBackoff backoff) {
        this.users = users;
        this.issuer = issuer;
        this.refreshTokens = refreshTokens;
        this.backoff = backoff;
    }

    @PostMapping("/login")
    @Operation(summary = "Exchange email and password for an access token (HS256 JWT) and a refresh token")
    LoginResponse login(@Valid @RequestBody LoginRequest request) {
        backoff.check(request.email());
        UserAccounts.UserAccount user = users.authenticate(request.email(), request.password())
                .orElseThrow(() -> {
                    backoff.failed(request.email());
                    return new DomainException(ErrorCode.INVALID_CREDENTIALS, "Email or password is wrong");
                });
        backoff.succeeded(request.email());
        return response(user);
    }

    @PostMapping("/refresh")
    @Operation(summary = "Exchange a refresh token for a new access token and refresh token (the same answer as login)")
    LoginResponse refresh(@Valid @RequestBody RefreshRequest request) {
        Jwt token;
        try {
            token = refreshTokens.decode(request.refreshToken());
        } catch (JwtException invalid) {
            throw new DomainException(ErrorCode.UNAUTHENTICATED, "The refresh token is not valid or has expired");
        }
        UserAccounts.UserAccount user = users.byId(token.getSubject()).filter(UserAccounts.UserAccount::enabled)
                .orElseThrow(() -> new DomainException(ErrorCode.UNAUTHENTICATED, "The refresh token is not valid"));
        return response(user);
    }

    private LoginResponse response(UserAccounts.UserAccount user) {
        TokenIssuer.Tokens tokens = issuer.issue(user);
        return new LoginResponse(tokens.accessToken(), "Bearer", tokens.accessLifetime().toSeconds(), user.role().name(),
                tokens.refreshToken(), user.passwordChangeRequired());
    }
}
