package io.partnersettlement.console.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import jakarta.servlet.http.HttpServletResponse;

/** RFC 9457 problem details, also where no controller answers (sign-in and role refusals of the security filters). */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    /** Writes the problem as {@code application/problem+json}, outside Spring MVC. */
    public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        StringBuilder json = new StringBuilder("{");
        json.append("\"type\":").append(quote(problem.getType() == null ? "about:blank" : problem.getType().toString())).append(',');
        json.append("\"title\":").append(quote(problem.getTitle())).append(',');
        json.append("\"status\":").append(problem.getStatus()).append(',');
        json.append("\"detail\":").append(quote(problem.getDetail()));
        if (problem.getProperties() != null) {
            for (Map.Entry<String, Object> p : problem.getProperties().entrySet()) {
                json.append(',').append(quote(p.getKey())).append(':').append(quote(String.valueOf(p.getValue())));
            }
        }
        response.getWriter().write(json.append('}').toString());
    }

    static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder s = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }
}
