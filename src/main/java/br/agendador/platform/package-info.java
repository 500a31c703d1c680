/**
 * Technical ground every feature stands on: the database (embedded or external), the clock,
 * problem+json errors, the authenticated principal and the OpenAPI description.
 */
@NullMarked
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package br.agendador.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
