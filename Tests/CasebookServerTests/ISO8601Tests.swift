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

    /// Every RFC 3339 date-time is read (a year before 1000, offsets past ±14:00, lowercase `t`
    /// and `z`, many fraction digits, a leap second); anything else is not.
    @Test func readsEveryRFC3339DateTime() throws {
        let cases: [(String, Double)] = [
            ("2026-11-21T09:30:00Z", 1_795_253_400), ("2026-11-21t09:30:00z", 1_795_253_400), ("2026-11-21T10:30:00+01:00", 1_795_253_400),
            ("2026-11-21T09:30:00.123456789Z", 1_795_253_400.123456789), ("1970-01-01T00:00:00-23:59", 86_340),
            ("0522-11-20T10:22:03-18:46", -45_666_442_317), ("2024-02-29T00:00:00Z", 1_709_164_800), ("2016-12-31T23:59:60Z", 1_483_228_800),
        ]
        for (text, seconds) in cases {
            let date = try #require(ISO8601.date(text), "\(text)")
            #expect(abs(date.timeIntervalSince1970 - seconds) < 0.000_001, "\(text) → \(date.timeIntervalSince1970)")
        }
        for text in [
            "2026-11-21", "2026-11-21T09:30Z", "2026-13-01T00:00:00Z", "2025-02-29T00:00:00Z", "2026-11-21T24:00:00Z", "2026-11-21T09:30:00+24:00",
            "2026-11-21T09:30:00.Z", "2026-11-21T09:30:00", "2026-11-21T09:30:00Zx", "yesterday",
        ] {
            #expect(ISO8601.date(text) == nil, "\(text)")
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
