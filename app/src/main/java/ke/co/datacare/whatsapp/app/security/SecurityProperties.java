package ke.co.datacare.whatsapp.app.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Authentication settings: {@code JWT_SECRET} (32 bytes at least), {@code JWT_EXPIRES_IN} (the access token's
 * lifetime, e.g. {@code 1h}, {@code 30m}, {@code 3600} seconds; at most 12 hours), {@code JWT_REFRESH_EXPIRES_IN}
 * (the refresh token's), the first admin ({@code ADMIN_EMAIL}, {@code ADMIN_PASSWORD}) and the one browser origin
 * allowed by CORS ({@code FRONTEND_URL}).
 */
@ConfigurationProperties("datacare.security")
public record SecurityProperties(String jwtSecret, String jwtExpiresIn, String jwtRefreshExpiresIn, String adminEmail,
                                 String adminPassword, String frontendUrl) {

    static final Duration LONGEST_ACCESS_TOKEN = Duration.ofHours(12);

    public SecurityProperties {
        jwtExpiresIn = jwtExpiresIn == null || jwtExpiresIn.isBlank() ? "1h" : jwtExpiresIn;
        jwtRefreshExpiresIn = jwtRefreshExpiresIn == null || jwtRefreshExpiresIn.isBlank() ? "12h" : jwtRefreshExpiresIn;
        adminEmail = adminEmail == null || adminEmail.isBlank() ? "admin@datacare.local" : adminEmail;
        frontendUrl = frontendUrl == null || frontendUrl.isBlank() ? "http://localhost:3001" : frontendUrl;
    }

    /** {@code JWT_EXPIRES_IN}, cut to 12 hours: longer-lived access is what refresh tokens are for. */
    Duration accessTokenLifetime() {
        Duration configured = TokenLifetime.parse(jwtExpiresIn);
        return configured.compareTo(LONGEST_ACCESS_TOKEN) > 0 ? LONGEST_ACCESS_TOKEN : configured;
    }

    @Override
    public String toString() {
        return "SecurityProperties[jwtExpiresIn=" + jwtExpiresIn + ", jwtRefreshExpiresIn=" + jwtRefreshExpiresIn
                + ", adminEmail=" + adminEmail + "]";
    }
}
