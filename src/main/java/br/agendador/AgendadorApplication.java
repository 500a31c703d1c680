package br.agendador;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Modulithic(sharedModules = "platform")
public class AgendadorApplication {

    public static void main(String[] args) {
        SpringApplication.run(AgendadorApplication.class, args);
    }
}
