package benchhello;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code make bench-read}'s ceiling: a bare Spring Boot WebFlux app on Netty that answers a small
 * constant JSON. Only the web server, WebFlux, Jackson and the codecs are configured (nothing else
 * on the test classpath is picked up), so it measures what the stack itself costs per request.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({
    NettyReactiveWebServerAutoConfiguration.class,
    HttpHandlerAutoConfiguration.class,
    WebFluxAutoConfiguration.class,
    JacksonAutoConfiguration.class,
    CodecsAutoConfiguration.class
})
@Import(HelloApplication.HelloController.class)
public class HelloApplication {

    public static void main(String[] args) {
        SpringApplication.run(HelloApplication.class, args);
    }

    @RestController
    static class HelloController {

        @GetMapping(path = "/hello", produces = "application/json")
        Mono<Map<String, Object>> hello() {
            return Mono.just(Map.of("message", "hello", "ok", true));
        }
    }
}
