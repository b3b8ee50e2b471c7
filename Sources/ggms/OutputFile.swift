import Diagnostics
import Foundation

/// Writes result files without clobbering what a path names, and so that no reader sees half
/// of one.
///
/// A path is followed through its symbolic links to what it names:
/// - a regular file, or nothing yet: replaced atomically — a temporary file in the directory of
///   the link's final target (the path's own directory when it is no link), then a rename over
///   the target; the link itself stays, and an existing file keeps its permissions;
/// - a character device or a FIFO (a terminal, `/dev/null`, a pipe): written directly, never
///   replaced;
/// - an open descriptor of this process (`/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N`):
///   written to that descriptor, whatever it is open on;
/// - `-`: standard output;
/// - a directory: an error.
///
/// Several files are written in two steps (`write(_:)`): every regular file is first written
/// to its temporary file, and only when all of them are complete are they renamed into place,
/// so one failure leaves every destination as it was.
enum OutputFile {
    /// Where a path leads once its links are followed.
    enum Destination: Equatable {
        /// `-`: this process's standard output.
        case standardOutput
        /// An open file descriptor of this process, named by a path.
        case descriptor(Int32)
        /// A character device, FIFO or socket.
        case special(path: String)
        /// A regular file (`exists`) or nothing yet, at the final target of any links.
        case regular(path: String, exists: Bool)

        /// A regular file, which can have a run record beside it; streams and devices cannot.
        var isRegularFile: Bool {
            if case .regular = self { return true }
            return false
        }

        /// Standard output, however it was named.
        var isStandardOutput: Bool { self == .standardOutput || self == .descriptor(STDOUT_FILENO) }
    }

