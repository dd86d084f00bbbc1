/// How much a finding matters: errors fail validation, warnings only with `--strict`.
package enum Severity: String, Sendable {
    case warning, error
}

/// Every check the validator makes, with its stable id (printed as `[rule]`) and severity.
package enum Rule: String, Sendable, CaseIterable {
    case yamlSyntax = "yaml.syntax"
    case yamlDuplicateKey = "yaml.duplicate-key"
    case yamlAlias = "yaml.alias"
    case yamlSize = "yaml.size"
    case yamlDepth = "yaml.depth"
    case yamlMultipleDocuments = "yaml.multi-document"
    case yamlEncoding = "yaml.encoding"
    case fileEmpty = "file.empty"
    case fileTooLarge = "file.too-large"
    case fileUnreadable = "file.unreadable"
    case fileUnknown = "file.unknown"
    case fileExtension = "file.extension"
    case schemaUnknownKey = "schema.unknown-key"
    case schemaMissingKey = "schema.missing-key"
    case schemaType = "schema.type"
    case idFormat = "id.format"
    case idDuplicate = "id.duplicate"
    case valueDuration = "value.duration"
    case valueURL = "value.url"
    case fieldDeclaration = "field.declaration"
    case fieldUndeclared = "field.undeclared"
    case fieldValue = "field.value"
    case fieldRequired = "field.required"
    case casePriority = "case.priority"
    case caseType = "case.type"
    case caseAutomationStatus = "case.automation-status"
    case caseAutomationRef = "case.automation-ref"
    case caseSteps = "case.steps"
    case stepEmpty = "step.empty"
    case stepShape = "step.shape"
    case stepUnknownBlock = "step.unknown-block"
    case stepCycle = "step.cycle"
    case planUnknownCase = "plan.unknown-case"
    case planUnknownGroup = "plan.unknown-group"
    case planUnknownDevice = "plan.unknown-device"
    case planUnknownTag = "plan.unknown-tag"
    case planUnknownPriority = "plan.unknown-priority"
    case planEmptySelector = "plan.empty-selector"
    case planEmpty = "plan.empty"
    case baseIDTaken = "base.id-taken"
    case baseIDChanged = "base.id-changed"
    case baseRemovedWithHistory = "base.removed-with-history"

    /// The severity every finding of this rule has.
    package var severity: Severity {
        switch self {
        case .fileUnknown, .fileExtension, .caseAutomationRef, .planUnknownTag, .baseRemovedWithHistory: .warning
        default: .error
        }
    }

    /// One sentence on what the rule checks (SARIF's rule description, `casebook rules`).
    package var summary: String {
        switch self {
        case .yamlSyntax: "The file is well-formed YAML."
        case .yamlDuplicateKey: "No key appears twice in one mapping."
        case .yamlAlias: "Aliases name an anchor and do not blow the document up."
        case .yamlSize: "A file holds at most 100,000 YAML nodes (keys, values and items)."
        case .yamlDepth: "Collections are not nested absurdly deep."
        case .yamlMultipleDocuments: "A file holds one YAML document."
        case .yamlEncoding: "Files are UTF-8 text."
        case .fileEmpty: "A casebook file is not empty."
        case .fileTooLarge: "A casebook file is at most 1 MiB."
        case .fileUnreadable: "Every file can be read."
        case .fileUnknown: "Files live in the folders casebook knows (cases/, shared-steps/, plans/)."
        case .fileExtension: "Casebook files end in .yaml."
        case .schemaUnknownKey: "Every key is one the format defines."
        case .schemaMissingKey: "Required keys are present."
        case .schemaType: "Every value has the type the format expects."
        case .idFormat: "Ids have the required form."
        case .idDuplicate: "Ids are unique in the repository."
        case .valueDuration: "Durations read like 90s, 5m or 1h30m."
        case .valueURL: "Links are absolute URLs."
        case .fieldDeclaration: "Custom field declarations are complete."
        case .fieldUndeclared: "Custom fields are declared in casebook.yaml."
        case .fieldValue: "Custom field values match their declaration."
        case .fieldRequired: "Required custom fields are set."
        case .casePriority: "A case's priority is one of the project's priorities."
        case .caseType: "A case's type is one of the project's types."
        case .caseAutomationStatus: "Automation status is automated, manual or planned."
        case .caseAutomationRef: "An automated case names its test with automation.ref."
        case .caseSteps: "A case has at least one step."
        case .stepEmpty: "A step has an action or an expected result."
        case .stepShape: "A step is either action/expected or use."
        case .stepUnknownBlock: "use: names a shared-step block that exists."
        case .stepCycle: "Shared-step blocks do not use each other in a cycle."
        case .planUnknownCase: "Plans select cases that exist."
        case .planUnknownGroup: "Plans select groups that exist."
        case .planUnknownDevice: "Plans run on devices declared in casebook.yaml."
        case .planUnknownTag: "Tag selectors match at least one case."
        case .planUnknownPriority: "Priority selectors name the project's priorities."
        case .planEmptySelector: "Every include or exclude item selects something."
        case .planEmpty: "A plan resolves to at least one case."
        case .baseIDTaken: "A new case does not take an id the target branch already gave another case (validate --base)."
        case .baseIDChanged: "An existing case file keeps its id, so its history and results stay attached (validate --base)."
        case .baseRemovedWithHistory: "A removed case has no results or comments in the database (validate --base --database)."
        }
    }
}
