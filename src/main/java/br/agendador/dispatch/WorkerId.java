package br.agendador.dispatch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Random;

/** Names a dispatcher in {@code jobs.worker_id} and {@code job_attempts}: host, process, and a tag per start. */
final class WorkerId {

    private WorkerId() {
    }

    static String generate() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        byte[] tag = new byte[3];
        new Random().nextBytes(tag);
        return host + ":" + ProcessHandle.current().pid() + ":" + HexFormat.of().formatHex(tag);
    }
}
