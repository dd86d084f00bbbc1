import ArgumentParser

/// `--repository PATH`: which case repository a command works on, for commands whose
/// positional arguments are ids or revisions.
struct RepositoryOption: ParsableArguments {
    @Option(name: .customLong("repository"), help: "A folder in the case repository (the one with casebook.yaml is found upwards).")
    var path: String = "."
}
