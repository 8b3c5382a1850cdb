import Dispatch
import FrontlineModel

#if canImport(Glibc)
    import Glibc
#endif

/// Progress of long work on standard error, only when it is a terminal and only once the
/// work has taken `FRONTLINE_PROGRESS_AFTER` seconds (2 by default): one line, redrawn in place
/// five times a second ("frontline export: snapshots 12/40"), cleared when the work ends or a
/// message is printed. Piped or redirected, a command prints no progress at all.
final class TerminalProgress: Sendable {
    struct State {
        var stage: String
        var done = 0
        var total = 0
        var drawn = false
        var finished = false
    }

    let command: String
    let state: Locked<State>
    /// The progress being drawn, for `Run.printError` to clear its line first.
    static let current = Locked<TerminalProgress?>(nil)

    init(_ command: String, stage: String) {
        self.command = command
        state = Locked(State(stage: stage))
        let environment = getenv("FRONTLINE_PROGRESS_AFTER").map { Double(String(cString: $0)) } ?? nil
        let delay = max(0, environment ?? 2)
        guard isatty(STDERR_FILENO) == 1 else { return }
        Self.current.withLock { $0 = self }
        DispatchQueue.global().asyncAfter(deadline: .now() + delay) { [weak self] in self?.tick() }
    }

    /// Draws, then again in a fifth of a second, until the work is finished.
    func tick() {
        guard state.withLock({ !$0.finished }) else { return }
        draw()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { [weak self] in self?.tick() }
    }

    /// The handler to give the library.
    var handler: ProgressHandler {
        { [weak self] stage, done, total in self?.state.withLock { ($0.stage, $0.done, $0.total) = (stage, done, total) } }
    }

    func stage(_ name: String) { state.withLock { ($0.stage, $0.done, $0.total) = (name, 0, 0) } }

    // Writes happen under the lock, so that a line is never drawn after it was cleared.
    func draw() {
        state.withLock { state in
            guard !state.finished else { return }
            state.drawn = true
            let count = state.total > 0 ? " \(state.done)/\(state.total)" : "…"
            _ = Run.writeAll(Array("\r\u{1B}[K\(command): \(state.stage)\(count)".utf8), to: STDERR_FILENO)
        }
    }

    /// Clears the line if it was drawn (before a message, or at the end).
    func clear() {
        state.withLock { state in
            if state.drawn { _ = Run.writeAll(Array("\r\u{1B}[K".utf8), to: STDERR_FILENO) }
            state.drawn = false
        }
    }

    func finish() {
        state.withLock { $0.finished = true }
        clear()
        Self.current.withLock { if $0 === self { $0 = nil } }
    }

    /// Runs `work` with progress drawn as it goes, and cleared however it ends.
    static func run<T>(_ command: String, stage: String, _ work: (TerminalProgress) throws -> T) rethrows -> T {
        let progress = TerminalProgress(command, stage: stage)
        defer { progress.finish() }
        return try work(progress)
    }
}
