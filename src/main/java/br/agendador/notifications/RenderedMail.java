package br.agendador.notifications;

/** An e-mail ready to go: its subject and the same content as plain text and as HTML. */
public record RenderedMail(String subject, String text, String html) {
}
