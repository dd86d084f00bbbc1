import Foundation

#if FUZZING
    /// One input for the target named by `CASEBOOK_FUZZ_TARGET`: libFuzzer's entry point.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        Fuzz.target.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
        return 0
    }

    /// libFuzzer's driver, which `make fuzz` links in (`-sanitize=fuzzer,address -DFUZZING`).
    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzer(
        _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    /// Fuzzes the target named by `CASEBOOK_FUZZ_TARGET`, with libFuzzer's options as arguments.
    /// (The executable's `main` is this or libFuzzer's own, depending on the linker: both run
    /// ``fuzzOne(_:_:)``.)
    @main enum Fuzz {
        static let target: FuzzTarget = {
            let name = ProcessInfo.processInfo.environment["CASEBOOK_FUZZ_TARGET"] ?? ""
            guard let target = FuzzTarget(rawValue: name) else {
                FileHandle.standardError.write(
                    Data("set CASEBOOK_FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
                exit(2)
            }
            return target
        }()

        static func main() {
            _ = target
            var argc = CommandLine.argc
            var argv = CommandLine.unsafeArgv
            exit(runFuzzer(&argc, &argv, fuzzOne))
        }
    }
#else
    /// Without the fuzzer: runs files (a corpus, a crash the fuzzer found) through a target, so a
    /// crash becomes a regression test. `casebook-fuzz TARGET FILE|FOLDER...`
    @main enum Replay {
        static func main() {
            let arguments = CommandLine.arguments.dropFirst()
            guard let name = arguments.first, let target = FuzzTarget(rawValue: name), arguments.count > 1 else {
                FileHandle.standardError.write(
                    Data(
                        "usage: casebook-fuzz TARGET FILE|FOLDER... (targets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")))\n".utf8)
                )
                exit(2)
            }
            var count = 0
            for path in arguments.dropFirst() {
                for file in files(at: path) {
                    guard let data = FileManager.default.contents(atPath: file) else {
                        FileHandle.standardError.write(Data("cannot read \(file)\n".utf8))
                        exit(2)
                    }
                    target.run([UInt8](data))
                    count += 1
                }
            }
            print("\(count) inputs ran through \(target.rawValue)")
        }

        /// `path` itself, or the files below it when it is a folder.
        static func files(at path: String) -> [String] {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else { return [path] }
            let below = FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? []
            return below.sorted().map { path + "/" + $0 }.filter {
                !FileManager.default.fileExists(atPath: $0, isDirectory: &isFolder) || !isFolder.boolValue
            }
        }
    }
#endif
