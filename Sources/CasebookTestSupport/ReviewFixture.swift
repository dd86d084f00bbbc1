/// A case repository with a pull request's worth of history: `main`, and a branch `feature` made
/// from it that adds, removes, moves, edits and reorders cases, edits a shared-step block, a
/// group and a plan's selectors, and introduces and fixes findings. After the branch, `main`
/// gains a case with the id `feature` also gave its new case (two branches allocating the same id).
package struct ReviewFixture: Sendable {
    package let fixture: GitFixture
    /// `main` where `feature` branched off.
    package let forkPoint: String
    /// The tip of `feature`.
    package let feature: String
    /// The tip of `main`, with the colliding case.
    package let main: String

    package init() throws {
        fixture = try GitFixture()
        try fixture.write([
            "casebook.yaml": """
            project: { key: SHOP, name: Shop }
            devices:
              - { id: web, name: Web }
              - { id: phone, name: Phone }
            fields:
              component: { type: enum, values: [web, api] }

            """,
            "shared-steps/login.yaml": """
            id: LOGIN
            title: Sign in
            steps:
              - action: Open the sign-in page
                expected: The form is shown
              - action: Submit the test user's credentials
                expected: The dashboard is shown

            """,
            "cases/checkout/group.yaml": "title: Checkout\n",
            "cases/checkout/pay.yaml": """
            id: SHOP-1
            title: Pay with a saved card
            priority: high
            tags: [checkout, smoke]
            steps:
              - action: Open the cart
                expected: The cart shows 1 item
              - action: Choose the saved card
                expected: The card is selected
              - action: Confirm the order
                expected: The receipt is shown

            """,
            "cases/checkout/signed-in.yaml": """
            id: SHOP-2
            title: Check out when signed in
            tags: [checkout]
            steps:
              - use: LOGIN
              - action: Open the cart
                expected: The saved address is filled in

            """,
            "cases/account/logout.yaml": """
            id: SHOP-3
            title: Log out
            tags: [account, smoke]
            steps:
              - action: Click "Log out"
                expected: The home page is shown

            """,
            "cases/account/delete.yaml": """
            id: SHOP-4
            title: Delete the account
            steps:
              - action: Delete the account
                expected: A goodbye mail arrives

            """,
            "cases/account/rename.yaml": """
            id: SHOP-5
            title: Rename the account
            priority: hgh
            steps:
              - action: Change the display name
                expected: The new name is shown

            """,
            "plans/smoke.yaml": """
            id: PLAN-SMOKE
            title: Smoke
            devices: [web]
            include:
              - tags: [smoke]

            """,
        ])
        forkPoint = try fixture.commit("Cases for the shop")

        try fixture.git("checkout", "-q", "-b", "feature")
        try fixture.write([
            "cases/checkout/pay.yaml": """
            id: SHOP-1
            title: Pay with a stored card
            priority: critical
            tags: [checkout, smoke, regression]
            steps:
              - action: Confirm the order
                expected: The receipt is shown
              - action: Open the cart
                expected: The cart shows 1 item
              - action: Choose the saved card
                expected: The card is selected and its last digits are shown

            """,
            "cases/checkout/gift-card.yaml": """
            id: SHOP-6
            title: Pay with a gift card
            tags: [checkout, smoke]
            steps:
              - action: Redeem a gift card
                expected: The total drops by its value
            fields: { component: desktop }

            """,
            "cases/account/rename.yaml": """
            id: SHOP-5
            title: Rename the account
            priority: high
            steps:
              - action: Change the display name
                expected: The new name is shown

            """,
            "shared-steps/login.yaml": """
            id: LOGIN
            title: Sign in
            steps:
              - action: Open the sign-in page from the header
                expected: The form is shown
              - action: Submit the test user's credentials
                expected: The dashboard is shown

            """,
            "cases/checkout/group.yaml": "title: Checkout and payment\n",
            "plans/smoke.yaml": """
            id: PLAN-SMOKE
            title: Smoke
            devices: [web, phone]
            include:
              - tags: [smoke]
            exclude:
              - group: profile

            """,
        ])
        try fixture.remove("cases/account/delete.yaml")
        try fixture.move("cases/account/logout.yaml", to: "cases/profile/logout.yaml")
        try fixture.write([
            "cases/profile/logout.yaml": """
            id: SHOP-3
            title: Log out everywhere
            tags: [account, smoke]
            steps:
              - action: Click "Log out"
                expected: The home page is shown

            """
        ])
        feature = try fixture.commit("Rework checkout and the account cases", author: "Bea Reviewer")

        try fixture.git("checkout", "-q", "main")
        try fixture.write([
            "cases/account/export.yaml": """
            id: SHOP-6
            title: Export the account's data
            steps:
              - action: Ask for an export
                expected: A download link arrives

            """
        ])
        main = try fixture.commit("Export account data")
    }
}
