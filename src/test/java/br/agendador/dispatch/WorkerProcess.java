package br.agendador.dispatch;

import java.nio.file.Files;
import java.nio.file.Path;

import br.agendador.AgendadorApplication;
import br.agendador.cnpj.Cnpj;
import br.agendador.support.IntegrationTestConfiguration;
import br.agendador.support.ScriptedCompanyLookup;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The application as a worker process of its own, for {@link CrashTests}: lookups of the CNPJs in
 * {@code --crash-test.hang} never end, so the process is busy with them when it is killed. It
 * writes {@code --crash-test.ready-file} once it is scripted and running.
 */
public final class WorkerProcess {

    private WorkerProcess() {
    }

    public static void main(String[] args) throws Exception {
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(AgendadorApplication.class, IntegrationTestConfiguration.class).run(args);
        Environment environment = context.getEnvironment();
        ScriptedCompanyLookup lookup = context.getBean(ScriptedCompanyLookup.class);
        for (String cnpj : environment.getRequiredProperty("crash-test.hang").split(",")) {
            lookup.script(new Cnpj(cnpj), lookup.hanging());
        }
        Files.writeString(Path.of(environment.getRequiredProperty("crash-test.ready-file")),
                context.getBean(Dispatcher.class).workerId());
    }
}
