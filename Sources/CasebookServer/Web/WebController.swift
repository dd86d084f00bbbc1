import CasebookCore
import CasebookStore
import HTTPTypes
import Hummingbird

/// The pages at `/`: a page lives at the path of its API resource without `/api/v1`. Each reads
/// the snapshot and the database as the JSON controllers do and renders a view model; a page a
/// user may not see answers as the API would, as a page.
struct WebController {
    let projects: ProjectRegistry
    let database: AppDatabase
    let throttle: LoginThrottle
    let anonymousRead: Bool
    let sessionLifetime: Duration
    let secureCookies: Bool

    func add(to endpoints: Endpoints) {
        endpoints.get("/") { request, context in try await page(request, context, home) }
        endpoints.get("/login") { request, context in try await page(request, context, loginForm) }
        endpoints.post("/login") { request, context in try await page(request, context, login) }
        endpoints.post("/logout") { request, context in try await page(request, context, logout) }
        endpoints.get("/projects/{key}/cases") { request, context in try await page(request, context, cases) }
        endpoints.get("/projects/{key}/cases/{id}") { request, context in try await page(request, context, testCase) }
        endpoints.get("/projects/{key}/runs") { request, context in try await page(request, context, runs) }
        endpoints.get("/projects/{key}/plans") { request, context in try await page(request, context, plans) }
        endpoints.get("/projects/{key}/findings") { request, context in try await page(request, context, findings) }
        endpoints.get("/projects/{key}/runs/{run}") { request, context in try await page(request, context, run) }
        for (path, type, content) in [
            (WebTemplates.stylesheetPath, "text/css; charset=utf-8", WebTemplates.stylesheet),
            (WebTemplates.iconPath, "image/svg+xml", WebTemplates.icon),
        ] {
            endpoints.get(path) { _, _ in
                Response(
                    status: .ok,
                    headers: [.contentType: type, .cacheControl: "public, max-age=31536000, immutable", .xContentTypeOptions: "nosniff"],
                    body: .init(byteBuffer: ByteBuffer(string: content)))
            }
        }
    }

    /// Who a page request is: the session of its cookie, anonymous when the server allows
    /// anonymous reads, else nobody (the page sends them to sign in).
    struct Visitor {
        var principal: Principal?
        var token: String?
        var text: WebText
        var language: String

        /// What every page's header shows.
        func chrome(title: String) -> [String: Any] {
            [
                "title": title, "language": language, "stylesheet": WebTemplates.stylesheetPath, "icon": WebTemplates.iconPath,
                "user": principal?.userID == nil ? nil : principal?.username as Any?, "csrf": token.map(WebSession.csrf) as Any?,
            ].compactMapValues { $0 }
        }
    }

    typealias Page = @Sendable (Request, CasebookRequestContext, Visitor) async throws -> Response

    /// Runs `handler` for a visitor, refusing a form posted from another site, and renders a
    /// failure as a page.
    private func page(_ request: Request, _ context: CasebookRequestContext, _ handler: Page) async throws -> Response {
        let (text, language) = WebText.choose(request.headers[.acceptLanguage])
        var visitor = Visitor(principal: nil, token: WebSession.token(in: request), text: text, language: language)
        if let token = visitor.token { visitor.principal = try? await database.authenticate(token) }
        if visitor.principal == nil {
            visitor.token = nil
            if anonymousRead { visitor.principal = .anonymous }
        }
        do {
            if request.method == .post, request.headers[.secFetchSite] == "cross-site" || !Self.sameOrigin(request) {
                throw Problem(status: .forbidden, kind: .forbidden, title: "Forbidden", detail: "a form posted from another site is refused")
            }
            return try await handler(request, context, visitor)
        } catch let redirect as Redirect {
            return HTMLPage.redirect(to: redirect.location)
        } catch let error as Problem {
            return errorPage(error, visitor)
        } catch let error as StoreError {
            return errorPage(Problem(error), visitor)
        }
    }

