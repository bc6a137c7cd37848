package io.partnersettlement.console.web;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import jakarta.servlet.http.HttpSession;

/** The sign-in page; after a failed try it says why (wrong name or password, or the wait a throttled user must keep). */
@Controller
class SignInPage {

    @GetMapping("/login")
    String login(HttpSession session, Model model) {
        Object failure = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        if (failure instanceof AuthenticationException e) {
            model.addAttribute("failure", true);
            if (e instanceof io.partnersettlement.console.security.SignInThrottled throttled) {
                model.addAttribute("waitSeconds", throttled.retryAfterSeconds());
            }
            session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        }
        return "console/login";
    }

    @GetMapping("/")
    String home() {
        return "redirect:/statements";
    }
}
