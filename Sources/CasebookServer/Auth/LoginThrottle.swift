import Foundation
import Synchronization

/// Counts failed logins per username and per client address in a sliding window; past the
/// limit, further attempts are refused (429) until the oldest failure leaves the window.
final class LoginThrottle: Sendable {
    /// Failures allowed per username, and per client address, within ``window``.
    let perUsername: Int
    let perAddress: Int
    let window: TimeInterval
    private let failures = Mutex<[String: [Date]]>([:])

    init(perUsername: Int = 5, perAddress: Int = 20, window: TimeInterval = 900) {
        self.perUsername = perUsername
        self.perAddress = perAddress
        self.window = window
    }

    /// Seconds to wait before `username` may try again from `address`, or `nil` when it may now.
    func retryAfter(username: String, address: String, now: Date = Date()) -> Int? {
        failures.withLock { failures in
            let waits = [(Self.userKey(username), perUsername), (Self.addressKey(address), perAddress)].compactMap { key, limit -> TimeInterval? in
                let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
                failures[key] = recent.isEmpty ? nil : recent
                guard recent.count >= limit, let oldest = recent.first else { return nil }
                return window - now.timeIntervalSince(oldest)
            }
            return waits.max().map { max(1, Int($0.rounded(.up))) }
        }
    }

    /// Counts a failed login.
    func recordFailure(username: String, address: String, now: Date = Date()) {
        failures.withLock { failures in
            if failures.count > 100_000 { failures = failures.filter { now.timeIntervalSince($0.value.last ?? now) < window } }
            failures[Self.userKey(username), default: []].append(now)
            failures[Self.addressKey(address), default: []].append(now)
        }
    }

    /// Forgets the failures of `username` after a successful login.
    func recordSuccess(username: String) {
        _ = failures.withLock { $0.removeValue(forKey: Self.userKey(username)) }
    }

    private static func userKey(_ username: String) -> String { "user:" + username.lowercased() }
    private static func addressKey(_ address: String) -> String { "address:" + address }
}