    /// Whether the request's `Origin`, when it sends one, is the server it was sent to.
    private static func sameOrigin(_ request: Request) -> Bool {
        guard let origin = request.headers[.origin] else { return true }
        guard let host = request.head.authority else { return false }
        return origin.hasSuffix("://" + host)
    }

    private func errorPage(_ problem: Problem, _ visitor: Visitor) -> Response {
        HTMLPage.response(
            WebTemplates.render(
                "error", ["page": visitor.chrome(title: problem.title), "text": visitor.text, "title": problem.title, "detail": problem.detail]),
            status: problem.status)
    }

    /// The principal of a page that needs one, in project `key` when given: a visitor who is
    /// nobody is sent to sign in; a project they may not read is not found.
    private func require(_ visitor: Visitor, _ request: Request, project key: String? = nil) throws -> Principal {
        guard let principal = visitor.principal else {
            throw Redirect(location: "/login?next=" + PercentEncoding.encode(request.uri.path, keeping: "/"))
        }
        guard let key else { return principal }
        guard let scoped = principal.scoped(to: key) else { throw Problem.notFound("project", key) }
        return scoped
    }

    /// Sends the browser elsewhere (to sign in).
    struct Redirect: Error {
        let location: String
    }

    // MARK: - Pages

    @Sendable func home(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let principal = try require(visitor, request)
        var cards: [[String: Any]] = []
        for project in projects.all where principal.role(in: project.key) != nil {
            let snapshot = project.current.snapshot
            var card: [String: Any] = [
                "key": project.key, "name": snapshot.settings.name, "cases": snapshot.cases.count, "plans": snapshot.plans.count,
                "groups": snapshot.groups.count, "commit": String(project.current.commit.id.prefix(12)),
            ]
            card["description"] = snapshot.settings.description
            cards.append(card)
        }
        return HTMLPage.response(
            WebTemplates.render("home", ["page": visitor.chrome(title: visitor.text.projects), "text": visitor.text, "projects": cards]))
    }

    @Sendable func cases(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let key = try context.parameters.require("key")
        _ = try require(visitor, request, project: key)
        let parameters = try QueryParameters(request, accepting: CasesController.listParameters, prefixes: ["field."])
        let served = try await projects.project(key).snapshot(at: parameters.ref)
        let snapshot = served.snapshot
        let query = try CasesController.query(parameters, for: snapshot)
        let found = snapshot.cases(matching: query)
        func options(_ values: [String], _ chosen: String?) -> [[String: Any]] { values.map { ["value": $0, "selected": $0 == chosen] } }
        let filters: [String: Any] = [
            "q": parameters.string("q") ?? "", "tag": parameters.string("tag") ?? "", "owner": parameters.string("owner") ?? "",
            "group": parameters.string("group") ?? "",
            "priorities": options(snapshot.settings.priorities, parameters.string("priority")),
            "types": options(snapshot.settings.types, parameters.string("type")),
            "automations": options(AutomationStatus.allCases.map(\.rawValue), parameters.string("automation")),
        ]
        var next: String?
        if let cursor = found.next?.token {
            var components = request.uri.query.map { $0.split(separator: "&").filter { !$0.hasPrefix("cursor=") }.map(String.init) } ?? []
            components.append("cursor=" + cursor)
            next = request.uri.path + "?" + components.joined(separator: "&")
        }
        let rows: [[String: Any]] = found.cases.map { testCase in
            [
                "id": testCase.id, "title": testCase.title, "priority": testCase.priority, "type": testCase.type,
                "automation": testCase.automation.status.rawValue, "group": testCase.group,
            ]
        }
        let view: [String: Any] = [
            "page": visitor.chrome(title: visitor.text.casesTitle + " · " + snapshot.settings.name), "text": visitor.text,
            "project": ["key": key, "name": snapshot.settings.name], "total": found.total, "filters": filters, "cases": rows, "next": next ?? false,
        ]
        return HTMLPage.response(WebTemplates.render("cases", view))
    }

