import GRDB

extension AppDatabase {
    /// The schema, as named migrations that are only ever appended to.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("accounts") { db in
            try db.create(table: "department") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull().unique().collate(.nocase).check { length($0) > 0 }
            }
            try db.create(table: "user") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("username", .text).notNull().unique().collate(.nocase).check { length($0) > 0 }
                t.column("displayName", .text).notNull()
                t.column("email", .text)
                t.belongsTo("department", onDelete: .setNull)
                t.column("role", .text).notNull().check { Role.allCases.map(\.rawValue).contains($0) }
                t.column("passwordHash", .text).notNull()
                t.column("disabled", .boolean).notNull().defaults(to: false)
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "session") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("user", onDelete: .cascade).notNull()
                t.column("tokenDigest", .blob).notNull().unique()
                t.column("createdAt", .datetime).notNull()
                t.column("expiresAt", .datetime).notNull()
                t.column("revokedAt", .datetime)
            }
            try db.create(table: "apiToken") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("user", onDelete: .cascade).notNull()
                t.column("name", .text).notNull().check { length($0) > 0 }
                t.column("tokenDigest", .blob).notNull().unique()
                t.column("canWrite", .boolean).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("lastUsedAt", .datetime)
                t.column("revokedAt", .datetime)
            }
        }
        migrator.registerMigration("runs") { db in
            try db.create(table: "run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("project", .text).notNull()
                t.column("planId", .text).notNull()
                t.column("title", .text).notNull()
                t.column("build", .text)
                t.column("commitId", .text).notNull()
                t.belongsTo("createdBy", inTable: "user", onDelete: .setNull)
                t.column("createdAt", .datetime).notNull()
                t.column("closedAt", .datetime)
                // Counts the writes to the run's results, so that its progress can be cached until the next.
                t.column("revision", .integer).notNull().defaults(to: 0)
            }
            try db.create(index: "run_by_project", on: "run", columns: ["project", "createdAt"])
            try db.create(table: "execution") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("run", onDelete: .cascade).notNull()
                t.column("caseId", .text).notNull()
                t.column("deviceId", .text)
                t.column("groupPath", .text).notNull()
                t.column("status", .text).notNull().check { ExecutionStatus.allCases.map(\.rawValue).contains($0) }
                t.belongsTo("executedBy", inTable: "user", onDelete: .setNull)
                t.column("startedAt", .datetime)
                t.column("finishedAt", .datetime)
                t.column("duration", .double).check { $0 == nil || $0 >= 0 }
                t.column("notes", .text)
                t.column("defects", .jsonText).notNull().defaults(to: "[]")
                t.column("caseBlob", .text).notNull()
            }
            // One execution per (run, case, device); the device may be absent.
            try db.execute(sql: "CREATE UNIQUE INDEX execution_slot ON execution(runId, caseId, coalesce(deviceId, ''))")
            try db.create(index: "execution_by_case", on: "execution", columns: ["caseId"])
            // Counts per (run, device, status) and per (run, group, status), and results per executed
            // case version, kept in the transaction of every write (`createRun`, `applyStaged`), so
            // that a run's progress reads a few thousand rows, not every execution.
            for (table, column) in [("deviceTally", "deviceId"), ("groupTally", "groupPath")] {
                try db.create(table: table, options: .withoutRowID) { t in
                    t.column("runId", .integer).notNull().references("run", onDelete: .cascade)
                    t.column(column, .text).notNull()
                    t.column("status", .text).notNull()
                    t.column("count", .integer).notNull()
                    t.primaryKey(["runId", column, "status"])
                }
            }
            try db.create(table: "executedVersion", options: .withoutRowID) { t in
                t.column("runId", .integer).notNull().references("run", onDelete: .cascade)
                t.column("caseId", .text).notNull()
                t.column("caseBlob", .text).notNull()
                t.column("results", .integer).notNull()
                t.primaryKey(["runId", "caseId", "caseBlob"])
            }
        }
        migrator.registerMigration("discussion") { db in
            try db.create(table: "comment") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("project", .text).notNull()
                t.column("targetKind", .text).notNull().check { ["case", "run", "execution"].contains($0) }
                t.column("targetId", .text).notNull()
                t.belongsTo("author", inTable: "user", onDelete: .setNull)
                t.column("body", .text).notNull().check { length($0) > 0 }
                t.column("createdAt", .datetime).notNull()
                t.column("editedAt", .datetime)
                t.column("deletedAt", .datetime)
            }
            try db.create(index: "comment_by_target", on: "comment", columns: ["project", "targetKind", "targetId"])
            try db.create(table: "attachment") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("project", .text).notNull()
                t.column("targetKind", .text).notNull().check { ["case", "run", "execution", "comment"].contains($0) }
                t.column("targetId", .text).notNull()
                t.column("fileName", .text).notNull().check { length($0) > 0 }
                t.column("mediaType", .text).notNull()
                t.column("size", .integer).notNull().check { $0 >= 0 }
                t.column("sha256", .text).notNull()
                t.belongsTo("uploadedBy", inTable: "user", onDelete: .setNull)
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(index: "attachment_by_target", on: "attachment", columns: ["project", "targetKind", "targetId"])
            try db.create(table: "auditEntry") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("user", onDelete: .setNull)
                t.column("action", .text).notNull()
                t.column("targetKind", .text).notNull()
                t.column("targetId", .text).notNull()
                t.column("summary", .text).notNull()
                t.column("at", .datetime).notNull()
            }
        }
        migrator.registerMigration("execution-indexes") { db in
            // Every bulk of results rewrites executedById, and an index on it cost a third of the
            // update; users are disabled, never deleted, so its ON DELETE SET NULL never scans.
            // runId alone is the prefix of execution_slot.
            try db.execute(sql: "DROP INDEX execution_on_executedById; DROP INDEX execution_on_runId")
        }
        migrator.registerMigration("attachment-digests") { db in
            // Deleting an attachment asks whether another one still uses its bytes.
            try db.create(index: "attachment_by_sha256", on: "attachment", columns: ["sha256"])
        }
        migrator.registerMigration("case-versions") { db in
            // Results are pinned to the version of what was executed, no longer to the file's blob
            // id; rows written before keep their blob ids, compared as such (see `outdated`).
            try db.execute(
                sql: """
                    ALTER TABLE execution RENAME COLUMN caseBlob TO caseVersion;
                    ALTER TABLE executedVersion RENAME COLUMN caseBlob TO caseVersion;
                    """)
        }
        migrator.registerMigration("project-grants") { db in
            // A role per (user, project); a user without any keeps their role on every project.
            try db.create(table: "projectGrant", options: .withoutRowID) { t in
                t.column("userId", .integer).notNull().references("user", onDelete: .cascade)
                t.column("project", .text).notNull()
                t.column("role", .text).notNull().check { Role.allCases.map(\.rawValue).contains($0) }
                t.primaryKey(["userId", "project"])
            }
            // The projects an API token is limited to, as a JSON array; NULL: no limit.
            try db.alter(table: "apiToken") { t in t.add(column: "projects", .jsonText) }
        }
        migrator.registerMigration("user-language") { db in
            // The language a user chose for the pages; NULL: the one their browser asks for.
            try db.alter(table: "user") { t in t.add(column: "language", .text) }
        }
        migrator.registerMigration("runner") { db in
            // Who is to execute an execution; how many results it has had (a writer that read an
            // older one gets a conflict); its results per step, as a JSON array.
            try db.alter(table: "execution") { t in
                t.add(column: "assigneeId", .integer).references("user", onDelete: .setNull)
                t.add(column: "version", .integer).notNull().defaults(to: 0)
                t.add(column: "stepResults", .jsonText)
            }
            // Partial: result writes, which never change the assignee, do not touch it.
            try db.execute(sql: "CREATE INDEX execution_by_assignee ON execution(assigneeId) WHERE assigneeId IS NOT NULL")
            // A run's untested executions in order: the runner's next one is a lookup, not a scan of
            // a run whose results are nearly all in. An execution leaves it with its first result.
            try db.execute(sql: "CREATE INDEX execution_untested ON execution(runId, id) WHERE status = 'untested'")
            // The run a re-run was made from.
            try db.alter(table: "run") { t in t.add(column: "rerunOf", .integer).references("run", onDelete: .setNull) }
        }
        return migrator
    }
}
