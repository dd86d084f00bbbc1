import ArgumentParser
import Foundation

/// An error the command reports as `casebook: error: …` with exit status 2.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Runs `body` and answers what it answers; any failure but an ``ExitCode`` (a
/// ``CommandFailure``, a git, store or repository error) is reported on standard error as
/// `casebook: error: …` with exit status 2 ("could not run").
func reportingFailures<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as ExitCode {
        throw error
    } catch {
        FileHandle.standardError.write(Data("casebook: error: \(error)\n".utf8))
        throw ExitCode(2)
    }
}