    @Sendable func testCase(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let key = try context.parameters.require("key")
        _ = try require(visitor, request, project: key)
        let parameters = try QueryParameters(request)
        let served = try await projects.project(key).snapshot(at: parameters.ref)
        let id = try context.parameters.require("id")
        guard let testCase = served.testCase(id) else { throw Problem.notFound("case", id) }
        let snapshot = served.snapshot
        let steps: [[String: Any]] = snapshot.expandedSteps(testCase.steps).map { step in
            var row: [String: Any] = [:]
            switch step.kind {
            case .action(let action, let expected):
                row = ["action": action, "expected": expected.isEmpty ? nil : expected as Any?].compactMapValues { $0 }
            case .use(let block): row = ["action": "use \(block)"]
            }
            if let block = step.block { row["block"] = block }
            return row
        }
        let fields: [[String: Any]] = snapshot.settings.fields.compactMap { field in
            testCase.fields[field.name].map { ["name": field.name, "value": $0.text] }
        }
        let links = testCase.links.filter { $0.hasPrefix("https://") || $0.hasPrefix("http://") }
        let version = snapshot.version(of: testCase)
        let executed = try await database.caseExecutions(project: key, caseID: id, page: PageRequest(limit: 50))
        let people = try await database.people(executed.rows.map(\.execution.executedById))
        let results: [[String: Any]] = executed.rows.map { entry in
            [
                "status": entry.execution.status.rawValue, "run": entry.run.id ?? 0, "runTitle": entry.run.title, "build": entry.run.build ?? "",
                "device": entry.execution.deviceId ?? "", "by": people[entry.execution.executedById]?.displayName ?? "",
                "when": entry.execution.finishedAt.map(ISO8601.string) ?? "",
                "outdated": ![version, testCase.contentID].contains(entry.execution.caseVersion),
            ]
        }
        let revisions = try await projects.project(key).repository.history(ofCase: id, at: testCase.path, from: served.commit.id)
        let history: [[String: Any]] = revisions.prefix(50).map { revision in
            [
                "commit": String(revision.commit.id.prefix(12)), "change": revision.change.rawValue,
                "message": revision.commit.message.split(separator: "\n").first.map(String.init) ?? "", "author": revision.commit.authorName,
                "date": revision.commit.date,
            ]
        }
        var detail: [String: Any] = [
            "id": testCase.id, "title": testCase.title, "priority": testCase.priority, "type": testCase.type,
            "automation": testCase.automation.status.rawValue, "group": testCase.group, "tags": testCase.tags, "hasTags": !testCase.tags.isEmpty,
            "requirements": testCase.requirements, "hasRequirements": !testCase.requirements.isEmpty, "links": links, "hasLinks": !links.isEmpty,
            "fields": fields, "path": testCase.path, "steps": steps, "results": results, "hasResults": !results.isEmpty, "history": history,
        ]
        detail["ref"] = testCase.automation.ref
        detail["owner"] = testCase.owner
        detail["preconditions"] = testCase.preconditions
        let view: [String: Any] = [
            "page": visitor.chrome(title: testCase.id + " " + testCase.title), "text": visitor.text,
            "project": ["key": key, "name": snapshot.settings.name], "case": detail,
        ]
        return HTMLPage.response(WebTemplates.render("case", view))
    }

    @Sendable func runs(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let key = try context.parameters.require("key")
        _ = try require(visitor, request, project: key)
        let parameters = try QueryParameters(request, accepting: RunsController.listParameters)
        let project = try projects.project(key)
        var filter = AppDatabase.RunFilter(plan: parameters.string("plan"), build: parameters.string("build"))
        if let state = try parameters.one("state", of: RunState.self) { filter.open = state == .open }
        let page = try await database.runs(project: key, filter, page: try parameters.page(defaultLimit: 50))
        let rows: [[String: Any]] = page.rows.map { run in
            [
                "id": run.id ?? 0, "title": run.title, "plan": run.planId, "build": run.build ?? "", "state": run.closedAt == nil ? "open" : "closed",
                "created": ISO8601.string(run.createdAt),
            ]
        }
        let next = page.next.map { request.uri.path + "?cursor=\($0)" }
        let view: [String: Any] = [
            "page": visitor.chrome(title: visitor.text.runs + " · " + project.current.snapshot.settings.name), "text": visitor.text,
            "project": ["key": key, "name": project.current.snapshot.settings.name], "runs": rows, "next": next ?? false,
        ]
        return HTMLPage.response(WebTemplates.render("runs", view))
    }

