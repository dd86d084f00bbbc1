import CasebookTestSupport
import Foundation
import Testing

/// `casebook import cases`: TestRail's real exports (read from `../shared/samples/imports`),
/// fixtures of each format written from its documentation, re-imports and bad input.
@Suite struct ImportCasesTests {
    /// The fixtures beside this file.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/Imports"

    /// The real TestRail exports kept outside the project, beside it.
    static func sample(_ name: String) throws -> String {
        let candidates = [FixtureFiles.packageRoot() + "/../shared/samples/imports", "/work/shared/samples/imports"]
        guard let folder = candidates.first(where: { FileManager.default.fileExists(atPath: $0 + "/" + name) }) else {
            throw CommandFailure("the TestRail sample \(name) is in none of \(candidates)")
        }
        return folder + "/" + name
    }

    struct CommandFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    static func importing(_ arguments: [String], into folder: String) throws -> CommandLineTests.Outcome {
        try CommandLineTests.casebook(["import", "cases"] + arguments + ["--into", folder])
    }

    static func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    /// Every file below `folder` with its text, to show that a command changed nothing.
    static func contents(of folder: String) throws -> [String: String] {
        try FixtureFiles.read(folder)
    }

    @Test func testRailsDemoExportImportsCleanAndAgainChangesNothing() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let root = folder.path + "/demo"
        let made = try Self.importing([try Self.sample("testrail-demo.xml"), "--from", "testrail-xml", "--key", "DEMO"], into: root)
        #expect(made.status == 0, "\(made.output)\(made.errors)")
        #expect(made.output.contains("Read 235 cases in 23 groups.\n235 new, 0 changed, 0 unchanged."), "\(made.output)")
        #expect(made.output.contains("The case repository validates clean."))
        #expect(try CommandLineTests.casebook(["validate", root]).status == 0)

