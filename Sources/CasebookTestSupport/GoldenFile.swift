import Foundation

/// Expected output kept in a file beside the tests. Run the tests with `CASEBOOK_UPDATE_GOLDEN=1`
/// to write the files from what the code prints now (then read the change before committing it).
package enum GoldenFile {
    /// The expected text of `name` in `folder` (relative to the package root), or the new text
    /// written there when updating.
    package static func expected(_ name: String, in folder: String, actual: String) throws -> String {
        let path = FixtureFiles.packageRoot() + "/" + folder + "/" + name
        if ProcessInfo.processInfo.environment["CASEBOOK_UPDATE_GOLDEN"] != nil {
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return try String(contentsOfFile: path, encoding: .utf8)
    }
}
