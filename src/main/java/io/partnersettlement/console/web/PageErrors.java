package io.partnersettlement.console.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import io.partnersettlement.console.NotFound;

/** A page's errors as a page saying what went wrong in one line; never a stack trace. */
@ControllerAdvice(basePackageClasses = PageErrors.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    @ExceptionHandler(NotFound.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(NotFound e, Model model) {
        model.addAttribute("status", 404);
        model.addAttribute("message", e.getMessage());
        return "console/error";
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, IllegalArgumentException.class})
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String badValue(Exception e, Model model) {
        model.addAttribute("status", 400);
        model.addAttribute("message", e instanceof MethodArgumentTypeMismatchException m
                ? "'" + m.getValue() + "' is not a valid " + m.getName() : e.getMessage());
        return "console/error";
    }

    /** A request the framework refused (a missing parameter, a wrong method) keeps its status; anything else is 500. */
    @ExceptionHandler(Exception.class)
    String unexpected(Exception e, Model model, jakarta.servlet.http.HttpServletResponse response) {
        if (e instanceof org.springframework.web.ErrorResponse refused) {
            response.setStatus(refused.getStatusCode().value());
            model.addAttribute("status", refused.getStatusCode().value());
            model.addAttribute("message", refused.getBody().getDetail());
            return "console/error";
        }
        log.error("console page: unexpected failure", e);
        response.setStatus(500);
        model.addAttribute("status", 500);
        model.addAttribute("message", "an unexpected failure; the console's log has the details");
        return "console/error";
    }
}
