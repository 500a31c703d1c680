package br.agendador.opendata;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipFile;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The Receita's public Nextcloud share of the dump: month folders listed with WebDAV
 * {@code PROPFIND} (Depth 1) on {@code <base>/public.php/webdav/} with the share token as the
 * basic-auth user and an empty password, files downloaded from
 * {@code <base>/public.php/dav/files/<token>/YYYY-MM/<file>}. No checksums are published, so each
 * download is resumed with an HTTP {@code Range} where the last try stopped, checked for its size,
 * and its zip read whole (every entry's CRC) before it is used.
 */
final class ReceitaShare {

    private static final Logger log = LoggerFactory.getLogger(ReceitaShare.class);
    private static final String DAV = "DAV:";
    private static final String PROPFIND_BODY = """
            <?xml version="1.0" encoding="UTF-8"?>
            <d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/><d:getcontentlength/></d:prop></d:propfind>""";

    private final ImportSource.Share share;
    private final HttpClient http;
    private final Duration idleTimeout;
    private final String authorization;

    ReceitaShare(ImportSource.Share share, Duration idleTimeout) {
        this.share = share;
        this.idleTimeout = idleTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).followRedirects(HttpClient.Redirect.NORMAL).build();
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((share.token() + ":").getBytes(StandardCharsets.UTF_8));
    }

    /** The month folders the share holds, oldest first. */
    List<YearMonth> months() {
        List<YearMonth> months = new ArrayList<>();
        for (Entry entry : list(webdav(""))) {
            if (entry.folder()) {
                try {
                    months.add(YearMonth.parse(entry.name()));
                } catch (java.time.format.DateTimeParseException notAMonth) {
                    // other folders are not the dump's
                }
            }
        }
        months.sort(null);
        return months;
    }

    /** The files of one month's folder and their sizes. */
    Map<String, Long> files(YearMonth month) {
        Map<String, Long> files = new LinkedHashMap<>();
        for (Entry entry : list(webdav(month + "/"))) {
            if (!entry.folder()) {
                files.put(entry.name(), entry.length());
            }
        }
        return files;
    }

    /**
     * Downloads one file into {@code directory}, resuming a partial download, retrying up to
     * {@code attempts} times, and checks it.
     *
     * @param progress told the bytes on disk so far
     */
    Path download(YearMonth month, String file, long size, Path directory, int attempts, LongConsumer progress,
            BooleanSupplier canceled) {
        Path target = directory.resolve(file);
        Path partial = directory.resolve(file + ".part");
        if (Files.isRegularFile(target) && sizeOf(target) == size && readsWhole(target)) {
            progress.accept(size);
            return target;
        }
        IOException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (canceled.getAsBoolean()) {
                throw new java.util.concurrent.CancellationException("canceled");
            }
            try {
                Files.createDirectories(directory);
                fetch(URI.create(share.base() + "/public.php/dav/files/" + share.token() + "/" + month + "/" + file), partial,
                        progress, canceled);
                long got = sizeOf(partial);
                if (size >= 0 && got != size) {
                    throw new IOException("received " + got + " of " + size + " bytes");
                }
                if (!readsWhole(partial)) {
                    Files.deleteIfExists(partial); // corrupt from the start: resuming it would keep the damage
                    throw new IOException("the downloaded zip is corrupt");
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return target;
            } catch (IOException e) {
                last = e;
                log.info("Download of {} stopped ({}); attempt {} of {}", file, e.getMessage(), attempt, attempts);
                // a dropped connection is resumed at once; a server that keeps failing is given more and more time
                if (attempt < attempts && !pause(Duration.ofSeconds(attempt == 1 ? 0 : Math.min(60, 1L << attempt)), canceled)) {
                    throw new java.util.concurrent.CancellationException("canceled");
                }
            }
        }
        throw new InvalidDump(OpenDataProblem.DOWNLOAD_FAILED, file, attempts, last == null ? "?" : last.getMessage());
    }

    private void fetch(URI uri, Path partial, LongConsumer progress, BooleanSupplier canceled) throws IOException {
        long have = Files.exists(partial) ? sizeOf(partial) : 0;
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Authorization", authorization).timeout(Duration.ofSeconds(60)).GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response = send(request.build());
        int status = response.statusCode();
        boolean append = status == 206;
        if (status == 416 && have > 0) {
            response.body().close();
            return; // we have it all already
        }
        if (status != 200 && status != 206) {
            response.body().close();
            throw new IOException("HTTP " + status + " for " + uri.getPath());
        }
        AtomicLong written = new AtomicLong(append ? have : 0);
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());
        try (InputStream body = response.body();
             OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            // a server that stops sending without closing would block the read forever: close it under the reader
            ScheduledFuture<?> check = watchdog.scheduleAtFixedRate(() -> {
                if (System.nanoTime() - lastProgress.get() > idleTimeout.toNanos() || canceled.getAsBoolean()) {
                    try {
                        body.close();
                    } catch (IOException ignored) {
                        // the reader sees the stream closed
                    }
                }
            }, 1, 1, TimeUnit.SECONDS);
            byte[] buffer = new byte[1 << 16];
            int read;
            while ((read = body.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                lastProgress.set(System.nanoTime());
                progress.accept(written.addAndGet(read));
            }
            check.cancel(false);
        } finally {
            watchdog.shutdownNow();
        }
        if (canceled.getAsBoolean()) {
            throw new java.util.concurrent.CancellationException("canceled");
        }
    }

    private HttpResponse<InputStream> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private URI webdav(String path) {
        return URI.create(share.base() + "/public.php/webdav/" + path);
    }

    private List<Entry> list(URI folder) {
        HttpRequest request = HttpRequest.newBuilder(folder)
                .header("Authorization", authorization)
                .header("Depth", "1")
                .header("Content-Type", "application/xml; charset=utf-8")
                .timeout(Duration.ofSeconds(60))
                .method("PROPFIND", HttpRequest.BodyPublishers.ofString(PROPFIND_BODY))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new InvalidDump(OpenDataProblem.SHARE_UNREACHABLE, share.base().getHost(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidDump(OpenDataProblem.SHARE_INTERRUPTED);
        }
        if (response.statusCode() == 404) {
            throw new InvalidDump(OpenDataProblem.SHARE_NO_FOLDER, folder.getPath().replaceFirst(".*/public\\.php/webdav/?", "/"));
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new InvalidDump(OpenDataProblem.SHARE_REFUSED, response.statusCode());
        }
        if (response.statusCode() != 207) {
            throw new InvalidDump(OpenDataProblem.SHARE_ANSWERED, response.statusCode(), folder.getPath());
        }
        return entries(response.body(), folder.getRawPath());
    }

    /** The members of a multistatus answer, the folder itself left out. */
    static List<Entry> entries(byte[] xml, String folderPath) {
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            document = factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new InvalidDump(OpenDataProblem.SHARE_NOT_WEBDAV, e.getMessage());
        }
        String self = folderPath.endsWith("/") ? folderPath : folderPath + "/";
        List<Entry> entries = new ArrayList<>();
        NodeList responses = document.getElementsByTagNameNS(DAV, "response");
        for (int i = 0; i < responses.getLength(); i++) {
            Element response = (Element) responses.item(i);
            String href = text(response, "href");
            if (href == null) {
                continue;
            }
            String path = URI.create(href.strip()).getRawPath();
            if (path == null || path.equals(self) || (path + "/").equals(self)) {
                continue;
            }
            boolean folder = response.getElementsByTagNameNS(DAV, "collection").getLength() > 0;
            String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            String name = URLDecoder.decode(trimmed.substring(trimmed.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
            String length = text(response, "getcontentlength");
            entries.add(new Entry(name, folder, length == null || length.isBlank() ? -1 : Long.parseLong(length.strip())));
        }
        return entries;
    }

    private static String text(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagNameNS(DAV, name);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

    /** Every entry of the zip reads to its end with a matching CRC. */
    static boolean readsWhole(Path zip) {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            byte[] buffer = new byte[1 << 16];
            for (var entries = file.entries(); entries.hasMoreElements(); ) {
                var entry = entries.nextElement();
                try (CheckedInputStream in = new CheckedInputStream(file.getInputStream(entry), new CRC32())) {
                    while (in.read(buffer) >= 0) {
                        // reading is the check
                    }
                    if (entry.getCrc() >= 0 && in.getChecksum().getValue() != entry.getCrc()) {
                        return false;
                    }
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static long sizeOf(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return -1;
        }
    }

    private static boolean pause(Duration wait, BooleanSupplier canceled) {
        long end = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < end) {
            if (canceled.getAsBoolean()) {
                return false;
            }
            try {
                Thread.sleep(Math.min(500, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    record Entry(String name, boolean folder, long length) {
    }
}
