package ke.co.datacare.whatsapp.app.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Authentication settings: {@code JWT_SECRET}, {@code JWT_EXPIRES_IN} (e.g. {@code 7d}, {@code 12h},
 * {@code 3600} seconds), the first admin ({@code ADMIN_EMAIL}, {@code ADMIN_PASSWORD}) and the one
 * browser origin allowed by CORS ({@code FRONTEND_URL}).
 */
@ConfigurationProperties("datacare.security")
public record SecurityProperties(String jwtSecret, String jwtExpiresIn, String adminEmail, String adminPassword,
                                 String frontendUrl) {

    public SecurityProperties {
        jwtExpiresIn = jwtExpiresIn == null || jwtExpiresIn.isBlank() ? "7d" : jwtExpiresIn;
        adminEmail = adminEmail == null || adminEmail.isBlank() ? "admin@datacare.local" : adminEmail;
        frontendUrl = frontendUrl == null || frontendUrl.isBlank() ? "http://localhost:3001" : frontendUrl;
    }

    @Override
    public String toString() {
        return "SecurityProperties[jwtExpiresIn=" + jwtExpiresIn + ", adminEmail=" + adminEmail + "]";
    }
}
