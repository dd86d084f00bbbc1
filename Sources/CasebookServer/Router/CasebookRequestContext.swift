import Hummingbird

/// The request context of every Casebook route.
struct CasebookRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage

    init(source: Source) {
        coreContext = .init(source: source)
    }
}
