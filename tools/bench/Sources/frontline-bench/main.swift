// frontline-bench: micro-benchmarks run by tools/bench/run (make bench).
//   frontline-bench wrapper [N]   GEOS wrapper cost per call (compare with wrapper/geos_peer.c)
let arguments = CommandLine.arguments.dropFirst()
switch arguments.first {
case "wrapper":
    try WrapperBench.run(count: arguments.dropFirst().first.flatMap { Int($0) } ?? 1_000_000)
case "create":
    try WrapperBench.createOnly(count: arguments.dropFirst().first.flatMap { Int($0) } ?? 100_000)
default:
    print("usage: frontline-bench wrapper [N]")
}
