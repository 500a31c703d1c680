package br.agendador.platform.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Marks a data directory as owned by this process for as long as it lives. The operating system
 * drops the lock when the process dies, however it dies, so a lock we can take means no live
 * Agendador uses the directory and any server still running there is an orphan of a dead one.
 */
final class DataDirectoryLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirectoryLock acquire(Path dataDir) {
        Path lockFile = dataDir.resolveSibling(dataDir.getFileName() + ".lock");
        try {
            Files.createDirectories(lockFile.getParent());
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String owner = readOwner(channel);
                channel.close();
                throw new DataDirectoryInUseException(dataDir, owner);
            }
            channel.truncate(0);
            channel.write(StandardCharsets.UTF_8.encode(String.valueOf(ProcessHandle.current().pid())), 0);
            return new DataDirectoryLock(channel, lock);
        } catch (IOException e) {
            throw new IllegalStateException("Could not lock the embedded database directory " + dataDir, e);
        }
    }

    private static String readOwner(FileChannel channel) throws IOException {
        var buffer = java.nio.ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        buffer.flip();
        return StandardCharsets.UTF_8.decode(buffer).toString().trim();
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
