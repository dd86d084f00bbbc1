/// One step of a case as a tester performs it: shared-step blocks expanded in place.
package struct ExpandedStep: Sendable, Hashable {
    /// An action, or a `use:` of a block that does not exist or closes a cycle.
    package var kind: Step.Kind
    /// The block the step came from, `nil` for the case's own steps.
    package var block: String?
}

extension Snapshot {
    /// How deep blocks may use blocks before expansion stops (cycles are findings of their own).
    static let maximumBlockDepth = 16

    /// `steps` with every `use:` of a known block replaced by the block's steps, recursively.
    /// Unknown blocks and cycles are validation findings; they stay as `use:` steps here.
    package func expandedSteps(_ steps: [Step]) -> [ExpandedStep] {
        var out: [ExpandedStep] = []
        func expand(_ steps: [Step], block: String?, depth: Int) {
            for step in steps {
                if case .use(let id) = step.kind, let used = sharedSteps[id], depth < Self.maximumBlockDepth {
                    expand(used.steps, block: id, depth: depth + 1)
                } else {
                    out.append(ExpandedStep(kind: step.kind, block: block))
                }
            }
        }
        expand(steps, block: nil, depth: 0)
        return out
    }

    /// `block` and every block that uses it, directly or through other blocks.
    package func blocks(using block: String) -> Set<String> {
        var reached: Set<String> = [block]
        var grew = true
        while grew {
            grew = false
            for candidate in sharedSteps.values where !reached.contains(candidate.id) {
                if candidate.steps.contains(where: { if case .use(let id) = $0.kind { reached.contains(id) } else { false } }) {
                    reached.insert(candidate.id)
                    grew = true
                }
            }
        }
        return reached
    }
}