    /// A file that could not be written: the path as the user named it, and why.
    struct Failure: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "cannot write \(path): \(reason)" }
    }

    /// What `path` names (see the type's documentation); nothing is written.
    static func destination(of path: String) throws(Failure) -> Destination {
        if path == "-" { return .standardOutput }
        guard !path.isEmpty else { throw Failure(path: path, reason: "the path is empty") }
        var current = path
        for _ in 0..<40 {
            if let descriptor = descriptorNumber(current) { return .descriptor(descriptor) }
            var info = stat()
            guard lstat(current, &info) == 0 else {
                let code = errno
                if code == ENOENT { return .regular(path: current, exists: false) }
                throw Failure(path: path, reason: reason(code))
            }
            switch info.st_mode & S_IFMT {
            case S_IFLNK:
                guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else {
                    throw Failure(path: path, reason: "cannot read the symbolic link \(current)")
                }
                current = target.hasPrefix("/") ? target
                    : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(target)
            case S_IFREG:
                return .regular(path: current, exists: true)
            case S_IFDIR:
                throw Failure(path: path, reason: current == path ? "it is a directory" : "it leads to the directory \(current)")
            default:
                return .special(path: current)
            }
        }
        throw Failure(path: path, reason: "too many levels of symbolic links")
    }

    /// Fails now for a regular file whose directory (or nearest existing ancestor, where the
    /// missing ones would be created) this process cannot write in; nothing is written.
    static func checkWritable(_ path: String) throws(Failure) {
        guard case .regular(let target, _) = try destination(of: path) else { return }
        var directory = (target as NSString).deletingLastPathComponent
        if directory.isEmpty { directory = "." }
        while directory != "/", directory != ".", !FileManager.default.fileExists(atPath: directory) {
            let parent = (directory as NSString).deletingLastPathComponent
            directory = parent.isEmpty ? "." : parent
        }
        guard access(directory, W_OK | X_OK) == 0 else {
            throw Failure(path: path, reason: "cannot create files in \(directory): \(reason(errno))")
        }
    }

    /// Writes one file (see `write(_:)`).
    static func write(_ text: String, to path: String) throws(Failure) {
        try write([(text, path)])
    }

    /// Writes every file, or (as far as regular files go) none: all regular files are staged
    /// first, then renamed into place; streams and devices are written after that, in order.
    static func write(_ files: [(text: String, path: String)]) throws(Failure) {
        var staged: [Staged] = []
        do throws(Failure) {
            for file in files { staged.append(try stage(file.text, to: file.path)) }
        } catch {
            for s in staged { s.discard() }
            throw error
        }
        for (index, s) in staged.enumerated() {
            do throws(Failure) { try s.commit() } catch {
                for rest in staged[(index + 1)...] { rest.discard() }
                throw error
            }
        }
    }

    /// A file ready to be put in place: for a regular file, its complete temporary file.
    struct Staged {
        var path: String
        var destination: Destination
        var text: String
        var temporary: String?

        /// Renames the temporary file over the target, or writes a stream or device directly.
        func commit() throws(Failure) {
            switch destination {
            case .regular(let target, _):
                guard let temporary else { return }
                guard rename(temporary, target) == 0 else {
                    let code = errno
                    unlink(temporary)
                    throw Failure(path: path, reason: OutputFile.reason(code))
                }
            case .standardOutput:
                try OutputFile.write(text, descriptor: STDOUT_FILENO, path: path)
            case .descriptor(let descriptor):
                try OutputFile.write(text, descriptor: descriptor, path: path)
            case .special(let target):
                let descriptor = open(target, O_WRONLY | O_CLOEXEC)
                guard descriptor >= 0 else { throw Failure(path: path, reason: OutputFile.reason(errno)) }
                defer { close(descriptor) }
                try OutputFile.write(text, descriptor: descriptor, path: path)
            }
        }

        /// Removes the temporary file, if any.
        func discard() {
            if let temporary { unlink(temporary) }
        }
    }

    /// Resolves `path` and, for a regular file, writes `text` to a temporary file beside the
    /// target (creating missing directories).
    static func stage(_ text: String, to path: String) throws(Failure) -> Staged {
        let destination = try destination(of: path)
        guard case .regular(let target, let exists) = destination else {
            return Staged(path: path, destination: destination, text: text)
        }
        let directory = (target as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw Failure(path: path, reason: "cannot create the directory \(directory)")
            }
        }
        let name = (target as NSString).lastPathComponent
        let temporary = ((directory.isEmpty ? "." : directory) as NSString)
            .appendingPathComponent(".\(name).\(UUID().uuidString.prefix(8)).tmp")
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw Failure(path: path, reason: reason(errno)) }
        do throws(Failure) {
            defer { close(descriptor) }
            var info = stat()
            if exists, stat(target, &info) == 0 { fchmod(descriptor, info.st_mode & 0o7777) }
            try write(text, descriptor: descriptor, path: path)
            guard fsync(descriptor) == 0 else { throw Failure(path: path, reason: reason(errno)) }
        } catch {
            unlink(temporary)
            throw error
        }
        return Staged(path: path, destination: destination, text: text, temporary: temporary)
    }

    /// Writes all of `text` to an open descriptor (after flushing what `print` buffered, so
    /// output to standard output stays in order).
    static func write(_ text: String, descriptor: Int32, path: String) throws(Failure) {
        fflush(nil)
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(path: path, reason: reason(errno))
            }
            written += n
        }
    }

    /// The descriptor a path names directly: `/dev/fd/N`, `/proc/self/fd/N`,
    /// `/proc/thread-self/fd/N` or `/proc/PID/fd/N` with this process's id.
    static func descriptorNumber(_ path: String) -> Int32? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard path.hasPrefix("/"), let last = parts.last, let number = Int32(last), number >= 0 else { return nil }
        switch parts.count {
        case 3 where parts[0] == "dev" && parts[1] == "fd":
            return number
        case 4 where parts[0] == "proc" && parts[2] == "fd"
            && (parts[1] == "self" || parts[1] == "thread-self" || parts[1] == String(getpid())):
            return number
        default:
            return nil
        }
    }

    static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}

extension OutputFile.Failure {
    /// A file the command cannot write is a usage error (exit 64): another path fixes it.
    /// `option` names where the path came from, e.g. `--output`.
    func diagnostic(option: String) -> Diagnostic {
        Diagnostic(.usage, file: nil, message: "cannot write \(path) (\(reason)); expected a writable file path for \(option)")
    }
}
