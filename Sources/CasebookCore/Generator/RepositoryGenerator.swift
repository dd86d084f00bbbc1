/// Writes a realistic synthetic case repository in memory: nested groups, cases with tags,
/// priorities, automation and custom fields, shared steps and plans using every selector.
/// Deterministic for a given seed; used by `casebook generate` and the benchmarks. Writes at
/// least two cases (the plans name them).
package struct RepositoryGenerator {
    package var caseCount: Int
    package var seed: UInt64

    package init(caseCount: Int, seed: UInt64 = 42) {
        self.caseCount = caseCount
        self.seed = seed
    }

    private static let areas = ["checkout", "catalog", "account", "search", "cart", "orders", "payments", "shipping", "mobile", "admin"]
    private static let features = ["core", "edge-cases", "localization", "accessibility", "errors", "promotions", "limits", "sync"]
    private static let tags = ["smoke", "regression", "checkout", "guest", "logged-in", "mobile", "web", "api", "slow", "flaky", "a11y", "i18n"]
    private static let verbs = ["Open", "Select", "Enter", "Submit", "Remove", "Change", "Confirm", "Cancel", "Refresh", "Filter"]
    private static let objects = [
        "the cart", "a saved card", "the shipping address", "a coupon code", "the order list", "the search box", "a product page", "the profile form",
    ]
    private static let outcomes = [
        "The page shows the updated total", "A confirmation message is shown", "The list is sorted by date", "An inline error explains the problem",
        "The change is saved", "Nothing is charged",
    ]

    /// The files of the repository: path relative to its root → content.
    package func files() -> [(path: String, content: String)] {
        var random = SplitMix64(seed: seed)
        var files: [(String, String)] = [("casebook.yaml", settings)]
        files.append(("README.md", "# Generated case repository\n\n\(caseCount) synthetic cases for benchmarks.\n"))
        files.append(("shared-steps/login.yaml", block(id: "LOGIN-STEPS", title: "Sign in as the test user", uses: nil)))
        files.append(("shared-steps/checkout.yaml", block(id: "CHECKOUT-STEPS", title: "Pay for the cart", uses: "LOGIN-STEPS")))
        let groups = groupPaths(count: max(1, caseCount / 40))
        for group in groups where random.next(below: 3) == 0 {
            files.append(
                (
                    "cases/\(group)/group.yaml",
                    "title: \(Self.title(of: group))\ndescription: Cases for \(group).\nowner: owner-\(random.next(below: 12))\n"
                ))
        }
        for number in 1...max(2, caseCount) {
            // The first two cases are what the plans name, so that every plan selects something.
            let group = number <= 2 ? groups[0] : groups[random.next(below: groups.count)]
            files.append(("cases/\(group)/case-\(number).yaml", testCase(number: number, random: &random)))
        }
        files.append(
            (
                "plans/smoke.yaml",
                "id: PLAN-SMOKE\ntitle: Smoke on every device\ndevices: [pixel-8, iphone-15, chrome-desktop]\ninclude:\n  - tags: [smoke]\n  - case: GEN-1\nexclude:\n  - tags: [flaky]\n"
            ))
        files.append(
            (
                "plans/release.yaml",
                "id: PLAN-RELEASE\ntitle: Release regression\nmilestone: \"1.0\"\ndevices: [chrome-desktop]\ninclude:\n  - priority: [critical, high]\n  - group: \(groups[0].split(separator: "/")[0])\n"
            ))
        files.append(
            (
                "plans/checkout.yaml",
                "id: PLAN-CHECKOUT\ntitle: Checkout deep dive\ninclude:\n  - group: checkout\n    tags: [checkout]\n  - case: GEN-2\n"
            ))
        return files
    }

    private var settings: String {
        """
        project:
          key: GEN
          name: Generated shop
          description: Synthetic repository with \(caseCount) cases.
        devices:
          - { id: pixel-8, name: Google Pixel 8, platform: android, os: "14" }
          - { id: iphone-15, name: iPhone 15, platform: ios, os: "17.4" }
          - { id: chrome-desktop, name: Chrome on desktop, platform: web }
        fields:
          component: { type: enum, values: [web, api, mobile], required: true }
          estimate-points: { type: integer }

        """
    }

    private func block(id: String, title: String, uses: String?) -> String {
        var text = "id: \(id)\ntitle: \(title)\nsteps:\n"
        if let uses { text += "  - use: \(uses)\n" }
        text += "  - action: Open the page\n    expected: The form is shown\n  - action: Submit the form\n    expected: The next page is shown\n"
        return text
    }

    /// Folders like `checkout/edge-cases`, always including every top-level area named `checkout`.
    private func groupPaths(count: Int) -> [String] {
        (0..<count).map { index in
            let area = Self.areas[index % Self.areas.count]
            let round = index / Self.areas.count
            if round == 0 { return area }
            let feature = Self.features[(round - 1) % Self.features.count]
            let depth = (round - 1) / Self.features.count
            return depth == 0 ? "\(area)/\(feature)" : "\(area)/\(feature)/part-\(depth)"
        }
    }

    private static func title(of group: String) -> String {
        group.split(separator: "/").last.map { $0.prefix(1).uppercased() + $0.dropFirst() } ?? group
    }

    private func testCase(number: Int, random: inout SplitMix64) -> String {
        let priorities = ["critical", "high", "high", "medium", "medium", "medium", "low"]
        let tagCount = 1 + random.next(below: 3)
        var tags: [String] = number == 1 ? ["smoke", "checkout"] : number == 2 ? ["smoke", "flaky"] : []
        while tags.count < tagCount {
            let tag = Self.tags[random.next(below: Self.tags.count)]
            if !tags.contains(tag) { tags.append(tag) }
        }
        let verb = Self.verbs[random.next(below: Self.verbs.count)], object = Self.objects[random.next(below: Self.objects.count)]
        var text = "# yaml-language-server: $schema=../../schemas/case.schema.json\n"
        text += "id: GEN-\(number)\ntitle: \(verb) \(object) (variant \(number))\n"
        text += "priority: \(priorities[random.next(below: priorities.count)])\n"
        text += "type: \(["functional", "functional", "regression", "smoke", "usability"][random.next(below: 5)])\n"
        if random.next(below: 2) == 0 {
            text += "automation: { status: automated, ref: \"GeneratedTests.test\(number)\" }\n"
        }
        text += "tags: [\(tags.joined(separator: ", "))]\nowner: owner-\(random.next(below: 12))\nestimate: \(1 + random.next(below: 20))m\n"
        text += "preconditions: |\n  A signed-in user with \(1 + random.next(below: 5)) items in the cart.\n"
        text += "steps:\n"
        if random.next(below: 4) == 0 { text += "  - use: LOGIN-STEPS\n" }
        for step in 0..<(2 + random.next(below: 4)) {
            let verb = Self.verbs[(number + step) % Self.verbs.count], object = Self.objects[random.next(below: Self.objects.count)]
            text += "  - action: \(verb) \(object)\n    expected: \(Self.outcomes[random.next(below: Self.outcomes.count)])\n"
        }
        text += "requirements: [REQ-\(1 + random.next(below: 500))]\n"
        text += "fields: { component: \(["web", "api", "mobile"][random.next(below: 3)]), estimate-points: \(1 + random.next(below: 8)) }\n"
        return text
    }
}

/// A small, fast, seedable random number generator (SplitMix64).
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound`.
    mutating func next(below bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}
