/// The keys of every mapping in format v1. The mappers read exactly these, and the JSON Schemas
/// in `schemas/` are held against them by a test.
package enum Vocabulary {
    package static let settings = ["project", "devices", "priorities", "types", "fields", "tracker"]
    package static let tracker = ["url", "pattern", "new"]
    package static let project = ["key", "name", "description"]
    package static let device = ["id", "name", "platform", "os", "attributes"]
    package static let fieldDeclaration = ["type", "values", "required", "description"]
    package static let testCase = [
        "id", "title", "priority", "type", "automation", "tags", "owner", "estimate", "preconditions", "steps",
        "requirements", "links", "fields",
    ]
    package static let automation = ["status", "ref"]
    package static let step = ["action", "expected", "use"]
    package static let group = ["title", "description", "owner"]
    package static let sharedSteps = ["id", "title", "steps"]
    package static let plan = ["id", "title", "description", "owner", "milestone", "devices", "include", "exclude"]
    package static let selector = Selector.keys

    /// `SHOP-101`: a project key, a dash and a number.
    package static func isCaseID(_ id: String) -> Bool {
        let bytes = id.utf8
        guard let dash = bytes.firstIndex(of: UInt8(ascii: "-")) else { return false }
        let number = bytes[bytes.index(after: dash)...]
        return isProjectKey(bytes[..<dash]) && !number.isEmpty && number.allSatisfy(\.isASCIIDigit)
    }

    /// `SHOP`: an upper-case letter, then upper-case letters and digits.
    package static func isProjectKey(_ key: String) -> Bool {
        isProjectKey(key.utf8[...])
    }

    private static func isProjectKey(_ bytes: Substring.UTF8View) -> Bool {
        guard let first = bytes.first, isUppercase(first) else { return false }
        return bytes.allSatisfy { isUppercase($0) || $0.isASCIIDigit }
    }

    private static func isUppercase(_ byte: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }

    /// Plan, shared-step, device and custom field names: `^[A-Za-z0-9][A-Za-z0-9._-]*$`.
    package static func isWord(_ word: String) -> Bool {
        guard let first = word.unicodeScalars.first, first.isASCIIAlphanumeric else { return false }
        return word.unicodeScalars.allSatisfy { $0.isASCIIAlphanumeric || $0 == "." || $0 == "_" || $0 == "-" }
    }
}

extension UInt8 {
    /// Whether this UTF-8 byte is one of the digits 0–9.
    var isASCIIDigit: Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) }
}

extension Unicode.Scalar {
    var isASCIIAlphanumeric: Bool {
        ("a"..."z").contains(self) || ("A"..."Z").contains(self) || ("0"..."9").contains(self)
    }
}
