package br.agendador.opendata;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The Receita's Nextcloud share as seen from outside, over real HTTP on loopback: WebDAV
 * {@code PROPFIND} (Depth 1) on {@code /public.php/webdav/...} answering a multistatus like
 * Nextcloud's, behind basic auth with the share token as the user; downloads from
 * {@code /public.php/dav/files/<token>/<month>/<file>} honouring {@code Range: bytes=N-} with 206.
 * A download can be made to stall half-way once (headers promise the whole file, nothing comes
 * after half of it and the connection stays open), as a flaky network does.
 */
final class FakeShare implements AutoCloseable {

    static final String TOKEN = "gn672Ad4CF8N6TK";

    private final Path root;
    private final HttpServer server;
    private final Map<String, Long> breakOnce = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    /** @param root holds one folder per month ({@code 2026-10/}) with the zips */
    FakeShare(Path root) throws IOException {
        this.root = root;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/public.php/webdav/", this::webdav);
        server.createContext("/public.php/dav/files/", this::download);
        server.start();
    }

    /** The share's address, as the Receita's page links it. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/index.php/s/" + TOKEN;
    }

    /** The next download of {@code file} stalls after {@code bytes} bytes. */
    void breakNextDownload(String file, long bytes) {
        breakOnce.put(file, bytes);
    }

    /** Every request as "METHOD path [Range]". */
    List<String> requests() {
        return List.copyOf(requests);
    }

    private void webdav(HttpExchange exchange) throws IOException {
        record(exchange);
        if (!authorised(exchange)) {
            reply(exchange, 401, "text/plain", "unauthorised");
            return;
        }
        if (!exchange.getRequestMethod().equals("PROPFIND")) {
            reply(exchange, 405, "text/plain", "use PROPFIND");
            return;
        }
        exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        Path folder = root.resolve(path.substring("/public.php/webdav/".length()));
        if (!Files.isDirectory(folder)) {
            reply(exchange, 404, "application/xml", "<d:error xmlns:d=\"DAV:\"/>");
            return;
        }
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<d:multistatus xmlns:d=\"DAV:\" xmlns:s=\"http://sabredav.org/ns\""
                + " xmlns:oc=\"http://owncloud.org/ns\" xmlns:nc=\"http://nextcloud.org/ns\">");
        String self = path.endsWith("/") ? path : path + "/";
        xml.append(response(self, true, -1));
        try (Stream<Path> members = Files.list(folder)) {
            for (Path member : members.sorted().toList()) {
                boolean directory = Files.isDirectory(member);
                String name = member.getFileName().toString();
                xml.append(response(self + name + (directory ? "/" : ""), directory, directory ? -1 : Files.size(member)));
            }
        }
        xml.append("</d:multistatus>");
        reply(exchange, 207, "application/xml; charset=utf-8", xml.toString());
    }

    private static String response(String href, boolean collection, long length) {
        return "<d:response><d:href>" + href + "</d:href><d:propstat><d:prop>"
                + (collection ? "<d:resourcetype><d:collection/></d:resourcetype>" : "<d:resourcetype/>")
                + (length >= 0 ? "<d:getcontentlength>" + length + "</d:getcontentlength>" : "")
                + "</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>";
    }

    private void download(HttpExchange exchange) throws IOException {
        record(exchange);
        String prefix = "/public.php/dav/files/" + TOKEN + "/";
        String path = exchange.getRequestURI().getPath();
        if (!path.startsWith(prefix)) {
            reply(exchange, 404, "text/plain", "no such share");
            return;
        }
        Path file = root.resolve(path.substring(prefix.length()));
        if (!Files.isRegularFile(file)) {
            reply(exchange, 404, "text/plain", "no such file");
            return;
        }
        long size = Files.size(file);
        long from = 0;
        String range = exchange.getRequestHeaders().getFirst("Range");
        if (range != null && range.startsWith("bytes=") && range.endsWith("-")) {
            from = Long.parseLong(range.substring(6, range.length() - 1));
            if (from >= size) {
                exchange.getResponseHeaders().add("Content-Range", "bytes */" + size);
                exchange.sendResponseHeaders(416, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (size - 1) + "/" + size);
        }
        exchange.getResponseHeaders().add("Accept-Ranges", "bytes");
        exchange.getResponseHeaders().add("Content-Type", "application/zip");
        exchange.sendResponseHeaders(from > 0 ? 206 : 200, size - from);
        Long cut = breakOnce.remove(file.getFileName().toString());
        long limit = cut == null ? size : Math.min(size, cut);
        try (InputStream in = Files.newInputStream(file); OutputStream out = exchange.getResponseBody()) {
            in.skipNBytes(from);
            byte[] buffer = new byte[8192];
            long sent = from;
            while (sent < limit) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, limit - sent));
                out.write(buffer, 0, read);
                sent += read;
            }
            if (cut != null) {
                out.flush();
                throw new IOException("connection dropped on purpose after " + cut + " bytes");
            }
        } catch (IOException dropped) {
            exchange.close();
        }
    }

    private void record(HttpExchange exchange) {
        String range = exchange.getRequestHeaders().getFirst("Range");
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + (range == null ? "" : " " + range));
    }

    private static boolean authorised(HttpExchange exchange) {
        String expected = "Basic " + Base64.getEncoder().encodeToString((TOKEN + ":").getBytes(StandardCharsets.UTF_8));
        return expected.equals(exchange.getRequestHeaders().getFirst("Authorization"));
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
