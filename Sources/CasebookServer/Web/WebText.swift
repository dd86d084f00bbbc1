/// The words of the pages, one catalogue per language; a page takes the reader's.
struct WebText: Sendable {
    let navigation, projects, api, signIn, signOut, footer, noProjects, casesTitle, cases, plans, groups, commit: String
    let breadcrumbs, search, tag, tags, priority, type, automation, owner, group, filter, any, id, title, noCases, next: String
    let requirements, links, preconditions, steps, sharedStep, file, username, password, wrongLogin: String
    let runs, plan, build, state, created, noRuns, passRate, statuses, outdated, noOutdated, byDevice, byGroup, noDevice: String
    let plansTitle, executions, executionsTitle, device, noPlans, findings, errors, warnings, clean: String
    let results, noResults, status, run, by, when, version, outdatedResult, currentResult, history: String

    static let english = WebText(
        navigation: "Main", projects: "Projects", api: "API", signIn: "Sign in", signOut: "Sign out",
        footer: "Casebook — test cases as code", noProjects: "No project you may read.", casesTitle: "Cases", cases: "cases", plans: "plans",
        groups: "groups",
        commit: "Commit", breadcrumbs: "Breadcrumbs", search: "Words", tag: "Tag", tags: "Tags", priority: "Priority", type: "Type",
        automation: "Automation", owner: "Owner", group: "Group", filter: "Filter", any: "any", id: "Id", title: "Title",
        noCases: "No case matches.", next: "Next page", requirements: "Requirements", links: "Links", preconditions: "Preconditions",
        steps: "Steps", sharedStep: "From a shared-step block", file: "File", username: "Username", password: "Password",
        wrongLogin: "Wrong username or password, or the account is disabled.", runs: "Runs", plan: "Plan", build: "Build", state: "State",
        created: "Created", noRuns: "No run yet.", passRate: "Pass rate", statuses: "Results", outdated: "Outdated results",
        noOutdated: "None: every result is of the case as it is now.", byDevice: "By device", byGroup: "By group", noDevice: "(no device)",
        plansTitle: "Plans", executions: "executions", executionsTitle: "Executions", device: "Device", noPlans: "No plan yet.", findings: "Findings",
        errors: "errors",
        warnings: "warnings", clean: "No finding: the commit validates cleanly.", results: "Results", noResults: "Not executed yet.",
        status: "Status", run: "Run", by: "By", when: "When", version: "Version", outdatedResult: "outdated: the case changed since",
        currentResult: "current", history: "History")

    static let chinese = WebText(
        navigation: "主导航", projects: "项目", api: "API", signIn: "登录", signOut: "退出",
        footer: "Casebook — 以代码管理测试用例", noProjects: "没有你可以查看的项目。", casesTitle: "用例", cases: "用例", plans: "计划", groups: "分组",
        commit: "提交", breadcrumbs: "位置", search: "关键词", tag: "标签", tags: "标签", priority: "优先级", type: "类型",
        automation: "自动化", owner: "负责人", group: "分组", filter: "筛选", any: "全部", id: "编号", title: "标题",
        noCases: "没有匹配的用例。", next: "下一页", requirements: "需求", links: "链接", preconditions: "前置条件",
        steps: "步骤", sharedStep: "来自共享步骤", file: "文件", username: "用户名", password: "密码",
        wrongLogin: "用户名或密码错误，或账户已停用。", runs: "测试执行", plan: "计划", build: "构建", state: "状态",
        created: "创建时间", noRuns: "还没有测试执行。", passRate: "通过率", statuses: "结果", outdated: "过期的结果",
        noOutdated: "没有：所有结果都对应用例的当前版本。", byDevice: "按设备", byGroup: "按分组", noDevice: "（无设备）",
        plansTitle: "计划", executions: "次执行", executionsTitle: "执行次数", device: "设备", noPlans: "还没有计划。", findings: "检查结果", errors: "个错误",
        warnings: "个警告", clean: "没有问题：该提交校验通过。", results: "执行结果", noResults: "尚未执行。",
        status: "状态", run: "测试执行", by: "执行人", when: "时间", version: "版本", outdatedResult: "已过期：用例之后有改动",
        currentResult: "最新", history: "历史")

    /// The catalogue the `Accept-Language` header asks for first (English when none matches),
    /// and its language tag.
    static func choose(_ acceptLanguage: String?) -> (WebText, String) {
        for range in (acceptLanguage ?? "").split(separator: ",") {
            let tag = range.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            if tag.hasPrefix("zh") { return (chinese, "zh-Hans") }
            if tag.hasPrefix("en") { return (english, "en") }
        }
        return (english, "en")
    }
}
