/**
 * The CNPJ (numeric and, since July 2026, alphanumeric) and the canonical company record every
 * provider's answer is mapped to.
 */
@NullMarked
@ApplicationModule(displayName = "CNPJ")
package br.agendador.cnpj;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
