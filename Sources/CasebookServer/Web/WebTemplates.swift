import CasebookStore
import Foundation
import Mustache

/// The pages' templates, compiled into the binary, and the stylesheet under a name that holds a
/// digest of its content (so it is cached for good and a new one is fetched when it changes).
enum WebTemplates {
    static let library: MustacheLibrary = {
        let sources: [String: [UInt8]] = [
            "header": PackageResources.header_mustache, "footer": PackageResources.footer_mustache, "home": PackageResources.home_mustache,
            "cases": PackageResources.cases_mustache, "case": PackageResources.case_mustache, "login": PackageResources.login_mustache,
            "error": PackageResources.error_mustache, "runs": PackageResources.runs_mustache, "run": PackageResources.run_mustache,
            "tabs": PackageResources.tabs_mustache, "plans": PackageResources.plans_mustache, "findings": PackageResources.findings_mustache,
        ]
        // A template that does not parse is a fault of this build, found by the first test that renders a page.
        let templates = sources.mapValues { try! MustacheTemplate(string: String(decoding: $0, as: UTF8.self)) }
        return MustacheLibrary(templates: templates)
    }()

    static let stylesheet = String(decoding: PackageResources.casebook_css, as: UTF8.self)
    static let stylesheetPath = "/assets/casebook-" + String(SHA256.hex(PackageResources.casebook_css).prefix(12)) + ".css"
    static let icon = String(decoding: PackageResources.favicon_svg, as: UTF8.self)
    static let iconPath = "/assets/favicon-" + String(SHA256.hex(PackageResources.favicon_svg).prefix(12)) + ".svg"

    /// `view` rendered with the template `name`.
    static func render(_ name: String, _ view: Any) -> String {
        library.render(view, withTemplate: name) ?? ""
    }
}