        // C1: a text template; Markdown and blank lines kept, the XML's indentation not.
        let first = try Self.read(root + "/cases/prerequisites/print-document-history-and-attributes.yaml")
        #expect(first.hasPrefix("# yaml-language-server: $schema=../../.casebook/schemas/case.schema.json\nid: DEMO-1\n"))
        #expect(first.contains("title: Print document history and attributes\npriority: medium\ntype: other\nautomation: { status: manual }\n"))
        #expect(
            first.contains(
                "preconditions: |-\n  Lorem ipsum dolor sit amet, consectetuer adipiscing elit. Donec placerat, dui vitae facilisis tempor.\n\n  # This is a H1\n"
            ))
        #expect(first.contains("\n  > Lorem ipsum dolor sit amet,\n  consectetuer adipiscing elit."))
        #expect(first.contains("steps:\n  - action: |-\n      Aenean quis nulla eu dui luctus lobortis:\n\n      h1 {\n"))
        #expect(first.hasSuffix("fields:\n  source-id: C1\n"))
        // References, an estimate in seconds, a type TestRail names with an ampersand.
        let settings = try Self.read(root + "/casebook.yaml")
        #expect(settings.contains("\"smoke & sanity\""))
        #expect(settings.contains("  source-id: { type: string, description: \"The case's id in the tool it was imported from.\" }\n"))
        let withReferences = try #require(
            try FileManager.default.subpathsOfDirectory(atPath: root + "/cases").first { path in
                path.hasSuffix(".yaml") && (try? Self.read(root + "/cases/" + path))?.contains("requirements: [DH-10, DH-29]") == true
            })
        #expect(try Self.read(root + "/cases/" + withReferences).contains("\nestimate: "))

        let before = try Self.contents(of: root)
        let again = try Self.importing([try Self.sample("testrail-demo.xml"), "--from", "testrail-xml"], into: root)
        #expect(again.status == 0)
        #expect(again.output.contains("0 new, 0 changed, 235 unchanged."), "\(again.output)")
        #expect(try Self.contents(of: root) == before)
    }

    @Test func aRussianSuiteKeepsItsScriptSeparatedStepsAndDropdowns() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let made = try Self.importing(
            [try Self.sample("testrail-bvt-ru.xml"), "--from", "testrail-xml", "--key", "BVT", "--group", "bvt"], into: folder.path)
        #expect(made.status == 0, "\(made.output)\(made.errors)")
        #expect(made.output.contains("Read 141 cases in 50 groups."))
        #expect(made.output.contains("The case repository validates clean."))
        let group = folder.path + "/cases/bvt/smoke-тестирование/тестовые-данные-для-прохождения-smoke-тестирования"
        #expect(
            try Self.read(group + "/group.yaml")
                == "# yaml-language-server: $schema=../../../../.casebook/schemas/group.schema.json\ntitle: Тестовые данные для прохождения smoke-тестирования\n"
        )
        let testCase = try Self.read(group + "/подготовка-тестовых-данных.yaml")
        #expect(testCase.contains("id: BVT-1\ntitle: Подготовка тестовых данных\npriority: medium\ntype: functional\n"))
        #expect(testCase.contains("preconditions: |-\n  Врач:\n  - у врача есть связка ДР+КР под которыми можно работать в системе\n"))
        #expect(testCase.contains("  - иммет необходимые условия для получения БП\nsteps:\n"))
        #expect(
            testCase.contains(
                "steps:\n  - action: |-\n      Записать врачу в План приема экстренных пациентов.\n      Пациентов по предварительной записи.\n  - action: Записать на прием"
            ))
        #expect(
            testCase.hasSuffix("fields:\n  source-id: C277224\n  autotest: Нет\n  id_autotest: 0\n  sign: BVT\n  statuscase: Черновик\n"),
            "\(testCase)")
        let settings = try Self.read(folder.path + "/casebook.yaml")
        #expect(settings.contains("  statuscase: { type: enum, values: [Черновик, Утверждён] }\n"))
        #expect(settings.contains("  comment: { type: text }\n"))
        // A multi-line custom field keeps its lines.
        let withComment = try #require(
            try FileManager.default.subpathsOfDirectory(atPath: folder.path + "/cases").first { path in
                (try? Self.read(folder.path + "/cases/" + path))?.contains("  comment: |-\n") == true
            })
        #expect(
            try Self.read(folder.path + "/cases/" + withComment).contains(
                "  comment: |-\n    1. В протоколе  при заполнении указывать диагноз\n    2. Заполнять часто используемые поля\n"))
    }

    @Test func everyFieldOfAnOwnTestRailExportAndWhatItCouldNotKeep() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let made = try Self.importing([Self.fixtures + "/testrail-small.xml", "--from", "testrail-xml", "--key", "SHOP"], into: folder.path)
        #expect(made.status == 0, "\(made.output)\(made.errors)")
        #expect(made.output.contains("Not imported (1):\n  \(Self.fixtures)/testrail-small.xml:19:31: the case's <milestone>\n"), "\(made.output)")
        #expect(
            made.output.contains(
                "casebook.yaml gains types: smoke & sanity; fields: source-id (string), component (enum), notes (text).\n"), "\(made.output)")
        #expect(
            try Self.read(folder.path + "/cases/checkout/pay-with-a-saved-card.yaml") == """
                # yaml-language-server: $schema=../../.casebook/schemas/case.schema.json
                id: SHOP-1
                title: Pay with a saved card
                priority: critical
                type: "smoke & sanity"
                automation: { status: automated }
                estimate: 1m30s
                preconditions: |-
                  A signed-in user with **one** saved card.

                  Nothing in the cart.
                steps:
                  - action: Open the cart
                    expected: The cart is shown
                  - action: |-
                      Pay with the saved card
                        (the default one)
                    expected: The order is placed
                requirements: [REQ-1, REQ-2]
                fields:
                  source-id: C101
                  component: Web

                """)
        #expect(
            try Self.read(folder.path + "/cases/checkout/refunds/退款到原卡.yaml") == """
                # yaml-language-server: $schema=../../../.casebook/schemas/case.schema.json
                id: SHOP-2
                title: 退款到原卡
                priority: medium
                type: functional
                estimate: 2m
                steps:
                  - action: Open the order
                  - action: Ask for a refund
                    expected: The refund is shown as pending
                fields:
                  source-id: C102
                  component: Mobile
                  notes: |-
                    First line.

                    Third line, after a blank one.

                """)
        #expect(
            try Self.read(folder.path + "/cases/checkout/group.yaml")
                == "# yaml-language-server: $schema=../../.casebook/schemas/group.schema.json\ntitle: Checkout\ndescription: Paying for a cart.\n")
        #expect(
            try Self.read(folder.path + "/casebook.yaml").contains("  component: { type: enum, values: [Web, Mobile] }\n  notes: { type: text }\n"))

        // --strict refuses the milestone it cannot keep, and writes nothing.
        let strictFolder = try TemporaryDirectory()
        defer { strictFolder.remove() }
        try strictFolder.write("casebook.yaml", "project: { key: SHOP, name: Shop }\n")
        let strict = try Self.importing([Self.fixtures + "/testrail-small.xml", "--from", "testrail-xml", "--strict"], into: strictFolder.path)
        #expect(strict.status == 2 && strict.errors.contains("--strict: 1 thing of the export would not be imported"), "\(strict.errors)")
        #expect(try Self.contents(of: strictFolder.path) == ["casebook.yaml": "project: { key: SHOP, name: Shop }\n"])
        // Into a new repository neither: it is made only when the import goes ahead.
        let refused = try Self.importing(
            [Self.fixtures + "/testrail-small.xml", "--from", "testrail-xml", "--strict", "--key", "NEW"], into: strictFolder.path + "/new")
        #expect(refused.status == 2 && !FileManager.default.fileExists(atPath: strictFolder.path + "/new"))
    }

    /// A new repository is made whole beside its folder and renamed into place: into a path that
    /// does not exist yet or an empty folder it appears at once, and a failure at the last step
    /// leaves nothing beside it. A folder that holds files keeps them among the new ones.
    @Test func aNewRepositoryAppearsWholeOrNotAtAll() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let export = Self.fixtures + "/testrail-small.xml"
        let nested = try Self.importing([export, "--from", "testrail-xml", "--key", "NEW"], into: folder.path + "/a/b/new")
        #expect(nested.status == 0, "\(nested.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/a/b") == ["new"])
        #expect(try CommandLineTests.casebook(["validate", folder.path + "/a/b/new"]).status == 0)

        try FileManager.default.createDirectory(atPath: folder.path + "/empty", withIntermediateDirectories: false)
        #expect(try Self.importing([export, "--from", "testrail-xml", "--key", "NEW"], into: folder.path + "/empty").status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.path + "/empty/casebook.yaml"))

        try folder.write("kept/notes.txt", "mine\n")
        #expect(try Self.importing([export, "--from", "testrail-xml", "--key", "NEW"], into: folder.path + "/kept").status == 0)
        #expect(try Self.read(folder.path + "/kept/notes.txt") == "mine\n")
        #expect(try Self.contents(of: folder.path + "/kept").count == (try Self.contents(of: folder.path + "/empty")).count + 1)

        // A file where the repository would go: made beside it, it cannot take the file's place.
        try folder.write("c/file", "text\n")
        let refused = try Self.importing([export, "--from", "testrail-xml", "--key", "NEW"], into: folder.path + "/c/file")
        #expect(refused.status != 0 && refused.errors.contains("cannot make \(folder.path)/c/file"), "\(refused.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/c") == ["file"])
    }

    @Test func aChangedExportUpdatesTheCasesItWroteAndNoOtherFile() throws {
        let fixture = try GitFixture()
        defer { fixture.folder.remove() }
        try fixture.write([
            "casebook.yaml":
                "# Our project.\nproject: { key: SHOP, name: Shop }\npriorities: [critical, high, medium, low]  # ordered\ndevices: []\n",
            // A case of the team's own whose file name an imported title would take.
            "cases/checkout/pay-with-a-saved-card.yaml": "id: SHOP-7\ntitle: Pay with a saved card\nsteps: [{ action: Pay }]\n",
        ])
        try fixture.commit("Our own case")
        // Another branch took SHOP-8: new cases start after it.
        try fixture.git("checkout", "-q", "-b", "other")
        try fixture.write(["cases/other.yaml": "id: SHOP-8\ntitle: Other\nsteps: [{ action: A }]\n"])
        try fixture.commit("Other")
        try fixture.git("checkout", "-q", "main")
        let export = fixture.path + "/export.xml"
        try FileManager.default.copyItem(atPath: Self.fixtures + "/testrail-small.xml", toPath: export)

        let made = try Self.importing([export, "--from", "testrail-xml"], into: fixture.path)
        #expect(made.status == 0, "\(made.output)\(made.errors)")
        #expect(try Self.read(fixture.path + "/cases/checkout/pay-with-a-saved-card.yaml").hasPrefix("id: SHOP-7\n"))
        #expect(try Self.read(fixture.path + "/cases/checkout/pay-with-a-saved-card-2.yaml").contains("id: SHOP-9\n"))
        // casebook.yaml keeps its comments and the keys it did not need to change.
        let settings = try Self.read(fixture.path + "/casebook.yaml")
        #expect(
            settings.hasPrefix(
                "# Our project.\nproject: { key: SHOP, name: Shop }\npriorities: [critical, high, medium, low]  # ordered\ndevices: []\n"))

        var text = try Self.read(export)
        text = text.replacingOccurrences(of: "<title>Pay with a saved card</title>", with: "<title>Pay with a stored card</title>")
        text = text.replacingOccurrences(of: "<content>Ask for a refund</content>", with: "<content>Ask for a full refund</content>")
        try Data(text.utf8).write(to: URL(fileURLWithPath: export))
        let again = try Self.importing([export, "--from", "testrail-xml"], into: fixture.path)
        #expect(again.status == 0, "\(again.output)\(again.errors)")
        #expect(again.output.contains("0 new, 2 changed, 0 unchanged."), "\(again.output)")
        #expect(again.output.contains("  SHOP-9 cases/checkout/pay-with-a-saved-card-2.yaml (C101): title\n"), "\(again.output)")
        #expect(again.output.contains("  SHOP-10 cases/checkout/refunds/退款到原卡.yaml (C102): steps\n"), "\(again.output)")
        #expect(try Self.read(fixture.path + "/cases/checkout/pay-with-a-saved-card-2.yaml").contains("title: Pay with a stored card\n"))
        #expect(try Self.read(fixture.path + "/cases/checkout/pay-with-a-saved-card.yaml").hasPrefix("id: SHOP-7\n"))

        // --dry-run says what it would do and writes nothing.
        text = text.replacingOccurrences(of: "<title>Pay with a stored card</title>", with: "<title>Pay by card</title>")
        try Data(text.utf8).write(to: URL(fileURLWithPath: export))
        let before = try Self.contents(of: fixture.path + "/cases")
        let dry = try Self.importing([export, "--from", "testrail-xml", "--dry-run"], into: fixture.path)
        #expect(dry.status == 0)
        #expect(
            dry.output.contains("Would write 1 file (--dry-run: nothing written):\n  change cases/checkout/pay-with-a-saved-card-2.yaml\n"),
            "\(dry.output)")
        #expect(try Self.contents(of: fixture.path + "/cases") == before)
    }

    @Test func severalExportsImportAsOne() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let second = try String(contentsOfFile: Self.fixtures + "/testrail-small.xml", encoding: .utf8)
            .replacingOccurrences(of: "<id>C10", with: "<id>C20").replacingOccurrences(of: "<name>Checkout</name>", with: "<name>Orders</name>")
        try folder.write("second.xml", second)
        let made = try Self.importing(
            [Self.fixtures + "/testrail-small.xml", folder.path + "/second.xml", "--from", "testrail-xml", "--key", "TWO"],
            into: folder.path + "/repo")
        #expect(made.status == 0, "\(made.output)\(made.errors)")
        #expect(
            made.output.hasPrefix("Made a case repository (TWO) in \(folder.path)/repo\n") || made.output.contains("Read 4 cases in 4 groups.\n4 new")
        )
        #expect(try Self.read(folder.path + "/repo/cases/orders/refunds/退款到原卡.yaml").contains("id: TWO-4\n"))
        #expect(try Self.read(folder.path + "/repo/cases/checkout/refunds/退款到原卡.yaml").contains("id: TWO-2\n"))
        let twice = try Self.importing(
            [Self.fixtures + "/testrail-small.xml", Self.fixtures + "/testrail-small.xml", "--from", "testrail-xml"], into: folder.path + "/repo")
        #expect(
            twice.status == 2 && twice.errors.contains("testrail-small.xml:11:22: a second case with id C101 (the first is at "), "\(twice.errors)")
    }

    /// libxml2 refuses a document of more than 10 MB given to it at once; the export is streamed.
    @Test func anExportOfMoreThanTenMegabytesIsRead() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write("repo/casebook.yaml", "project: { key: BIG, name: Big }\n")
        let preconditions = String(repeating: "A long precondition line that fills the export.\n", count: 100)
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<suite><sections><section><name>Big</name><cases>\n"
        for number in 1...2_200 {
            xml += "<case><id>C\(number)</id><title>Case \(number)</title><custom><preconds>\(preconditions)</preconds></custom></case>\n"
        }
        xml += "</cases></section></sections></suite>\n"
        #expect(xml.utf8.count > 10 << 20)
        try folder.write("big.xml", xml)
        let outcome = try Self.importing([folder.path + "/big.xml", "--from", "testrail-xml", "--dry-run"], into: folder.path + "/repo")
        #expect(outcome.status == 0, "\(outcome.errors)")
        #expect(outcome.output.hasPrefix("Read 2200 cases in 1 group.\n2200 new, 0 changed, 0 unchanged.\n"), "\(outcome.output.prefix(300))")
    }

    @Test func testRailCSVWithABOMSemicolonsAndContinuationRows() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let made = try Self.importing([Self.fixtures + "/testrail.csv", "--from", "testrail-csv", "--key", "PAY"], into: folder.path)
        #expect(made.status == 0, "\(made.output)\(made.errors)")
        #expect(made.output.contains("  \(Self.fixtures)/testrail.csv: row 2, column 9: the column 'Created By'\n"), "\(made.output)")
        #expect(made.output.contains("The case repository validates clean."))
        #expect(
            try Self.read(folder.path + "/cases/оплата/карты/оплата-картой.yaml") == """
                # yaml-language-server: $schema=../../../.casebook/schemas/case.schema.json
                id: PAY-1
                title: Оплата картой
                priority: high
                type: functional
                estimate: 30s
                preconditions: Пользователь вошёл; корзина не пуста
                steps:
                  - action: Открыть корзину
                    expected: Корзина открыта
                  - action: Оплатить
                    expected: Заказ оформлен
                  - action: |-
                      Проверить письмо
                      с подтверждением
                    expected: Письмо пришло
                fields:
                  source-id: C201

                """)
        #expect(try Self.read(folder.path + "/cases/оплата/возврат.yaml").contains("id: PAY-2\ntitle: Возврат\npriority: low\ntype: regression\n"))
    }

    @Test func testLinkXMLWithNestedSuitesHTMLKeywordsAndCustomFields() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let made = try Self.importing([Self.fixtures + "/testlink.xml", "--from", "testlink-xml", "--key", "TL"], into: folder.path)
        #expect(made.status == 0, "\(made.output)\(made.errors)")
        #expect(made.output.contains("  \(Self.fixtures)/testlink.xml:59:13: the test case's <attachments>\n"), "\(made.output)")
        #expect(
            try Self.read(folder.path + "/cases/account/sign-in/sign-in-with-a-password.yaml") == """
                # yaml-language-server: $schema=../../../.casebook/schemas/case.schema.json
                id: TL-1
                title: Sign in with a password
                priority: high
                automation: { status: automated }
                tags: [smoke, auth]
                estimate: 1m30s
                preconditions: |-
                  A user **exists**.

                  Second paragraph.
                steps:
                  - action: Open the sign-in page
                    expected: The form is shown
                  - action: |-
                      1. Enter the name
                      2. Enter the password
                    expected: Signed in…
                requirements: [REQ-7]
                fields:
                  source-id: 12
                  component: web
                  summary: |-
                    The user signs in & sees the [dashboard](https://example.com/dashboard).

                    - with a *valid* password
                    - from the home page

                """)
        #expect(
            try Self.read(folder.path + "/cases/account/регистрация.yaml").contains(
                "title: Регистрация\npriority: low\nautomation: { status: manual }\n"))
        #expect(
            try Self.read(folder.path + "/cases/account/group.yaml")
                == "# yaml-language-server: $schema=../../.casebook/schemas/group.schema.json\ntitle: Account\ndescription: Signing up and **signing in**.\n"
        )
    }

    @Test func aSpreadsheetByItsMappingAndAStartingMappingFromItsHeader() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let printed = try CommandLineTests.casebook(["import", "cases", Self.fixtures + "/spreadsheet.csv", "--from", "csv", "--print-map"])
        #expect(printed.status == 0, "\(printed.errors)")
        #expect(printed.output.contains("columns:\n  id: Case\n  title: Name\n  group: Folder\n"), "\(printed.output)")
        #expect(printed.output.contains("  priority: Prio\n  steps: Steps\n  expected: Expected\n  tags: Labels\n"))
        #expect(printed.output.contains("  fields:\n    component: Component\n"))

        let made = try Self.importing(
            [Self.fixtures + "/spreadsheet.csv", "--from", "csv", "--map", Self.fixtures + "/spreadsheet-map.yaml", "--key", "CAT"], into: folder.path
        )
        #expect(made.status == 0, "\(made.output)\(made.errors)")
        #expect(
            try Self.read(folder.path + "/cases/catalogue/search/search-by-name-then-sort.yaml") == """
                # yaml-language-server: $schema=../../../.casebook/schemas/case.schema.json
                id: CAT-1
                title: Search by name, then sort
                priority: high
                tags: [search, sort]
                steps:
                  - action: Type a name
                    expected: Results are shown
                  - action: Sort by price
                    expected: Results are sorted
                fields:
                  source-id: X-1
                  component: web

                """)
        let missing = try Self.importing(
            [Self.fixtures + "/spreadsheet.csv", "--from", "csv", "--map", Self.fixtures + "/testrail-small.xml"], into: folder.path)
        #expect(missing.status == 2 && missing.errors.contains("testrail-small.xml:"), "\(missing.errors)")
    }

    @Test(arguments: [
        (
            "broken.xml", "testrail-xml", "<suite>\n<sections><section></sections>\n</suite>",
            "broken.xml:2:31: an element is closed with the wrong end tag"
        ),
        (
            "amp.xml", "testrail-xml", "<suite>\n  <name>Smoke & Sanity</name></suite>",
            "amp.xml:2:16: an & that starts no entity; write the character & as &amp;"
        ),
        (
            "testlink.xml", "testrail-xml", "<testsuite name=\"x\"></testsuite>",
            "testlink.xml:1:20: not a TestRail suite export: the root element is <testsuite>, TestRail writes <suite>"
        ),
        ("suite.xml", "testlink-xml", "<suite></suite>", "suite.xml:1:7: not a TestLink export: the root element is <suite>"),
        (
            "cases.csv", "testlink-xml", "Title,Priority\nA,High\n",
            "cases.csv:1:1: not XML, which a TestLink export is: the file starts with 'Title,Priori…'"
        ),
        (
            "ragged.csv", "testrail-csv", "Title,Priority\nA,High\nB,High,extra\n",
            "ragged.csv: row 3, column 3: the row has 3 columns, the header has 2"
        ),
        (
            "quote.csv", "testrail-csv", "Title,Priority\n\"A,High\n",
            "quote.csv: row 2, column 1: a quoted field is not closed before the end of the file"
        ),
        ("latin1.csv", "testrail-csv", "Title,Priority\nCaf\u{E9},High\n", "latin1.csv:2:4: the file is not UTF-8"),
        ("notitle.csv", "testrail-csv", "Name,Priority\nA,High\n", "notitle.csv: row 1, column 1: not a TestRail CSV export: no Title column"),
        (
            "encoding.xml", "testrail-xml", "<?xml version=\"1.0\" encoding=\"EBCDIC-CP-US\"?><suite/>",
            "encoding.xml:1:1: the file declares the encoding 'ebcdic-cp-us', which casebook does not read; save it as UTF-8"
        ),
        ("dtd.xml", "testrail-xml", "<!DOCTYPE suite [<!ENTITY a \"b\">]><suite/>", "dtd.xml:1:1: a document type declaration"),
    ])
    func badExportsAreLocatedAndWriteNothing(file: String, format: String, content: String, message: String) throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write("repo/casebook.yaml", "project: { key: SHOP, name: Shop }\n")
        var bytes = Data(content.utf8)
        if file == "latin1.csv" { bytes = content.data(using: .isoLatin1)! }
        try bytes.write(to: URL(fileURLWithPath: folder.path + "/" + file))
        let outcome = try CommandLineTests.casebook(["import", "cases", file, "--from", format, "--into", "repo"], in: folder.path)
        #expect(outcome.status == 2)
        #expect(outcome.errors.contains("casebook: error: \(message)"), "\(outcome.errors)")
        #expect(try Self.contents(of: folder.path + "/repo") == ["casebook.yaml": "project: { key: SHOP, name: Shop }\n"])
    }
}
