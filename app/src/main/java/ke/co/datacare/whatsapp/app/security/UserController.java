package ke.co.datacare.whatsapp.app.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/users")
@Tag(name = "Users", description = "Who may use the API, and with which role")
class UserController {

    record NewUser(@NotBlank @Email @Size(max = 320) String email, @NotBlank @Passwords.Acceptable String password,
                   @NotBlank @Size(max = 200) String displayName, @NotNull Role role) {
        @Override
        public String toString() {
            return "NewUser[email=" + email + ", password=******, displayName=" + displayName + ", role=" + role + "]";
        }
    }

    record PasswordChange(@NotBlank @Size(max = 1024) String currentPassword,
                          @NotBlank @Passwords.Acceptable String newPassword) {
        @Override
        public String toString() {
            return "PasswordChange[******]";
        }
    }

    record UserView(String id, String email, String displayName, Role role, boolean enabled, boolean available) {
        static UserView of(UserAccounts.UserAccount account) {
            return new UserView(account.id(), account.email(), account.displayName(), account.role(), account.enabled(),
                    account.available());
        }
    }

    private final UserAccounts users;
    private final TokenRevocation revocation;

    UserController(UserAccounts users, TokenRevocation revocation) {
        this.users = users;
        this.revocation = revocation;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Create a user (ADMIN, AGENT or ANALYST)")
    UserView create(@Valid @RequestBody NewUser user) {
        if (users.byEmail(user.email()).isPresent()) {
            throw new DomainException(ErrorCode.CONFLICT, "A user with this email exists");
        }
        return UserView.of(users.create(user.email(), user.password(), user.displayName(), user.role()));
    }

    @GetMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Every user, without password hashes")
    List<UserView> all() {
        return users.all().stream().map(UserView::of).toList();
    }

    @PostMapping("/{id}/disable")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Disable a user: their login stops working, their tokens are refused and their live "
            + "stream closes within a minute")
    UserView disable(@PathVariable String id, Authentication caller) {
        if (id.equals(caller.getName())) {
            throw new DomainException(ErrorCode.CONFLICT, "You cannot disable yourself");
        }
        UserView disabled = UserView.of(users.setEnabled(id, false)
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No user " + id)));
        revocation.forget(id);
        return disabled;
    }

    @PostMapping("/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAnyRole('ADMIN','AGENT','ANALYST')")
    @Operation(summary = "Change your own password; every token issued before is revoked: log in again")
    void changePassword(@Valid @RequestBody PasswordChange change, Authentication caller) {
        UserAccounts.UserAccount me = users.byId(caller.getName())
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "Unknown user"));
        if (!users.passwordMatches(me, change.currentPassword())) {
            throw new DomainException(ErrorCode.INVALID_CREDENTIALS, "The current password is wrong");
        }
        users.changePassword(me.id(), change.newPassword());
        revocation.forget(me.id());
    }
}
