import CasebookCore
import CasebookStore
import HTTPTypes
import Hummingbird

/// The pages at `/`: a page lives at the path of its API resource without `/api/v1`. Each reads
/// the snapshot and the database as the JSON controllers do and renders a view model; a page a
/// user may not see answers as the API would, as a page. The pages themselves are in the
/// extensions beside this file, one per part of the application.
struct WebController {
    let projects: ProjectRegistry
    let database: AppDatabase
    let throttle: LoginThrottle
    let anonymousRead: Bool
    let sessionLifetime: Duration
    let secureCookies: Bool

    func add(to endpoints: Endpoints) {
        let pages: [(String, Page)] = [
            ("/", home), ("/login", loginForm), ("/account", account), ("/api", reference),
            ("/users", users), ("/audit", audit),
            ("/projects/{key}/cases", cases), ("/projects/{key}/cases/{id}", testCase),
            ("/projects/{key}/groups/{path+}", group), ("/projects/{key}/shared-steps/{id}", sharedSteps),
            ("/projects/{key}/plans", plans), ("/projects/{key}/plans/{id}", plan), ("/projects/{key}/findings", findings),
            ("/projects/{key}/diff", diff), ("/projects/{key}/requirements", requirements),
            ("/projects/{key}/runs", runs), ("/projects/{key}/runs/new", newRun), ("/projects/{key}/runs/{run}", run),
            ("/projects/{key}/runs/{run}/executions", runExecutions), ("/projects/{key}/runs/{run}/executions/{execution}", runner),
            ("/projects/{key}/runs/{run}/execute", execute), ("/projects/{key}/runs/{run}/report", report), ("/my-work", myWork),
        ]
        for (path, handler) in pages {
            endpoints.get(path) { request, context in try await page(request, context, handler) }
        }
        let forms: [(String, Page)] = [
            ("/login", login), ("/logout", logout), ("/account/language", setLanguage), ("/account/tokens", createToken),
            ("/account/tokens/{id}/revoke", revokeToken), ("/account/sessions/{id}/revoke", revokeSession),
            ("/projects/{key}/runs", createRun), ("/projects/{key}/runs/{run}/clone", cloneRun),
            ("/projects/{key}/runs/{run}/executions", updateExecutions), ("/projects/{key}/runs/{run}/executions/{execution}", recordFromRunner),
        ]
        for (path, handler) in forms {
            endpoints.post(path) { request, context in try await page(request, context, handler) }
        }
        for asset in [WebTemplates.stylesheet, WebTemplates.script, WebTemplates.icon] {
            let plain = ByteBuffer(bytes: asset.bytes)
            let compressed = Compression.gzip(plain)
            endpoints.get(asset.path) { request, _ in
                var headers: HTTPFields = [
                    .contentType: asset.type, .cacheControl: "public, max-age=31536000, immutable", .xContentTypeOptions: "nosniff",
                    .vary: "Accept-Encoding",
                ]
                if let compressed, Compression.acceptsGzip(request) {
                    headers[.contentEncoding] = "gzip"
                    return Response(status: .ok, headers: headers, body: .init(byteBuffer: compressed))
                }
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: plain))
            }
        }
    }

    /// Who a page request is: the session of its cookie, anonymous when the server allows
    /// anonymous reads, else nobody (the page sends them to sign in); and how to answer them.
    struct Visitor {
        var principal: Principal?
        var token: String?
        var text: WebText
        var language: String
        /// Whether the browser takes gzip.
        var gzip: Bool

        /// What every page's header shows.
        func chrome(title: String) -> [String: Any] {
            [
                "title": title, "language": language, "stylesheet": WebTemplates.stylesheet.path, "script": WebTemplates.script.path,
                "icon": WebTemplates.icon.path, "user": principal?.userID == nil ? nil : principal?.username as Any?,
                "admin": principal?.role == .admin, "csrf": token.map(WebSession.csrf) as Any?,
            ].compactMapValues { $0 }
        }

        /// The page of template `name` for `view`, titled `title`. `conditional`: the request, for
        /// a page that polls itself (an `ETag`, and 304 while it is unchanged).
        func render(
            _ name: String, title: String, _ view: [String: Any], status: HTTPResponse.Status = .ok, conditional: Request? = nil,
            extra: HTTPFields = [:]
        ) -> Response {
            var view = view
            view["page"] = chrome(title: title)
            view["text"] = text.words
            return HTMLPage.response(WebTemplates.render(name, view), status: status, extra: extra, gzip: gzip, conditional: conditional)
        }
    }

    typealias Page = @Sendable (Request, CasebookRequestContext, Visitor) async throws -> Response

    /// Runs `handler` for a visitor, refusing a form posted from another site, and renders a
    /// failure as a page.
    private func page(_ request: Request, _ context: CasebookRequestContext, _ handler: Page) async throws -> Response {
        var (text, language) = WebText.choose(request.headers[.acceptLanguage])
        var visitor = Visitor(
            principal: nil, token: WebSession.token(in: request), text: text, language: language, gzip: Compression.acceptsGzip(request))
        if let token = visitor.token { visitor.principal = try? await database.authenticate(token) }
        if let user = visitor.principal?.userID, let chosen = try? await database.language(of: user), let catalogue = WebText.catalogue(chosen) {
            (text, language) = catalogue
            visitor.text = text
            visitor.language = language
        }
        if visitor.principal == nil {
            visitor.token = nil
            if anonymousRead { visitor.principal = .anonymous }
        }
        do {
            if request.method == .post {
                if request.headers[.secFetchSite] == "cross-site" || !Self.sameOrigin(request) {
                    throw Problem(status: .forbidden, kind: .forbidden, title: "Forbidden", detail: "a form posted from another site is refused")
                }
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

    /// The answer of a form's `work`; a problem it meets (a value refused, a conflict) is shown by
    /// `page` in the form it came from, instead of on the error page.
    func showingProblems(_ work: () async throws -> Response, on page: (Problem) async throws -> Response) async throws -> Response {
        do {
            return try await work()
        } catch let problem as Problem {
            return try await page(problem)
        } catch let error as StoreError {
            return try await page(Problem(error))
        }
    }

    /// Whether the request's `Origin`, when it sends one, is the server it was sent to.
    static func sameOrigin(_ request: Request) -> Bool {
        guard let origin = request.headers[.origin] else { return true }
        guard let host = request.head.authority else { return false }
        return origin.hasSuffix("://" + host)
    }

    private func errorPage(_ problem: Problem, _ visitor: Visitor) -> Response {
        visitor.render("error", title: problem.title, ["title": problem.title, "detail": problem.detail], status: problem.status)
    }

    /// The principal of a page that needs one, in project `key` when given: a visitor who is
    /// nobody is sent to sign in; a project they may not read is not found.
    func require(_ visitor: Visitor, _ request: Request, project key: String? = nil) throws -> Principal {
        guard let principal = visitor.principal else {
            throw Redirect(location: "/login?next=" + PercentEncoding.encode(request.uri.path, keeping: "/"))
        }
        guard let key else { return principal }
        guard let scoped = principal.scoped(to: key) else { throw Problem.notFound("project", key) }
        return scoped
    }

    /// The signed-in user of a page that changes something, after checking the form's CSRF
    /// token: anonymous readers and API tokens cannot.
    func requireSession(_ visitor: Visitor, _ request: Request, form: FormBody) throws -> (Principal, String) {
        guard let principal = visitor.principal, let token = visitor.token, principal.userID != nil else {
            throw Redirect(location: "/login?next=" + PercentEncoding.encode(request.uri.path, keeping: "/"))
        }
        guard WebSession.checks(form.string("csrf"), token: token) else { throw Problem.badCSRF }
        return (principal, token)
    }

    /// Sends the browser elsewhere (to sign in, or back to a page after a form).
    struct Redirect: Error {
        let location: String
    }

    /// What a page of a project's repository starts from: the project the path names (one the
    /// visitor may read), the query (`?ref=` and the parameters `accepting` and `prefixes` allow),
    /// the snapshot at that ref, and the project part of the page's view.
    struct ProjectPage {
        let key: String
        let parameters: QueryParameters
        let project: Project
        let served: ServedSnapshot
        let view: [String: Any]

        var snapshot: Snapshot { served.snapshot }
    }

    func projectPage(
        _ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor, accepting names: [String] = [], prefixes: [String] = []
    ) async throws -> ProjectPage {
        let key = try context.parameters.require("key")
        _ = try require(visitor, request, project: key)
        let parameters = try QueryParameters(request, accepting: names, prefixes: prefixes)
        let project = try projects.project(key)
        let served = try await project.snapshot(at: parameters.ref)
        return ProjectPage(
            key: key, parameters: parameters, project: project, served: served,
            view: await projectView(project, served, ref: parameters.ref, request: request))
    }

    /// The project part of a page's view: its key and name, and the ref switcher — the refs to
    /// choose from, the ref shown (when it is not the followed branch), and the page's other
    /// query parameters, kept when switching.
    func projectView(_ project: Project, _ served: ServedSnapshot, ref: String?, request: Request) async -> [String: Any] {
        let refs = (try? await project.repository.references()) ?? []
        let kept = QueryLink.pairs(request).filter { $0.0 != "ref" && $0.0 != "cursor" }
        var view: [String: Any] = [
            "key": project.key, "name": served.snapshot.settings.name, "refs": refs, "path": request.uri.path,
            "kept": kept.map { ["name": $0.0, "value": $0.1] }, "commit": String(served.commit.id.prefix(12)),
            "followed": project.repository.followed,
        ]
        if let ref { view["ref"] = ref }
        return view
    }
}

extension Problem {
    /// A form without its session's CSRF token.
    static var badCSRF: Problem {
        Problem(status: .forbidden, kind: .forbidden, title: "Forbidden", detail: "the form's CSRF token is missing or wrong; reload the page")
    }
}

extension HTTPField.Name {
    static let secFetchSite = Self("Sec-Fetch-Site")!
}
