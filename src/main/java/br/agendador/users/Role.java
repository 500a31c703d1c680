package br.agendador.users;

public enum Role {
    USER, ADMIN
}
