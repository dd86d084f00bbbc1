import HummingbirdBcrypt

/// Password rules and bcrypt hashing. bcrypt reads at most 72 bytes, so longer passwords are
/// refused rather than silently cut.
package struct PasswordPolicy: Sendable {
    package static let minimumLength = 10
    package static let maximumBytes = 72

    /// bcrypt's cost factor; 12 in production, lower only in tests.
    package var cost: UInt8

    package init(cost: UInt8 = 12) {
        self.cost = cost
    }

    /// The bcrypt hash of `password`, after checking its length.
    package func hash(_ password: String) throws(StoreError) -> String {
        guard password.count >= Self.minimumLength else {
            throw .invalid("password", "a password needs at least \(Self.minimumLength) characters")
        }
        guard password.utf8.count <= Self.maximumBytes else {
            throw .invalid("password", "a password may have at most \(Self.maximumBytes) bytes (bcrypt ignores the rest)")
        }
        return Bcrypt.hash(password, cost: cost)
    }

    /// Whether `password` matches `hash`.
    package func verify(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }
}