    @Sendable func run(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let key = try context.parameters.require("key")
        _ = try require(visitor, request, project: key)
        _ = try QueryParameters(request)
        let project = try projects.project(key)
        let runID = try context.parameters.requireID("run")
        let run = try await database.run(runID, project: key)
        let served = project.current
        let progress = try await database.progress(run: runID, project: key, snapshot: served.snapshot, commit: served.commit.id)
        let text = visitor.text
        func bars(_ heading: String, _ counts: [String: RunProgress.Counts], empty: String) -> [String: Any] {
            [
                "heading": heading,
                "rows": counts.keys.sorted().map { label in StatusBar(label: label.isEmpty ? empty : label, counts: counts[label] ?? [:]).view },
            ]
        }
        let view: [String: Any] = [
            "page": visitor.chrome(title: run.title), "text": text, "project": ["key": key, "name": served.snapshot.settings.name],
            "run": [
                "id": runID, "title": run.title, "plan": run.planId, "build": run.build ?? "—", "state": run.closedAt == nil ? "open" : "closed",
                "commit": String(run.commitId.prefix(12)), "passRate": progress.passRate.map { String(format: "%.1f %%", $0 * 100) } ?? "—",
            ],
            "statuses": ExecutionStatus.allCases.map { ["name": $0.rawValue, "count": progress.statuses[$0] ?? 0] },
            "bars": [bars(text.byDevice, progress.devices, empty: text.noDevice), bars(text.byGroup, progress.groups, empty: "—")],
            "outdated": progress.outdated.map { outdated in
                [
                    "case": outdated.caseID, "device": outdated.device ?? "", "status": outdated.status.rawValue,
                    "reason": outdated.currentVersion == nil ? "case removed" : "case changed",
                ]
            },
        ]
        return HTMLPage.response(WebTemplates.render("run", view))
    }

    @Sendable func plans(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let key = try context.parameters.require("key")
        _ = try require(visitor, request, project: key)
        let parameters = try QueryParameters(request)
        let snapshot = try await projects.project(key).snapshot(at: parameters.ref).snapshot
        let plans: [[String: Any]] = snapshot.plans.map { plan in
            let resolved = snapshot.resolvedPlans[plan.id]
            var byDevice: [(String, Int)] = []
            for entry in resolved?.entries ?? [] where entry.device != nil {
                if let index = byDevice.firstIndex(where: { $0.0 == entry.device }) {
                    byDevice[index].1 += 1
                } else {
                    byDevice.append((entry.device ?? "", 1))
                }
            }
            var row: [String: Any] = [
                "id": plan.id, "title": plan.title, "cases": resolved?.caseIDs.count ?? 0, "executions": resolved?.entries.count ?? 0,
                "devices": byDevice.map { ["name": $0.0, "count": $0.1] }, "hasDevices": !byDevice.isEmpty,
            ]
            row["description"] = plan.description
            return row
        }
        let view: [String: Any] = [
            "page": visitor.chrome(title: visitor.text.plansTitle + " · " + snapshot.settings.name), "text": visitor.text,
            "project": ["key": key, "name": snapshot.settings.name], "plans": plans,
        ]
        return HTMLPage.response(WebTemplates.render("plans", view))
    }

