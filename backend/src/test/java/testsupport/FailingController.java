package testsupport;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Fails like a broken query would, to prove 5xx bodies leak nothing. Outside {@code org.minka} so
 * component scanning (also in {@code make run}) never picks it up; only the test context adds it.
 */
@Hidden
@RestController
public class FailingController {

    @GetMapping("/api/v1/test/failure")
    Mono<String> fail() {
        return Mono.error(
                new DataAccessResourceFailureException(
                        "ERROR: relation \"users\" does not exist; SQL [select * from users where id = $1]"));
    }
}
