/** Many small calls made at the same time, answered together. */
@NullMarked
package br.agendador.platform.batching;

import org.jspecify.annotations.NullMarked;