    @Sendable func findings(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let key = try context.parameters.require("key")
        _ = try require(visitor, request, project: key)
        let parameters = try QueryParameters(request)
        let project = try projects.project(key)
        let served = try await project.snapshot(at: parameters.ref)
        let snapshot = served.snapshot
        // The source line of each finding, read from the served commit (the first 200 findings).
        let shown = snapshot.findings.prefix(200)
        let sources = try await project.repository.lines(of: Set(shown.map(\.file)), at: served.commit.id)
        let rows: [[String: Any]] = shown.map { finding in
            var row: [String: Any] = [
                "file": finding.file, "line": finding.mark.line, "column": finding.mark.column, "severity": finding.severity.rawValue,
                "message": finding.message, "rule": finding.rule.rawValue,
            ]
            if let lines = sources[finding.file], (1...lines.count).contains(finding.mark.line) {
                row["source"] = String(lines[finding.mark.line - 1])
            }
            return row
        }
        let view: [String: Any] = [
            "page": visitor.chrome(title: visitor.text.findings + " · " + snapshot.settings.name), "text": visitor.text,
            "project": ["key": key, "name": snapshot.settings.name], "findings": rows, "commit": String(served.commit.id.prefix(12)),
            "errors": snapshot.findings.filter { $0.severity == .error }.count,
            "warnings": snapshot.findings.filter { $0.severity == .warning }.count,
        ]
        return HTMLPage.response(WebTemplates.render("findings", view))
    }

    // MARK: - Signing in and out

    @Sendable func loginForm(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let next = try QueryParameters(request, accepting: ["next"]).string("next") ?? "/"
        return HTMLPage.response(loginPage(visitor, next: next, username: "", error: nil))
    }

    private func loginPage(_ visitor: Visitor, next: String, username: String, error: String?) -> String {
        WebTemplates.render(
            "login",
            ["page": visitor.chrome(title: visitor.text.signIn), "text": visitor.text, "next": next, "username": username, "error": error ?? false])
    }

    @Sendable func login(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let form = try await FormBody(request)
        let username = form.string("username") ?? "", password = form.string("password") ?? ""
        let next = Self.localPath(form.string("next"))
        if let wait = throttle.retryAfter(username: username, address: context.clientAddress) {
            throw Problem(
                status: .tooManyRequests, kind: .tooManyRequests, title: "Too many failed logins",
                detail: "too many failed logins for this user or from this address; try again in \(wait) seconds")
        }
        do {
            let session = try await database.login(username: username, password: password, lifetime: sessionLifetime, from: context.clientAddress)
            throttle.recordSuccess(username: username)
            let cookie = WebSession.cookie(
                session.token.text, request: request, secure: secureCookies, maxAge: Int(sessionLifetime.components.seconds))
            return HTMLPage.redirect(to: next, extra: [.setCookie: cookie])
        } catch StoreError.unauthorized {
            throttle.recordFailure(username: username, address: context.clientAddress)
            return HTMLPage.response(loginPage(visitor, next: next, username: username, error: visitor.text.wrongLogin), status: .unauthorized)
        }
    }

    @Sendable func logout(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        let form = try await FormBody(request)
        if let token = visitor.token, let principal = visitor.principal {
            guard let sent = form.string("csrf"), HMAC.constantTimeEqual(Array(sent.utf8), Array(WebSession.csrf(for: token).utf8)) else {
                throw Problem(
                    status: .forbidden, kind: .forbidden, title: "Forbidden", detail: "the form's CSRF token is missing or wrong; reload the page")
            }
            try await database.logout(principal)
        }
        return HTMLPage.redirect(to: "/", extra: [.setCookie: WebSession.cookie(nil, request: request, secure: secureCookies, maxAge: 0)])
    }

    /// `path` when it is a path of this server (`/…`, not `//host`), else `/`.
    static func localPath(_ path: String?) -> String {
        guard let path, path.hasPrefix("/"), !path.hasPrefix("//"), !path.contains("\\") else { return "/" }
        return path
    }
}

extension HTTPField.Name {
    static let secFetchSite = Self("Sec-Fetch-Site")!
}
