import Foundation

/// Expected output kept in a file beside the tests. Run the tests with `CASEBOOK_UPDATE_GOLDEN=1`
/// to write the files from what the code prints now (then read the change before committing it).
/// Never in CI (`CI` set): a rewritten file would agree with any output.
package enum GoldenFile {
    package struct UpdateInCI: Error, CustomStringConvertible {
        package var description: String {
            "CASEBOOK_UPDATE_GOLDEN is set in CI (CI is set): golden files are written on a developer's machine and reviewed"
        }
    }

    /// The expected text of `name` in `folder` (relative to the package root), or the new text
    /// written there when updating.
    package static func expected(_ name: String, in folder: String, actual: String) throws -> String {
        let path = FixtureFiles.packageRoot() + "/" + folder + "/" + name
        let environment = ProcessInfo.processInfo.environment
        if environment["CASEBOOK_UPDATE_GOLDEN"] != nil {
            guard environment["CI"] == nil else { throw UpdateInCI() }
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return try String(contentsOfFile: path, encoding: .utf8)
    }
}
