package org.khanaen.web.errors;

import java.net.URI;
import java.util.Locale;

import org.khanaen.elections.ElectionImportFailed;
import org.khanaen.platform.problem.KeyedProblem;
import org.khanaen.volunteers.InvalidVolunteer;
import org.khanaen.volunteers.RegistryProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;

/**
 * Every error of the JSON API as an RFC 9457 problem detail. Spring MVC's own errors (bad
 * parameters, wrong method, unreadable body) come from the base class; ours are below.
 */
@RestControllerAdvice(basePackages = "org.khanaen.web.api")
@org.springframework.core.annotation.Order(0) // before PageProblems, which would otherwise answer the API with a page
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    private final Refusals refusals;

    ApiProblems(Refusals refusals) {
        this.refusals = refusals;
    }

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound e, HttpServletRequest request) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage(), request);
    }

    @ExceptionHandler(ElectionImportFailed.class)
    ProblemDetail importFailed(ElectionImportFailed e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "The import file has problems; nothing was imported.", request);
        problem.setProperty("problems", e.problems());
        return problem;
    }

    /** Say which parameter is wrong and why, e.g. "size: must be less than or equal to 1000". */
    /** Which field could not be read, and why ("votes.1: a whole number is expected"), rather than "Failed to read request". */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String detail = "The request body is not readable JSON of the expected shape.";
        if (e.getCause() instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            String field = jackson.getPath().stream()
                    .map(r -> r.getPropertyName() != null ? r.getPropertyName() : String.valueOf(r.getIndex()))
                    .collect(java.util.stream.Collectors.joining("."));
            detail = "The field " + field + " is not readable: "
                    + (jackson instanceof tools.jackson.databind.exc.InvalidFormatException || jackson instanceof tools.jackson.databind.exc.MismatchedInputException
                            ? "a value of the wrong type (counts are whole numbers, written as numbers)" : "malformed JSON");
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
            problem.setProperty("field", field);
            return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
        }
        return handleExceptionInternal(e, ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail), headers, HttpStatus.BAD_REQUEST,
                request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> result.getMethodParameter().getParameterName() + ": " + error.getDefaultMessage()))
                .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, String.join("; ", errors));
        problem.setProperty("errors", errors);
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** Invalid volunteer details: 422, each field with its message key, nothing stored. */
    @ExceptionHandler(InvalidVolunteer.class)
    ProblemDetail invalidVolunteer(InvalidVolunteer e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Some fields are not valid; nothing was stored.", request);
        problem.setProperty("errors", e.problems());
        return problem;
    }

    @ExceptionHandler(RegistryProblem.class)
    ProblemDetail registryProblem(RegistryProblem e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, e.getMessage(), request);
        problem.setProperty("code", e.code());
        return problem;
    }

    /**
     * A module's refusal by key: its words in the caller's language, the key as {@code code} for machines. A few
     * report refusals have a status of their own; a busy station asks to come back in five seconds.
     */
    @ExceptionHandler(KeyedProblem.class)
    ResponseEntity<ProblemDetail> refused(KeyedProblem e, Locale resolved, HttpServletRequest request) {
        HttpStatus status = switch (e.key()) {
            case "report.problem.not-yours" -> HttpStatus.FORBIDDEN;
            case "report.problem.no-station" -> HttpStatus.NOT_FOUND;
            case "report.problem.key-reused" -> HttpStatus.CONFLICT;
            case "report.problem.busy" -> HttpStatus.SERVICE_UNAVAILABLE;
            default -> HttpStatus.BAD_REQUEST;
        };
        ProblemDetail problem = problem(status, refusals.say(e, ApiLanguage.of(request, resolved)), request);
        problem.setProperty("code", e.key());
        var answer = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        return (status == HttpStatus.SERVICE_UNAVAILABLE ? answer.header("Retry-After", "5") : answer).body(problem);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected error on {}", request.getRequestURI(), e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred; it has been logged.", request);
    }

    private static ProblemDetail problem(HttpStatus status, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        return problem;
    }
}
