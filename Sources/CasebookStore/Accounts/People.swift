/// Users by id: who created a run, executed a case, wrote a comment or uploaded a file.
package struct People: Sendable {
    package let users: [Int64: User]

    package subscript(id: Int64?) -> User? {
        id.flatMap { users[$0] }
    }
}
