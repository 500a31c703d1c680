package br.agendador.opendata;

import br.agendador.platform.problem.ProblemCode;

/** Why an import of the Receita's dump cannot start or go on. */
public enum OpenDataProblem implements ProblemCode {

    SOURCE_EMPTY("openData.source.empty", "source is empty: give the absolute path of a directory with the dump''s zips,"
            + " or the https address of the Receita''s share"),
    SOURCE_BAD_PATH("openData.source.badPath", "source ''{0}'' is not a valid path: {1}"),
    SOURCE_NOT_ABSOLUTE("openData.source.notAbsolute", "source ''{0}'' must be an absolute directory path (or an https address)"),
    SOURCE_NOT_DIRECTORY("openData.source.notDirectory", "source {0} is not a directory (or does not exist)"),
    SOURCE_UNREADABLE("openData.source.unreadable", "source {0} cannot be read (permissions)"),
    SOURCE_BAD_ADDRESS("openData.source.badAddress", "source ''{0}'' is not a valid address: {1}"),
    SOURCE_NO_HOST("openData.source.noHost", "source ''{0}'' has no host"),
    SOURCE_NOT_HTTPS("openData.source.notHttps", "source ''{0}'' must use https (plain http only for a share on this machine)"),
    SOURCE_NOT_A_SHARE("openData.source.notAShare", "source ''{0}'' is not a public share address (…/index.php/s/<token>)"),
    MONTH_FORMAT("openData.month.format", "month ''{0}'' is not a month (YYYY-MM, e.g. 2026-11)"),
    MONTH_MISSING("openData.month.missing", "month is missing: the source does not name one (a YYYY-MM directory or share"
            + " folder); say which month the files are from, e.g. \"month\": \"2026-11\""),
    MONTH_MISSING_IN_SHARE("openData.month.missingInShare", "month is missing: the source does not name one (a YYYY-MM"
            + " directory or share folder); say which month the files are from, e.g. \"month\": \"2026-11\"; the share"
            + " holds {0}"),
    SHARE_EMPTY("openData.share.empty", "the share at {0} holds no month folder"),
    DIRECTORY_UNREADABLE("openData.directory.unreadable", "the directory {0} cannot be read: {1}"),
    FILES_MISSING("openData.files.missing", "{0} is not a whole dump: missing {1}"),
    SHARE_FILES_MISSING("openData.share.filesMissing", "the share''s folder {0} is not a whole dump: missing {1}"),
    FILE_MISSING("openData.file.missing", "{0} is missing"),
    FILE_UNREADABLE("openData.file.unreadable", "{0} cannot be read (permissions)"),
    ZIP_ENTRIES("openData.zip.entries", "{0} holds {1} files; the Receita''s zips hold one"),
    ZIP_WRONG_ENTRY("openData.zip.wrongEntry", "{0} holds {1}, not a {2} file"),
    ZIP_TRUNCATED("openData.zip.truncated", "{0} is shorter than the data it lists (an interrupted download?)"),
    ZIP_UNREADABLE("openData.zip.unreadable", "{0} is not a readable zip ({1}); download it again"),
    ZIP_CRC("openData.zip.crc", "{0} is corrupt (its CRC does not match its contents); download it again"),
    ZIP_SIZE("openData.zip.size", "{0} is corrupt ({1} bytes read where its directory says {2})"),
    DOWNLOAD_FAILED("openData.download.failed", "could not download {0} after {1} tries: {2}"),
    SHARE_UNREACHABLE("openData.share.unreachable", "the share at {0} cannot be reached: {1}"),
    SHARE_INTERRUPTED("openData.share.interrupted", "interrupted while listing the share"),
    SHARE_NO_FOLDER("openData.share.noFolder", "the share has no folder {0}"),
    SHARE_REFUSED("openData.share.refused", "the share refused its token (HTTP {0}); is the address right?"),
    SHARE_ANSWERED("openData.share.answered", "the share answered HTTP {0} when listing {1}"),
    SHARE_NOT_WEBDAV("openData.share.notWebdav", "the share''s listing is not WebDAV XML: {0}"),
    TOO_MANY_REJECTED("openData.tooManyRejected", "More than {0} lines could not be read (agendador.open-data.max-rejected);"
            + " the latest: {1} line {2}: {3}"),
    ALREADY_RUNNING("openData.alreadyRunning", "Another import of the open data is running{0}; wait for it to end or cancel it"),
    NOT_FOUND("openData.notFound", "No open data import {0}"),
    FINISHED("openData.finished", "Import {0} has already ended ({1}); there is nothing to cancel"),
    NOTHING_IMPORTED("openData.nothingImported", "No open data has been imported yet"),
    INTERRUPTED("openData.interrupted", "Interrupted: the process running it stopped before it finished"),
    INTERRUPTED_BY_SHUTDOWN("openData.interruptedByShutdown", "Interrupted: the application stopped during the import"),
    FAILED("openData.failed", "{0}");

    private final String code;
    private final String english;

    OpenDataProblem(String code, String english) {
        this.code = code;
        this.english = english;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String english() {
        return english;
    }
}
