import CasebookTestSupport
import CasebookYAML
import Foundation
import Testing

@testable import CasebookCore

/// The JSON Schemas in `schemas/` are what editors check files with; they must say what the
/// validator says.
@Suite struct SchemaDriftTests {
    static let root = FixtureFiles.packageRoot()

    static func schema(_ name: String) throws -> JSONValue {
        let data = try Data(contentsOf: URL(fileURLWithPath: root + "/schemas/\(name).schema.json"))
        return JSONValue(json: try JSONSerialization.jsonObject(with: data))
    }

    /// The rules a schema can decide from one file alone; the rest need other files or the
    /// project settings.
    static let structuralRules: Set<Rule> = [
        .yamlSyntax, .yamlDuplicateKey, .yamlAlias, .yamlDepth, .yamlMultipleDocuments, .yamlEncoding, .fileEmpty,
        .schemaUnknownKey, .schemaMissingKey, .schemaType, .idFormat, .valueDuration, .valueURL, .fieldDeclaration,
        .caseAutomationStatus, .caseSteps, .stepEmpty, .stepShape, .planEmptySelector,
    ]

    static func schemaName(for path: String) -> String? {
        switch FileKind(path: path) {
        case .settings: "casebook"
        case .testCase: "case"
        case .group: "group"
        case .sharedSteps: "shared-steps"
        case .plan: "plan"
        case .skipped, .misplaced: nil
        }
    }

    // MARK: Keys and enums

    private func properties(_ value: JSONValue, _ path: [String]) throws -> Set<String> {
        var current = value
        for part in path {
            guard case .object(let members) = current, let next = members[part] else { throw CasebookError.unreadable(path: part, reason: "missing") }
            current = next
        }
        guard case .object(let members) = current, case .object(let properties)? = members["properties"] else { return [] }
        return Set(properties.keys)
    }

    @Test func everyKeyTheValidatorReadsIsInTheSchemaAndTheReverse() throws {
        let settings = try Self.schema("casebook"), testCase = try Self.schema("case"), plan = try Self.schema("plan")
        #expect(try properties(settings, []) == Set(Vocabulary.settings))
        #expect(try properties(settings, ["properties", "project"]) == Set(Vocabulary.project))
        #expect(try properties(settings, ["properties", "devices", "items"]) == Set(Vocabulary.device))
        #expect(try properties(settings, ["$defs", "fieldDeclaration"]) == Set(Vocabulary.fieldDeclaration))
        #expect(try properties(testCase, []) == Set(Vocabulary.testCase))
        #expect(try properties(testCase, ["properties", "automation"]) == Set(Vocabulary.automation))
        #expect(try properties(testCase, ["$defs", "step"]) == Set(Vocabulary.step))
        #expect(try properties(try Self.schema("shared-steps"), ["$defs", "step"]) == Set(Vocabulary.step))
        #expect(try properties(try Self.schema("group"), []) == Set(Vocabulary.group))
        #expect(try properties(try Self.schema("shared-steps"), []) == Set(Vocabulary.sharedSteps))
        #expect(try properties(plan, []) == Set(Vocabulary.plan))
        #expect(try properties(plan, ["$defs", "selector"]) == Set(Vocabulary.selector))
    }

    @Test func fixedEnumsAgree() throws {
        guard case .object(let caseSchema) = try Self.schema("case"), case .object(let properties)? = caseSchema["properties"],
            case .object(let automation)? = properties["automation"], case .object(let automationProperties)? = automation["properties"],
            case .object(let status)? = automationProperties["status"], case .array(let statuses)? = status["enum"]
        else { throw CasebookError.unreadable(path: "case.schema.json", reason: "no automation status enum") }
        #expect(statuses == AutomationStatus.allCases.map { .string($0.rawValue) })

        guard case .object(let settings) = try Self.schema("casebook"), case .object(let defs)? = settings["$defs"],
            case .object(let declaration)? = defs["fieldDeclaration"], case .object(let declarationProperties)? = declaration["properties"],
            case .object(let type)? = declarationProperties["type"], case .array(let types)? = type["enum"]
        else { throw CasebookError.unreadable(path: "casebook.schema.json", reason: "no field type enum") }
        #expect(types == FieldType.allCases.map { .string($0.rawValue) })
    }

