import Hummingbird

extension WebController {
    /// `/api`: the OpenAPI document as a page, with a form to try each GET route with the
    /// signed-in session. Readable by anyone, as `/openapi.yaml` is.
    @Sendable func reference(_ request: Request, _ context: CasebookRequestContext, _ visitor: Visitor) async throws -> Response {
        _ = try QueryParameters(request, accepting: [])
        return visitor.render("reference", title: visitor.text.apiReference, ["api": APIReference.view, "signedIn": visitor.principal != nil])
    }
}
