import Foundation

/// A bearer token as handed to a client: a kind prefix and 256 random bits, base64url. Only its
/// SHA-256 digest is stored, so a copy of the database does not give anyone access.
package struct AccessToken: Sendable, Equatable {
    /// What the token opens: a login session or a long-lived API token.
    package enum Kind: String, Sendable {
        case session = "cbs_"
        case api = "cbt_"
    }

    package let kind: Kind
    /// The whole token, prefix included.
    package let text: String

    /// A new random token of `kind`.
    package static func generate(_ kind: Kind) -> AccessToken {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let encoded = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return AccessToken(kind: kind, text: kind.rawValue + encoded)
    }

    /// The token a client presented, when it has the shape of one.
    package init?(presented text: String) {
        guard let kind = [Kind.session, .api].first(where: { text.hasPrefix($0.rawValue) }), text.count == kind.rawValue.count + 43 else {
            return nil
        }
        self.init(kind: kind, text: text)
    }

    private init(kind: Kind, text: String) {
        self.kind = kind
        self.text = text
    }

    /// What is stored: the SHA-256 of the token text.
    package var digest: Data {
        Data(SHA256.digest(Array(text.utf8)))
    }
}
