/// `schemas/openapi.yaml`, compiled into the server (its `Resources/openapi.yaml` links to it).
enum OpenAPIDocument {
    static let text = String(decoding: PackageResources.openapi_yaml, as: UTF8.self)
}
