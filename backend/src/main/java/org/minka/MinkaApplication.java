package org.minka;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class MinkaApplication {

    public static void main(String[] args) {
        SpringApplication.run(MinkaApplication.class, args);
    }
}
