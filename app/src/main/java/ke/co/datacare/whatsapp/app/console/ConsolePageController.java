package ke.co.datacare.whatsapp.app.console;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The SPA fallback: a client route loaded directly (a reload, a link) is answered with the console's page. */
@Controller
@Hidden
class ConsolePageController {

    @GetMapping({"/login", "/inbox", "/inbox/**", "/campaigns", "/campaigns/**", "/analytics", "/admin", "/admin/**",
            "/settings/**"})
    String page() {
        return "forward:/index.html";
    }
}
