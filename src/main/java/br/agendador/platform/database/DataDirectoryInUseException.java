package br.agendador.platform.database;

import java.nio.file.Path;

/** A second app was started on a data directory another live app is using. */
public class DataDirectoryInUseException extends IllegalStateException {

    DataDirectoryInUseException(Path dataDir, String ownerPid) {
        super("The embedded database directory " + dataDir.toAbsolutePath().normalize()
                + " is in use by another running Agendador process"
                + (ownerPid.isBlank() ? "" : " (pid " + ownerPid + ")")
                + ". Stop that process, or start this one with another agendador.embedded-db.dir"
                + " or with spring.datasource.url pointing at a shared PostgreSQL.");
    }
}
