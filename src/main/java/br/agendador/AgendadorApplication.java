package br.agendador;

import java.util.Arrays;

import br.agendador.opendata.OpenDataCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(sharedModules = "platform")
public class AgendadorApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(OpenDataCommand.NAME)) {
            System.exit(OpenDataCommand.run(AgendadorApplication.class, Arrays.copyOfRange(args, 1, args.length)));
        }
        SpringApplication.run(AgendadorApplication.class, args);
    }
}
