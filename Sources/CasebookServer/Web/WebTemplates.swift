import CasebookStore
import Foundation
import Mustache

/// The pages' templates, compiled into the binary, and the static assets under names that hold
/// a digest of their content (so each is cached for good and a new one is fetched when it
/// changes).
enum WebTemplates {
    static let library: MustacheLibrary = {
        let sources: [String: [UInt8]] = [
            "header": PackageResources.header_mustache,
            "footer": PackageResources.footer_mustache,
            "tabs": PackageResources.tabs_mustache,
            "home": PackageResources.home_mustache,
            "login": PackageResources.login_mustache,
            "error": PackageResources.error_mustache,
            "cases": PackageResources.cases_mustache,
            "case": PackageResources.case_mustache,
            "group": PackageResources.group_mustache,
            "shared-steps": PackageResources.shared_steps_mustache,
            "plans": PackageResources.plans_mustache,
            "plan": PackageResources.plan_mustache,
            "findings": PackageResources.findings_mustache,
            "diff": PackageResources.diff_mustache,
            "fieldchanges": PackageResources.fieldchanges_mustache,
            "stepchanges": PackageResources.stepchanges_mustache,
            "words": PackageResources.words_mustache,
            "runs": PackageResources.runs_mustache,
            "run": PackageResources.run_mustache,
            "requirements": PackageResources.requirements_mustache,
            "account": PackageResources.account_mustache,
            "users": PackageResources.users_mustache,
            "audit": PackageResources.audit_mustache,
            "reference": PackageResources.reference_mustache,
            "runner": PackageResources.runner_mustache,
            "my-work": PackageResources.my_work_mustache,
            "new-run": PackageResources.new_run_mustache,
            "executions": PackageResources.executions_mustache,
            "report": PackageResources.report_mustache,
        ]
        // A template that does not parse is a fault of this build, found by the first test that renders a page.
        let templates = sources.mapValues { try! MustacheTemplate(string: String(decoding: $0, as: UTF8.self)) }
        return MustacheLibrary(templates: templates)
    }()

    static let stylesheet = Asset(name: "casebook", suffix: ".css", type: "text/css; charset=utf-8", bytes: PackageResources.casebook_css)
    static let script = Asset(name: "casebook", suffix: ".js", type: "text/javascript; charset=utf-8", bytes: PackageResources.casebook_js)
    static let icon = Asset(name: "favicon", suffix: ".svg", type: "image/svg+xml", bytes: PackageResources.favicon_svg)

    /// `view` rendered with the template `name`.
    static func render(_ name: String, _ view: Any) -> String {
        library.render(view, withTemplate: name) ?? ""
    }
}

/// A static file of the pages, served at a path that names its content's digest.
struct Asset: Sendable {
    let path: String
    let type: String
    let bytes: [UInt8]

    init(name: String, suffix: String, type: String, bytes: [UInt8]) {
        self.path = "/assets/" + name + "-" + String(SHA256.hex(bytes).prefix(12)) + suffix
        self.type = type
        self.bytes = bytes
    }
}
