import Foundation
import Testing

@testable import CasebookServer

/// Date-times in answers: to the nearest millisecond, as the database keeps them.
@Suite struct ISO8601Tests {
    @Test(arguments: [
        (1_796_521_369.0, "2026-12-06T01:42:49Z"),
        (1_796_521_369.25, "2026-12-06T01:42:49.250Z"),
        (1_796_521_369.6781, "2026-12-06T01:42:49.678Z"),
        (1_796_521_369.6785, "2026-12-06T01:42:49.679Z"),
        (1_796_521_369.0004, "2026-12-06T01:42:49Z"),
        (1_796_521_369.9996, "2026-12-06T01:42:50Z"),
        (1_796_521_369.007, "2026-12-06T01:42:49.007Z"),
        (-0.25, "1969-12-31T23:59:59.750Z"),
    ])
    func roundsToTheMillisecond(seconds: Double, text: String) {
        #expect(ISO8601.string(Date(timeIntervalSince1970: seconds)) == text)
    }

    @Test func readsWhatItWrites() {
        for text in ["2026-12-06T01:42:49Z", "2026-12-06T01:42:49.679Z", "2026-12-06T01:42:49.007Z"] {
            #expect(ISO8601.date(text).map(ISO8601.string) == text)
        }
    }

    /// A new row's answer says what a later read of it says (the write's answer used to be
    /// truncated where the database rounds).
    @Test func aRunsAnswerAgreesWithItsRow() async throws {
        let repo = try await ServedRepository()
        try await repo.test { client in
            let token = try await client.login("tim")
            for _ in 0..<10 {
                let created = try await client.send(.post, "/api/v1/projects/SHOP/runs", token: token, json: #"{"plan":"PLAN-SMOKE"}"#).1["run"]
                let id = try #require(created?["id"]?.int)
                let read = try await client.send(.get, "/api/v1/projects/SHOP/runs/\(id)", token: token).1["run"]
                #expect(created?["createdAt"]?.string != nil && read?["createdAt"]?.string == created?["createdAt"]?.string)
            }
        }
    }
}
