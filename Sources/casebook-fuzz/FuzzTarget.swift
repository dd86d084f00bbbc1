import CasebookCore
import CasebookServer
import CasebookTestSupport
import CasebookYAML
import Foundation
import HTTPTypes
import Hummingbird

/// A parser of outside input, fed arbitrary bytes. Each may refuse its input with an error;
/// none may crash, hang or leak: that is what the fuzzer looks for.
enum FuzzTarget: String, CaseIterable {
    /// libyaml's events to a node tree.
    case yaml
    /// One file of a case repository, loaded, mapped and validated as `casebook validate` does.
    /// The first byte picks the kind of file (a case, a group, shared steps, a plan, the settings).
    case repository
    /// A `serve --config` file.
    case serverConfig = "server-config"
    /// A JUnit XML report.
    case junit
    /// A JSON body, read by the reader of bulk results.
    case json
    /// A `multipart/form-data` upload with the boundary `B`.
    case multipart
    /// A `Content-Disposition` or `Content-Type` header value.
    case header
    /// A URL's query, as the routes check it.
    case query
    /// Another tool's export, as `casebook import cases` reads it. The first byte picks the
    /// format (TestRail XML, TestLink XML, TestRail CSV, a mapping file and a CSV by it).
    case caseExport = "case-export"
    /// Rich text of a TestLink export, as HTML made into Markdown.
    case html

    /// Runs the parser on `bytes`.
    func run(_ bytes: [UInt8]) {
        switch self {
        case .yaml:
            _ = try? YAMLParser.parse(bytes)
        case .repository:
            Self.load(bytes)
        case .serverConfig:
            Self.loadConfig(bytes)
        case .junit:
            _ = try? JUnitReport(parsing: Data(bytes))
        case .json:
            var reader = JSONReader(bytes)
            _ = try? reader.skipValue()
            _ = try? reader.end()
        case .multipart:
            _ = try? MultipartFile(bytes, boundary: "B")
        case .header:
            let value = String(decoding: bytes, as: UTF8.self)
            _ = ContentDisposition.fileName(value)
            _ = ContentDisposition.parameter("boundary", of: value)
        case .query:
            let query = String(decoding: bytes, as: UTF8.self)
            let request = Request(
                head: HTTPRequest(method: .get, scheme: "http", authority: "x", path: "/x?" + query), body: .init(buffer: ByteBuffer()))
            _ = try? QueryParameters(request, accepting: ["limit", "cursor", "tag"], prefixes: ["field."]).page(defaultLimit: 50)
        case .caseExport:
            Self.importExport(bytes)
        case .html:
            _ = HTMLText.markdown(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// Reads an export and plans it into a repository of the settings alone (nothing is written).
    /// The repository is loaded for each input, as ``load(_:)`` loads one: a snapshot kept in a
    /// global between inputs is taken for a leak by the sanitizer.
    private static func importExport(_ bytes: [UInt8]) {
        guard let first = bytes.first, let snapshot = try? Snapshot.load(from: MemoryTree(bytes: ["casebook.yaml": settings])) else { return }
        let data = Data(bytes.dropFirst())
        var mapping = ImportMapping()
        let suite: ImportedSuite?
        switch first % 4 {
        case 0: suite = try? TestRailXML.read(data, file: "f")
        case 1: suite = try? TestLinkXML.read(data, file: "f")
        case 2:
            let table = try? DelimitedText(parsing: data, file: "f")
            suite = table.flatMap { table in
                (try? SpreadsheetCases.testRailMapping(header: table.header, file: "f")).flatMap {
                    try? SpreadsheetCases.read(table, file: "f", mapping: $0, testRail: true)
                }
            }
        default:
            mapping = (try? ImportMapping(parsing: Array(bytes.dropFirst()), file: "f")) ?? ImportMapping()
            suite = nil
        }
        guard let suite else { return }
        let repository = CaseImport.Repository(
            snapshot: snapshot, settingsText: String(decoding: settings, as: UTF8.self), usedIDs: [], files: { _ in [] }, read: { _ in nil },
            schema: { _, file in file })
        _ = try? CaseImport(suite: suite, into: repository, groupPrefix: nil, mapping: mapping)
    }

    private static let settings = Array("project: { key: S, name: S }\ndevices: [{ id: d1 }]\nfields: { c: { type: enum, values: [a, b] } }\n".utf8)
    private static let paths = ["cases/a/one.yaml", "cases/a/group.yaml", "shared-steps/s.yaml", "plans/p.yaml", "casebook.yaml"]

    private static func load(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let path = paths[Int(first) % paths.count]
        var files = ["casebook.yaml": settings, "cases/a/two.yaml": Array("id: S-2\ntitle: T\nsteps: [{ action: A }]\n".utf8)]
        files[path] = Array(bytes.dropFirst())
        _ = try? Snapshot.load(from: MemoryTree(bytes: files))
    }

    /// The configuration file is read from disk, as `serve --config` reads it.
    private static let configPath = NSTemporaryDirectory() + "casebook-fuzz-\(getpid()).yaml"

    private static func loadConfig(_ bytes: [UInt8]) {
        guard FileManager.default.createFile(atPath: configPath, contents: Data(bytes)) else { return }
        _ = try? ServerConfig.load(path: configPath)
    }
}
