import CasebookCore
import CasebookStore
import Foundation
import Hummingbird

/// A JSON object a route takes as its body: its members are its coding keys, and a member it does
/// not know is refused (a misspelt `defect` would otherwise be dropped without a word).
protocol JSONObjectBody: Decodable, Sendable {
    associatedtype CodingKeys: CodingKey & CaseIterable
}

/// Request bodies: collected up to a limit (413 past it) and decoded from JSON, with a 400 that
/// says what is wrong and where.
enum JSONBody {
    /// The largest JSON body a route takes: a bulk of 100,000 results fits.
    static let limit = 64 * 1024 * 1024

    /// Bodies past this many bytes are parsed on the pool of blocking threads (``offloaded(_:)``);
    /// smaller ones take less time to parse than to hand over.
    static let offloadedSize = 64 * 1024

    /// The request's body decoded as `T`; the media type must be JSON. The body is read once by a
    /// ``JSONReader`` first, for a syntax error with its line and column, a body that is not an
    /// object and members `T` does not take (422, with the nearest one it does).
    static func decode<T: JSONObjectBody>(_ type: T.Type, from request: Request) async throws -> T {
        let buffer = try await collect(request)
        let bytes = Array(buffer.readableBytesView)
        let decode: @Sendable () throws -> T = {
            try checkMembers(of: bytes, against: T.CodingKeys.allCases.map(\.stringValue))
            do {
                return try JSONDecoder.casebook.decode(T.self, from: Data(bytes))
            } catch let error as DecodingError {
                throw Problem.malformedBody(describe(error))
            }
        }
        return bytes.count > offloadedSize ? try await offloaded(decode) : try decode()
    }

    /// Checks that `bytes` is one JSON object whose members are among `members`, each once.
    private static func checkMembers(of bytes: [UInt8], against members: [String]) throws {
        var reader = JSONReader(bytes)
        do throws(JSONReader.Failure) {
            var seen: Set<String> = []
            try reader.object(at: "the body") { reader, key throws(JSONReader.Failure) in
                if !members.contains(key) {
                    reader.refuse(unknownMember(key, in: nil, members: members))
                } else if !seen.insert(key).inserted {
                    reader.refuse(givenTwice(key))
                }
                try reader.skipValue()
            }
            try reader.end()
        } catch {
            throw Problem(error)
        }
    }

    /// The failure for a member given twice: which one counts would be a guess.
    static func givenTwice(_ field: String) -> JSONReader.Failure {
        JSONReader.Failure(message: "\(field) is given twice", field: field)
    }

    /// The failure for a member `key` of the object at `path` (`nil`: the body) that is not one of `members`.
    static func unknownMember(_ key: String, in path: String?, members: [String]) -> JSONReader.Failure {
        let field = path.map { "\($0).\(key)" } ?? key
        return JSONReader.Failure(
            message:
                "unknown member '\(field)'\(Suggestion.hint(for: key, in: members)); \(path ?? "the body") takes: \(members.joined(separator: ", "))",
            field: field)
    }

    /// The request's body read by `read` with a ``JSONReader``; the media type must be JSON.
    static func read<T: Sendable>(from request: Request, _ read: @escaping @Sendable (inout JSONReader) throws(JSONReader.Failure) -> T) async throws
        -> T
    {
        let bytes = Array(try await collect(request).readableBytesView)
        let parse: @Sendable () throws -> T = {
            var reader = JSONReader(bytes)
            do throws(JSONReader.Failure) {
                let value = try read(&reader)
                try reader.end()
                return value
            } catch {
                throw Problem(error)
            }
        }
        return bytes.count > offloadedSize ? try await offloaded(parse) : try parse()
    }

    private static func collect(_ request: Request) async throws -> ByteBuffer {
        if let contentType = request.headers[.contentType], !contentType.lowercased().hasPrefix("application/json") {
            throw Problem.unsupportedMediaType("this route takes application/json, not \(contentType)")
        }
        let body = try await request.body.collect(upTo: limit)
        if let offset = body.withUnsafeReadableBytes(nulEscape) {
            throw Problem.malformedBody("a string holds the NUL character (\\u0000 at byte \(offset + 1)), which casebook cannot store; remove it")
        }
        return body
    }

    /// Where JSON text first escapes the NUL character (`\u0000`) in a string, as a byte offset:
    /// stored text ends at a NUL byte, so it would come back cut short. (JSON has no raw control
    /// characters.)
    static func nulEscape(_ json: UnsafeRawBufferPointer) -> Int? {
        var index = 0
        while index < json.count {
            guard json[index] == UInt8(ascii: "\\") else {
                index += 1
                continue
            }
            // A backslash starts an escape of the character after it (`\\` included).
            if index + 5 < json.count, json[index + 1] == UInt8(ascii: "u"), json[(index + 2)...(index + 5)].allSatisfy({ $0 == UInt8(ascii: "0") }) {
                return index
            }
            index += 2
        }
        return nil
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            let text = codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "the body" : String(text.drop { $0 == "." })
        }
        switch error {
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return context.codingPath.isEmpty
                ? "the body is not JSON: \(underlying ?? context.debugDescription)" : "\(path(context.codingPath)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])) is missing"
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return "\(path(context.codingPath)) must be \(describe(type))"
        @unknown default:
            return "\(error)"
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "a whole number"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is Date.Type: "an ISO 8601 date-time"
        default: type is any Collection.Type ? "an array" : "an object"
        }
    }
}

extension Problem {
    /// A 422 naming the field for a failure about one member, a 400 for any other.
    init(_ failure: JSONReader.Failure) {
        self = failure.field.map { .invalidValue($0, failure.message) } ?? .malformedBody(failure.message)
    }
}

extension JSONDecoder {
    /// Dates as ISO 8601 (with or without fractional seconds).
    static var casebook: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = ISO8601.date(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: ISO8601.notADate(text))
            }
            return date
        }
        return decoder
    }
}
