import ArgumentParser
import CasebookStore
import Foundation

/// `casebook user add|list|role|grant|disable|passwd`: accounts, on the database file directly.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage user accounts in the sidecar database.",
        subcommands: [Add.self, List.self, RoleCommand.self, Grant.self, Disable.self, Passwd.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a user; the password is prompted for, or read from standard input.",
            discussion: "The first admin of a new server: casebook user add --admin NAME")

        @OptionGroup var options: DatabaseOptions
        @Flag(help: "Make the user an admin (same as --role admin).")
        var admin = false
        @Option(help: "admin, tester or viewer.")
        var role: String = "tester"
        @Option(help: "The name shown for the user; default: the username.")
        var displayName: String?
        @Option var email: String?
        @Option(help: "An existing department.")
        var department: String?
        @Option(help: "A file of passwords to refuse, one a line (as casebook serve --password-denylist).")
        var passwordDenylist: String?
        @Argument var username: String

        func validate() throws {
            guard Role(rawValue: role) != nil else {
                throw ValidationError("--role must be one of: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() async throws {
            try await reportingFailures {
                let database = try options.open(creating: true, denylist: passwordDenylist)
                let password = try readPassword(prompt: "Password for \(username): ")
                let user = try await database.addUser(
                    .init(
                        username: username, displayName: displayName, email: email, department: department,
                        role: admin ? .admin : Role(rawValue: role) ?? .tester, password: password),
                    by: .commandLine)
                print("added \(user.username) (\(user.role.rawValue))")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the users.")
        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            try await reportingFailures {
                for user in try await options.open().users() {
                    print(
                        [user.username, user.role.rawValue, user.disabled ? "disabled" : "active", user.displayName, user.email ?? ""].joined(
                            separator: "\t"))
                }
            }
        }
    }

    struct RoleCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "role", abstract: "Give a user another role (admin, tester or viewer); the last active admin keeps theirs.")
        @OptionGroup var options: DatabaseOptions
        @Argument var username: String
        @Argument(help: "admin, tester or viewer.")
        var role: String

        func validate() throws {
            guard Role(rawValue: role) != nil else {
                throw ValidationError("the role must be one of: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() async throws {
            try await reportingFailures {
                let user = try await options.open().updateUser(username, .init(role: Role(rawValue: role)), by: .commandLine)
                print("\(user.username) is \(user.role.rawValue)")
            }
        }
    }

    struct Grant: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "grant",
            abstract: "Give a user a role on one project (admin, tester, viewer), or none to take it away.",
            discussion:
                "A user with a role on any project reads only the projects they hold a role on; one without keeps their role on every project.")
        @OptionGroup var options: DatabaseOptions
        @Argument var username: String
        @Argument(help: "The project key, like SHOP.")
        var project: String
        @Argument(help: "admin, tester, viewer or none.")
        var role: String

        func validate() throws {
            guard role == "none" || Role(rawValue: role) != nil else {
                throw ValidationError("the role must be one of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")), none")
            }
        }

        func run() async throws {
            try await reportingFailures {
                try await options.open().grant(username, role: Role(rawValue: role), on: project, by: .commandLine)
                print(role == "none" ? "\(username) has no role on \(project)" : "\(username) is \(role) on \(project)")
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "disable", abstract: "Disable a user: their sessions and API tokens stop working at once.")
        @OptionGroup var options: DatabaseOptions
        @Flag(help: "Enable the user again instead.")
        var enable = false
        @Argument var username: String

        func run() async throws {
            try await reportingFailures {
                let user = try await options.open().updateUser(username, .init(disabled: !enable), by: .commandLine)
                print("\(user.username) is \(user.disabled ? "disabled" : "enabled")")
            }
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "passwd", abstract: "Set a user's password; their sessions end.")
        @OptionGroup var options: DatabaseOptions
        @Option(help: "A file of passwords to refuse, one a line (as casebook serve --password-denylist).")
        var passwordDenylist: String?
        @Argument var username: String

        func run() async throws {
            try await reportingFailures {
                let database = try options.open(denylist: passwordDenylist)
                let password = try readPassword(prompt: "New password for \(username): ")
                _ = try await database.updateUser(username, .init(password: password), by: .commandLine)
                print("password of \(username) changed")
            }
        }
    }
}
