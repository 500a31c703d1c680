/**
 * The Receita Federal's monthly CNPJ dump, imported locally (from a directory or the Receita's
 * share) into typed tables swapped in atomically, and served to the lookup as the
 * {@code dadosabertos} provider: unlimited, and first in line while data is loaded.
 */
@NullMarked
@ApplicationModule(displayName = "Open data")
package br.agendador.opendata;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
