import Foundation
import Testing

@testable import CasebookServer

/// The catalogues: every language has every word, and every word a template asks for exists.
@Suite struct WebTextTests {
    @Test func everyLanguageHasEveryWordEveryTemplateUses() throws {
        #expect(Set(WebText.englishWords.keys) == Set(WebText.chineseWords.keys))
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/CasebookServer/Resources/web")
        let templates = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }
        #expect(templates.count == 29, "every template is listed in WebTemplates and Package.swift")
        for template in templates {
            let text = try String(contentsOf: folder.appendingPathComponent(template), encoding: .utf8)
            for match in text.matches(of: /\{\{[#^\/]?text\.([A-Za-z]+)\}\}/) {
                #expect(WebText.englishWords[String(match.output.1)] != nil, "\(template) uses text.\(match.output.1)")
            }
        }
    }

    @Test func markdownLinksGoOnlyWhereTheyMay() {
        #expect(MarkdownHTML.html("[a](/projects/SHOP)") == "<p><a href=\"/projects/SHOP\">a</a></p>")
        #expect(!MarkdownHTML.html("[a](javascript:alert(1))").contains("href"))
        #expect(!MarkdownHTML.html("[a](//evil.example.net/x)").contains("href"))
        #expect(!MarkdownHTML.html("![x](https://evil.example.net/pixel.png)").contains("<img"))
        #expect(MarkdownHTML.html("<b>bold</b>").contains("&lt;b&gt;bold&lt;/b&gt;"))
    }
}
