package io.partnersettlement.console.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import io.partnersettlement.console.NotFound;
import io.partnersettlement.console.Refused;
import io.partnersettlement.fault.EngineException;

/**
 * The API's errors (and those no controller answers, such as an unsupported media type) as RFC 9457 problem details: an unknown id is 404 naming it, a refused action 409 with the engine's
 * reason (and, for a confirmation, each statement's), a malformed request 400; never a stack trace — an unexpected
 * failure is logged on the console's side and answered in one line.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemAdvice.class);

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound e) {
        return Problems.of(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(Refused.class)
    ProblemDetail refused(Refused e) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "Refused", e.getMessage());
        if (!e.perStatement().isEmpty()) {
            problem.setProperty("refusals", e.perStatement());
        }
        return problem;
    }

    @ExceptionHandler(EngineException.class)
    ProblemDetail engine(EngineException e) {
        return Problems.of(HttpStatus.CONFLICT, "Refused", e.getMessage());
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, IllegalArgumentException.class,
            java.time.format.DateTimeParseException.class})
    ProblemDetail badValue(Exception e) {
        String detail = e instanceof MethodArgumentTypeMismatchException m
                ? "'" + m.getValue() + "' is not a valid " + m.getName()
                : e.getMessage();
        return Problems.of(HttpStatus.BAD_REQUEST, "Bad request", detail);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("console API: unexpected failure", e);
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "Unexpected failure",
                "an unexpected failure; the console's log has the details");
    }
}