    // MARK: Verdicts

    /// Every sample-repo file, the base fixture and every broken fixture: (name, path, text).
    static let corpus: [(String, String, String)] = {
        var files: [(String, String, String)] = []
        let fixtures = root + "/Tests/CasebookCoreTests/Fixtures"
        for (path, text) in (try? FixtureFiles.read(root + "/sample-repo")) ?? [:] { files.append(("sample-repo", path, text)) }
        for (path, text) in (try? FixtureFiles.read(fixtures + "/base")) ?? [:] { files.append(("base", path, text)) }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: fixtures + "/broken")) ?? [] {
            for (path, text) in (try? FixtureFiles.read(fixtures + "/broken/" + name, excluding: ["expected.txt"])) ?? [:] {
                files.append((name, path, text))
            }
        }
        return files.filter { schemaName(for: $0.1) != nil }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
    }()

    @Test func theCorpusIsLarge() {
        #expect(Self.corpus.count > 100)
    }

    @Test func schemaAndValidatorGiveTheSameVerdict() throws {
        let settings = ProjectSettings(key: "SHOP", name: "Shop")
        var schemas: [String: JSONSchemaValidator] = [:]
        var invalid = 0
        for (name, path, text) in Self.corpus {
            let schemaName = try #require(Self.schemaName(for: path))
            if schemas[schemaName] == nil { schemas[schemaName] = JSONSchemaValidator(schema: try Self.schema(schemaName)) }
            let bytes = Array(text.utf8)

            let findings = FileFindings(file: path)
            let node = ParsedFile.node(bytes, findings: findings)
            var validatorFindings = findings.findings
            if FileKind(path: path) == .settings {
                if let node { _ = SettingsMapper.map(node, findings: findings) }
                validatorFindings = findings.findings
            } else {
                validatorFindings += ParsedFile.parse(bytes, path: path, kind: FileKind(path: path), contentID: "", settings: settings).findings
            }
            let validatorSaysValid = !validatorFindings.contains { Self.structuralRules.contains($0.rule) }
            let schemaSaysValid = node.map { schemas[schemaName]?.isValid(JSONValue(yaml: $0)) ?? false } ?? false
            #expect(validatorSaysValid == schemaSaysValid, "\(name): \(path): validator \(validatorFindings.map(\.rule.rawValue))")
            if !schemaSaysValid { invalid += 1 }
        }
        // The broken fixtures hold this many structural mistakes: both sides must see them.
        #expect(invalid == 20)
    }

    // MARK: The server's configuration file

    @Test func theServerConfigurationSchemaSaysWhatTheMapperSays() throws {
        let schema = try Self.schema("server")
        #expect(try properties(schema, []) == Set(ServerConfigMapper.keys))
        guard case .object(let project)? = schema["$defs"]?["project"]?["oneOf"]?[1], case .object(let keys)? = project["properties"] else {
            throw CasebookError.unreadable(path: "server.schema.json", reason: "no project mapping")
        }
        #expect(Set(keys.keys) == Set(ServerConfigMapper.projectKeys))
        #expect(schema["properties"]?["log-level"]?["enum"] == .array(ServerConfig.logLevels.map(JSONValue.string)))
        let validator = JSONSchemaValidator(schema: schema)
        var checked = 0
        for text in [ServerConfigTests.example] + ServerConfigTests.problems.map(\.0) {
            let findings = FileFindings(file: "server.yaml")
            guard let node = ParsedFile.node(Array(text.utf8), findings: findings) else { continue }
            _ = ServerConfigMapper.map(node, findings: findings)
            #expect(validator.isValid(JSONValue(yaml: node)) == findings.findings.isEmpty, "\(text)")
            checked += 1
        }
        #expect(checked == ServerConfigTests.problems.count - 1)
    }
}
