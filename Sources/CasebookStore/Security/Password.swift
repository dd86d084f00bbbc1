import Foundation
import HummingbirdBcrypt

/// Password rules and bcrypt hashing. bcrypt reads at most 72 bytes: a longer password (a
/// passphrase, or a few words in a script of multi-byte letters) is hashed by SHA-256 first,
/// so that every character of it counts rather than being silently cut.
package struct PasswordPolicy: Sendable {
    package static let minimumLength = 10
    package static let maximumLength = 256
    /// The most bytes bcrypt reads.
    static let bcryptBytes = 72
    /// The fewest distinct characters a password has: `aaaaaaaaaa` and ten spaces are refused.
    package static let minimumDistinctCharacters = 4

    /// bcrypt's cost factor; 12 in production, lower only in tests.
    package var cost: UInt8
    /// Passwords refused as too common (`--password-denylist`).
    package var denylist: PasswordDenylist?

    package init(cost: UInt8 = 12, denylist: PasswordDenylist? = nil) {
        self.cost = cost
        self.denylist = denylist
    }

    /// The bcrypt hash of `password` for the user `username`, after checking it.
    package func hash(_ password: String, for username: String) throws(StoreError) -> String {
        guard password.count >= Self.minimumLength else {
            throw .invalid("password", "a password needs at least \(Self.minimumLength) characters")
        }
        guard password.count <= Self.maximumLength else {
            throw .invalid("password", "a password may have at most \(Self.maximumLength) characters")
        }
        guard Set(password).count >= Self.minimumDistinctCharacters else {
            throw .invalid("password", "a password needs at least \(Self.minimumDistinctCharacters) different characters")
        }
        guard !password.lowercased().contains(username.lowercased()) else {
            throw .invalid("password", "a password may not hold the username")
        }
        if let denylist, denylist.contains(password) {
            throw .invalid("password", "this password is on the list of common passwords; choose another")
        }
        return Bcrypt.hash(Self.bcryptInput(password), cost: cost)
    }

    /// Whether `password` matches `hash`.
    package func verify(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(Self.bcryptInput(password), hash: hash)
    }

    /// What bcrypt hashes: the password, or past 72 bytes its SHA-256 in base64 (44 bytes).
    private static func bcryptInput(_ password: String) -> String {
        password.utf8.count <= bcryptBytes ? password : Data(SHA256.digest(password.utf8)).base64EncodedString()
    }
}

/// Passwords to refuse, such as a public list of common ones: kept as SHA-256 digests of their
/// lowercased text, so the list's plain text lives only while it is read.
package struct PasswordDenylist: Sendable {
    private let digests: Set<[UInt8]>

    /// How many passwords the list holds.
    package var count: Int { digests.count }

    /// Reads `path`: one password a line (blank lines and a UTF-8 byte order mark are passed over).
    package init(path: String) throws {
        var digests: Set<[UInt8]> = []
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for line in text.split(whereSeparator: \.isNewline) where !line.isEmpty {
            digests.insert(SHA256.digest(line.lowercased().utf8))
        }
        self.digests = digests
    }

    /// Whether `password` is on the list (letter case aside).
    package func contains(_ password: String) -> Bool {
        digests.contains(SHA256.digest(password.lowercased().utf8))
    }
}
