/// What a user may do: viewers read, testers also record runs, results, comments and
/// attachments, admins also manage users and departments.
package enum Role: String, Codable, Sendable, CaseIterable, Comparable {
    case viewer, tester, admin

    package static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
